/*
 * Engine: FullTcpByteQueue, FIFO of Packet fragments behind the send and receive buffers
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_BYTE_QUEUE_H
#define FULLTCP_BYTE_QUEUE_H

#include "ns3/packet.h"

#include <cstdint>
#include <deque>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A FIFO of bytes held as ns-3 Packet fragments (never copied byte by byte).
 *
 * The send queue (bytes written and not yet acknowledged) and the receive queue (in-order
 * bytes not yet read) are both this: bytes go in at the back, are copied out from any
 * offset, and leave from the front.
 */
class FullTcpByteQueue
{
  public:
    /// \param bytes appended at the back (an empty packet is ignored)
    void Append(Ptr<Packet> bytes);

    /**
     * \param offset first byte, counted from the front
     * \param length how many bytes; offset + length must not exceed Size()
     * \return a new packet holding those bytes (fragments of the queued packets)
     */
    Ptr<Packet> Copy(uint32_t offset, uint32_t length) const;

    /// \param length bytes to remove from the front (at most Size())
    void PopFront(uint32_t length);

    /// \return bytes held
    uint32_t Size() const;

  private:
    std::deque<Ptr<Packet>> m_chunks; //!< fragments in stream order
    uint32_t m_size {0};              //!< total bytes in m_chunks
    mutable size_t m_hintIndex {0};   //!< chunk where the last Copy() started
    mutable uint32_t m_hintStart {0}; //!< offset of that chunk's first byte
};

} // namespace ns3

#endif /* FULLTCP_BYTE_QUEUE_H */
