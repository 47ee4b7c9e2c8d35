/*
 * Engine: undo bookkeeping of cwnd reductions (Linux undo_marker, undo_retrans, RFC 3522, 3708)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_UNDO_H
#define FULLTCP_UNDO_H

#include "ns3/fulltcp-range.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief How a cwnd reduction was undone, with Linux's counter for it (tcp_input.c).
 */
enum class FullTcpUndoKind : uint8_t
{
    /// The full ACK of a fast recovery, with every retransmission D-SACKed or the original
    /// shown delivered by its timestamp (tcp_try_undo_recovery(); TCPFullUndo): "full"
    FULL,
    /// A partial ACK of a fast recovery, the hole filled by the delayed original
    /// (tcp_try_undo_partial(); TCPPartialUndo): "partial"
    PARTIAL,
    /// D-SACKs reported every retransmission as a duplicate (tcp_try_undo_dsack(), RFC 3708;
    /// TCPDSACKUndo): "dsack"
    DSACK,
    /// After a timeout, by timestamps (Eifel, RFC 3522) or D-SACKs (tcp_try_undo_loss();
    /// TCPLossUndo): "loss"
    LOSS,
    /// After a timeout that F-RTO found spurious (RFC 5682; tcp_try_undo_loss(sk, true);
    /// TCPLossUndo and TCPSpuriousRTOs): "frto"
    FRTO,
};

/// \param k an undo kind \return its name: "full", "partial", "dsack", "loss" or "frto"
const char* FullTcpUndoKindName(FullTcpUndoKind k);

/**
 * \ingroup fulltcp
 * \brief Undo counters of one connection, Linux's MIB names (nstat TcpExt...).
 */
struct FullTcpUndoCounters
{
    uint64_t fullUndo {0};     //!< TCPFullUndo
    uint64_t partialUndo {0};  //!< TCPPartialUndo
    uint64_t dsackUndo {0};    //!< TCPDSACKUndo
    uint64_t lossUndo {0};     //!< TCPLossUndo (F-RTO's undos too, as Linux counts them)
    uint64_t spuriousRtos {0}; //!< TCPSpuriousRTOs: timeouts F-RTO found spurious

    /// \param kind count one undo of this kind, as Linux does
    void Count(FullTcpUndoKind kind);
};

/**
 * \ingroup fulltcp
 * \brief What Linux keeps to undo a cwnd reduction that turns out spurious (struct tcp_sock:
 * undo_marker, undo_retrans, prior_cwnd, prior_ssthresh, retrans_stamp).
 *
 * A reduction (fast retransmit, Linux tcp_enter_recovery(); a timeout, tcp_enter_loss())
 * Begin()s an episode: SND.UNA becomes the undo marker, cwnd and ssthresh before it are
 * remembered, and undo_retrans counts the retransmissions still out (tcp_init_undo()). Every
 * retransmission counts one more per segment and the first one stamps retrans_stamp with its
 * TSval (tcp_retransmit_skb()); every D-SACK of a retransmitted segment above the marker
 * counts one less (RFC 3708 §3; tcp_check_dsack(), tcp_sacktag_one()). When undo_retrans
 * reaches zero every retransmission was needless; when an ACK echoes a TSecr older than
 * retrans_stamp the original arrived (Eifel, RFC 3522 §3.2; tcp_packet_delayed()). The
 * connection decides when to undo (fulltcp-undo-hooks.cc).
 *
 * Linux counts packets; this counts segments of SMSS. Linux's retrans_out (retransmissions
 * not yet acknowledged, less SACKed ones) is approximated by the retransmitted ranges above
 * SND.UNA.
 */
class FullTcpUndo
{
  public:
    /**
     * \brief A cwnd reduction begins an episode (Linux tcp_init_undo() with prior_cwnd and
     * prior_ssthresh).
     * \param sndUna SND.UNA: the undo marker
     * \param priorCwnd cwnd before the reduction
     * \param priorSsthresh Linux tcp_current_ssthresh() before it
     * \param smss SMSS, to count the retransmissions still out in segments
     */
    void Begin(int64_t sndUna, uint32_t priorCwnd, uint32_t priorSsthresh, uint32_t smss);

    /**
     * \brief A retransmission left (Linux tcp_retransmit_skb()).
     * \param r the range resent \param tsVal its TSval \param smss SMSS
     */
    void Retransmitted(FullTcpRange r, uint32_t tsVal, uint32_t smss);

    /**
     * \brief A D-SACK block arrived (RFC 2883), before the ACK moves SND.UNA.
     * \param r the duplicate range \param sndUna SND.UNA before the ACK \param smss SMSS
     */
    void DsackArrived(FullTcpRange r, int64_t sndUna, uint32_t smss);

    /// SND.UNA advanced: forget retransmitted ranges below it. \param sndUna the new SND.UNA
    void Acknowledged(int64_t sndUna);

    /// \param tsecr the ACK's TSecr, when it has a usable one \return whether the ACK shows
    ///        the original transmission arrived, or nothing was retransmitted (Linux
    ///        tcp_packet_delayed())
    bool PacketDelayed(std::optional<uint32_t> tsecr) const;
    /// \param tsecr as PacketDelayed() \return an episode is open and either every
    ///        retransmission was D-SACKed or PacketDelayed() (Linux tcp_may_undo())
    bool MayUndo(std::optional<uint32_t> tsecr) const;
    /// \return an episode is open and every retransmission was D-SACKed (the test of Linux
    ///         tcp_try_undo_dsack())
    bool AllRetransmissionsDsacked() const;
    /// \param sndUna SND.UNA \return whether retransmitted data is still unacknowledged
    ///        (Linux retrans_out != 0)
    bool RetransmissionsOut(int64_t sndUna) const;

    /// The episode ends (Linux undo_marker = 0), undone or not.
    void End();
    /// No retransmission is outstanding and the sender is open: forget retrans_stamp (Linux
    /// tcp_fastretrans_alert() in Open, tcp_try_to_open()).
    void ClearStamp();

    /// \param kind count one undo of this kind in the connection's counters
    void Count(FullTcpUndoKind kind);

    /// \return the undo marker (Linux undo_marker), while an episode is open
    std::optional<int64_t> GetMarker() const;
    /// \return undo_retrans: retransmissions not yet D-SACKed; -1 when none was counted
    int32_t GetRetrans() const;
    /// \return cwnd before the reduction (Linux prior_cwnd)
    uint32_t GetPriorCwnd() const;
    /// \return ssthresh before the reduction (Linux prior_ssthresh)
    uint32_t GetPriorSsthresh() const;
    /// \return the TSval of the first retransmission not yet forgotten (Linux retrans_stamp)
    std::optional<uint32_t> GetRetransStamp() const;
    /// \return the counters
    const FullTcpUndoCounters& GetCounters() const;

  private:
    /// \param length bytes \param smss SMSS \return the length in segments, at least one
    static int32_t Segments(int64_t length, uint32_t smss);

    std::optional<int64_t> m_marker;        //!< undo_marker
    int32_t m_retrans {-1};                 //!< undo_retrans (-1: none counted yet)
    uint32_t m_priorCwnd {0};               //!< prior_cwnd
    uint32_t m_priorSsthresh {0};           //!< prior_ssthresh
    std::optional<uint32_t> m_retransStamp; //!< retrans_stamp, as a TSval
    FullTcpRangeSet m_retransOut;           //!< retransmitted, above SND.UNA
    FullTcpUndoCounters m_counters;         //!< what was undone
};

} // namespace ns3

#endif /* FULLTCP_UNDO_H */
