/*
 * Engine: sender's SACK scoreboard with RFC 6675 §4 IsLost(), SetPipe(), NextSeg()
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SACK_SCOREBOARD_H
#define FULLTCP_SACK_SCOREBOARD_H

#include "fulltcp-range.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The sender's SACK scoreboard and the RFC 6675 §4 routines over it.
 *
 * Holds which offsets above SND.UNA the peer has SACKed (a Boost ICL interval set). The
 * routines are those of RFC 6675 §4, computed per byte range instead of per octet:
 * IsLost() (through LostBelow(), since "lost" is monotonic: every unSACKed offset below
 * some boundary is lost, none above it), SetPipe() as Pipe(), and NextSeg().
 *
 * Offsets are the sender's stream offsets: HighACK is SND.UNA, HighData is SND.NXT, and
 * HighRxt, RescueRxt and RecoveryPoint are the offsets just past what they name.
 */
class FullTcpSackScoreboard
{
  public:
    /**
     * \brief Record one SACK block.
     * \param block the block, already clipped to [SND.UNA, SND.NXT)
     * \return how many bytes were not SACKed before
     */
    int64_t Add(FullTcpRange block);
    /// \param una the new SND.UNA: everything below is acknowledged and forgotten
    void AckedUpTo(int64_t una);
    /// Forget every SACKed range (RFC 2018 §8: after a retransmission timeout).
    void Clear();

    /// \return whether nothing is SACKed
    bool Empty() const;
    /// \return bytes SACKed
    int64_t SackedBytes() const;
    /// \param range a range of offsets \return how many of them are SACKed
    int64_t SackedIn(FullTcpRange range) const;
    /// \param range a range of offsets \return how many of them are not SACKed
    int64_t UnsackedIn(FullTcpRange range) const;
    /// \param offset a stream offset \return whether the peer SACKed it
    bool IsSacked(int64_t offset) const;
    /// \return the offset just past the highest SACKed byte, if any
    std::optional<int64_t> HighestSackedEnd() const;

    /**
     * \brief RFC 6675 IsLost() as a boundary: an unSACKed offset is lost when DupThresh
     * discontiguous SACKed ranges, or more than (DupThresh - 1) · SMSS SACKed bytes, lie
     * above it.
     * \param dupThresh DupThresh \param smss SMSS
     * \return every unSACKed offset below this is lost, none at or above it (INT64_MIN when
     *         nothing is lost)
     */
    int64_t LostBelow(uint32_t dupThresh, uint32_t smss) const;
    /// \param offset an offset \param dupThresh DupThresh \param smss SMSS
    /// \return RFC 6675 IsLost(offset)
    bool IsLost(int64_t offset, uint32_t dupThresh, uint32_t smss) const;

    /**
     * \brief RFC 6675 SetPipe(): bytes presumed in the network.
     * \param highAck SND.UNA \param highData SND.NXT
     * \param highRxt offset just past the highest retransmitted byte in this recovery
     * \param dupThresh DupThresh \param smss SMSS
     * \return pipe, in bytes
     */
    int64_t Pipe(int64_t highAck,
                 int64_t highData,
                 int64_t highRxt,
                 uint32_t dupThresh,
                 uint32_t smss) const;

    /// \param from an offset \param limit an offset above it
    /// \return the first unSACKed range at or above `from` and below `limit`, if any
    std::optional<FullTcpRange> NextHole(int64_t from, int64_t limit) const;

    /// What NextSeg() chose to send.
    enum class SegmentKind : uint8_t
    {
        LOST,     //!< rule 1: a lost range above HighRxt (retransmit)
        NEW_DATA, //!< rule 2: previously unsent data starting at HighData
        UNSACKED, //!< rule 3: an unSACKed range above HighRxt, not yet deemed lost
        RESCUE,   //!< rule 4: the rescue retransmission (once per recovery)
    };

    /// NextSeg()'s answer.
    struct Segment
    {
        SegmentKind kind;   //!< which rule chose it
        FullTcpRange range; //!< what to send (for NEW_DATA only its start is meaningful)
    };

    /// What NextSeg() needs to know besides the scoreboard.
    struct SenderState
    {
        int64_t highAck;                  //!< SND.UNA
        int64_t highData;                 //!< SND.NXT
        int64_t highRxt;                  //!< just past the highest retransmitted byte
        std::optional<int64_t> rescueRxt; //!< RecoveryPoint of the last rescue, if any
        bool newDataReady;                //!< new data may be sent now (window and policy)
        uint32_t dupThresh;               //!< DupThresh
        uint32_t smss;                    //!< SMSS
    };

    /// \param s the sender's state \return RFC 6675 NextSeg(), or nothing to send
    std::optional<Segment> NextSeg(const SenderState& s) const;

  private:
    FullTcpRangeSet m_sacked; //!< SACKed offsets above SND.UNA
};

} // namespace ns3

#endif /* FULLTCP_SACK_SCOREBOARD_H */
