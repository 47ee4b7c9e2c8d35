/*
 * Engine: Tail Loss Probe (RFC 8985 §7; Linux tcp_schedule_loss_probe(), tcp_send_loss_probe())
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TLP_H
#define FULLTCP_TLP_H

#include "fulltcp-loss-recovery.h"

#include "ns3/fulltcp-range.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The Tail Loss Probe of RACK-TLP (RFC 8985 §7) as Linux 6.18 runs it: the probe
 * timeout, the probe, and the detection of a loss the probe repaired. The "Rack" recovery
 * (FullTcpRackRecovery) owns one and drives it; it has its own timer slot, TLP.
 *
 * Schedule() (tcp_schedule_loss_probe()) arms the probe timeout PTO = 2·SRTT, plus the
 * connection's minimum RTO when one segment is outstanding (the peer may delay its ACK),
 * else plus 2 ms (TCP_TIMEOUT_MIN_US); 1 s (the initial RTO, TCP_TIMEOUT_INIT) before any RTT
 * sample; never later than the retransmission timer. Only in the congestion states Open and
 * CWR, with FullTcpConfig::tlp, while something is outstanding.
 *
 * Probe() (tcp_send_loss_probe()) sends one new segment if the peer's window allows (Nagle
 * off, cwnd not asked), else resends the last segment; at most one probe is outstanding
 * (TLP.end_seq, Linux tlp_high_seq = SND.NXT after the probe), and a probe that went
 * restarts the retransmission timer.
 *
 * OnAck() (tcp_process_tlp_ack()) ends the episode: at once when the probe was new data;
 * when a D-SACK reports the probe (the original arrived, no loss) or a pure duplicate ACK
 * at TLP.end_seq; and when an ACK beyond TLP.end_seq shows that the probe repaired a loss,
 * with a cwnd reduction (FullTcpRecoverySender::ReduceCongestionWindow(), Linux's CWR).
 */
class FullTcpTailLossProbe
{
  public:
    /// The probe timer's slot ("TLP"); its expiry calls FullTcpRackRecovery::ProbeTimeout().
    static const FullTcpTimer TIMER;

    /**
     * \brief Arm (or re-arm) the probe timer, or disarm it when no probe may go
     * (tcp_schedule_loss_probe(); tcp_rearm_rto() replaces it otherwise).
     * \param s the sender \param segmentsOut segments outstanding (Linux packets_out)
     */
    void Schedule(FullTcpRecoverySender& s, uint32_t segmentsOut);

    /// The probe timer expired. \param s the sender \param last the last segment sent
    /// (what is resent when no new data may go), empty if none
    void Probe(FullTcpRecoverySender& s, FullTcpRange last);

    /**
     * \brief An ACK, during a TLP episode (tcp_process_tlp_ack()).
     * \param ack the ACK \param dsackOfProbe its D-SACK reports the probe's retransmission
     * \param s the sender, before SND.WND takes the ACK's window
     */
    void OnAck(const FullTcpAckInfo& ack, bool dsackOfProbe, FullTcpRecoverySender& s);

    /// \param dsack a D-SACK block \param smss SND.MSS \return whether it reports the
    ///        probe's retransmission (Linux tcp_dsack_seen(): FLAG_DSACK_TLP)
    bool IsProbeDsack(FullTcpRange dsack, uint32_t smss) const;

    /// \return whether a probe is being sent (its transmission arms no new probe: Linux
    ///         tcp_write_xmit() with push_one = 2)
    bool Sending() const;

    /// Forget the episode and disarm the timer (a retransmission timeout: Linux
    /// tcp_retransmit_timer() clears tlp_high_seq). \param s the sender
    void Reset(FullTcpRecoverySender& s);

    /// Disarm the timer (a RACK reordering timer took the place of Linux's shared one).
    /// \param s the sender
    void Cancel(FullTcpRecoverySender& s);

    /// \return TLP.end_seq while a probe is outstanding (Linux tlp_high_seq)
    std::optional<int64_t> HighSeq() const;

  private:
    std::optional<int64_t> m_highSeq; //!< TLP.end_seq: SND.NXT when the probe left
    bool m_retrans {false};           //!< the probe resent data (Linux tlp_retrans)
    bool m_sending {false};           //!< Probe() is sending
    std::optional<Time> m_deadline;   //!< when the probe is due (the slot may fire earlier)
};

} // namespace ns3

#endif /* FULLTCP_TLP_H */
