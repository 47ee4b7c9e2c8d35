/*
 * Engine: receiver's SACK blocks and their order (RFC 2018 §4) with D-SACK (RFC 2883 §4)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SACK_GENERATOR_H
#define FULLTCP_SACK_GENERATOR_H

#include "fulltcp-range.h"
#include "fulltcp-reassembly.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The receiver's SACK blocks (RFC 2018 §4) with D-SACK (RFC 2883 §4).
 *
 * Order of the blocks in an ACK:
 *  1. a D-SACK block for the duplicate bytes of the segment just received, followed by the
 *     held block that contains them when they lie above RCV.NXT (RFC 2883 §4);
 *  2. the held block that contains the most recently received out-of-order segment
 *     (RFC 2018 §4: "the first SACK block ... MUST specify the contiguous block of data
 *     containing the segment which triggered this ACK");
 *  3. the other held blocks in the order they were last reported, most recent first
 *     ("repeating the most recently reported SACK blocks").
 *
 * A block is remembered by one offset inside it, so blocks that grow or merge in the
 * reassembly queue are reported as they are now. A D-SACK block is reported once.
 */
class FullTcpSackGenerator
{
  public:
    /// Most blocks one ACK can carry (RFC 2018 §3: four fill the 40 option bytes).
    static constexpr uint32_t MAX_BLOCKS = 4;

    /// \param offset an offset of an out-of-order segment just queued: its block comes first
    void Arrived(int64_t offset);
    /// \param duplicate bytes received again: reported once as a D-SACK block (RFC 2883)
    void Duplicate(FullTcpRange duplicate);
    /**
     * \param held the reassembly queue as it is now
     * \return the blocks for the next ACK, first to last (at most MAX_BLOCKS; the options
     *         keep those that fit beside the timestamps)
     */
    std::vector<FullTcpRange> Blocks(const FullTcpReassemblyQueue& held);
    /// An ACK carried the blocks: the D-SACK block has been reported.
    void Sent();
    /// \param held the reassembly queue as it is now
    /// \return at least as many blocks as Blocks() would return now (without changing
    ///         anything), for sizing a segment's payload
    uint32_t MostBlocks(const FullTcpReassemblyQueue& held) const;

  private:
    std::deque<int64_t> m_recent;        //!< one offset of each reported block, newest first
    std::optional<FullTcpRange> m_dsack; //!< duplicate to report once
};

} // namespace ns3

#endif /* FULLTCP_SACK_GENERATOR_H */
