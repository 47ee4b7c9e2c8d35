/*
 * Engine: reassembly queue, out-of-order text by offset (RFC 9293 §3.10.7.4 seventh step)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_REASSEMBLY_H
#define FULLTCP_REASSEMBLY_H

#include "fulltcp-byte-queue.h"
#include "fulltcp-range.h"

#include "ns3/packet.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Out-of-order text waiting for the bytes before it (RFC 9293 §3.10.7.4, seventh step:
 * segments beyond RCV.NXT "may be held for later processing").
 *
 * Bytes are kept as Packet fragments keyed by stream offset; which offsets are held is a
 * Boost ICL interval set, so overlaps and duplicates are cut away on the way in and nothing
 * is ever delivered twice. The caller keeps only text inside the receive window, so the
 * queue never holds more than the window (RFC 9293 §3.8.6).
 */
class FullTcpReassemblyQueue
{
  public:
    /**
     * \brief Keep the bytes of a segment that are not held yet.
     * \param offset stream offset of the first byte
     * \param bytes the segment's text
     * \return the first part that was already held (a duplicate, reported as D-SACK by
     *         RFC 2883), if any
     */
    std::optional<FullTcpRange> Insert(int64_t offset, Ptr<Packet> bytes);

    /**
     * \brief Move the bytes that continue the stream at `from` into `destination`, and
     * forget anything held below `from`.
     * \param from the next offset the application expects (RCV.NXT)
     * \param destination the in-order receive queue
     * \return how many bytes were moved
     */
    uint32_t MoveInOrder(int64_t from, FullTcpByteQueue& destination);

    /// \return whether nothing is held
    bool Empty() const;
    /// \return bytes held
    uint32_t Size() const;
    /// \return the held ranges, lowest first
    std::vector<FullTcpRange> Ranges() const;
    /// \return how many disjoint ranges are held
    uint32_t RangeCount() const;
    /// \param offset a stream offset \return the held range that contains it, if any
    std::optional<FullTcpRange> RangeContaining(int64_t offset) const;

  private:
    FullTcpRangeSet m_held;                  //!< offsets held, joined
    std::map<int64_t, Ptr<Packet>> m_chunks; //!< disjoint fragments by first offset
};

} // namespace ns3

#endif /* FULLTCP_REASSEMBLY_H */
