/*
 * Engine: loss recovery interface (gVisor lossRecovery; RFC 5681 §3.2, RFC 6582, RFC 6675)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-loss-recovery.h"

#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-tcb.h"

#include <algorithm>

namespace ns3
{

void
FullTcpLossRecovery::OnTimeout(FullTcpRecoverySender&)
{
}

void
FullTcpLossRecovery::OnTransmit(const FullTcpTransmission&, FullTcpRecoverySender&)
{
}

void
FullTcpLossRecovery::OnUndo(FullTcpRecoverySender&, bool)
{
}

uint32_t
FullTcpLossRecovery::BytesInFlight(const FullTcpRecoverySender& s) const
{
    return s.Tcb().FlightSize();
}

void
FullTcpDupAckRecovery::OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    const int64_t delivered = DeliveredData(ack, s);
    const bool wasInRecovery = t.inRecovery;
    if (ack.acked > 0 && t.inRecovery)
    {
        if (ack.ack >= t.recover)
        {
            if (s.Prr())
            {
                // RFC 9937 §6.4: "On the completion of a PRR episode", cwnd = ssthresh,
                // whatever PRR left
                // (Linux tcp_end_cwnd_reduction()).
                s.Window().cwnd = s.Window().ssthresh;
            }
            else
            {
                FullAck(s);
            }
            s.ExitRecovery();
        }
        else
        {
            PartialAck(ack, s);
        }
    }
    if (ack.duplicate && t.inRecovery)
    {
        DuplicateInRecovery(s);
    }
    else if (!t.inRecovery && StartsRecovery(ack, s) && t.sndUna > t.recover)
    {
        BeginRecovery(s, &ack);
    }
    if (s.Prr() && t.inRecovery)
    {
        ReduceCwnd(ack, delivered, !wasInRecovery, s);
    }
}

void
FullTcpDupAckRecovery::BeginRecovery(FullTcpRecoverySender& s, const FullTcpAckInfo* ack)
{
    const FullTcpTcb& t = s.Tcb();
    const uint64_t sentBefore = t.dataBytesSent;
    // Linux tcp_init_cwnd_reduction(): "tp->prior_cwnd = tcp_snd_cwnd(tp)", before the
    // congestion control's ssthresh and the reduction.
    const uint32_t priorCwnd = s.Window().cwnd;
    StartRecovery(s);
    const auto variant =
        FullTcpPrr::VariantFromName(s.Config().prrVariant).value_or(FullTcpPrrVariant::Rfc9937);
    uint32_t recoverFs = priorCwnd;
    if (variant == FullTcpPrrVariant::Rfc9937)
    {
        // RFC 9937 §6.1: RecoverFS = SND.NXT - SND.UNA, less the bytes SACKed before
        // entering recovery (they will not be marked as delivered during recovery), plus the
        // bytes the ACK that starts it acknowledged cumulatively: the data that may be
        // delivered during the episode. The scoreboard holds that ACK's newly SACKed bytes
        // already.
        const int64_t sackedBefore =
            t.scoreboard.SackedBytes() - (ack != nullptr ? ack->newlySacked : 0);
        const int64_t fs =
            static_cast<int64_t>(t.FlightSize()) - sackedBefore + (ack != nullptr ? ack->acked : 0);
        recoverFs = static_cast<uint32_t>(std::max<int64_t>(fs, 0));
    }
    // prr_delivered = prr_out = 0; the fast retransmit is the first of prr_out.
    m_prr.OnEnterRecovery(variant, recoverFs, t.sndMss);
    m_prrSentMark = sentBefore;
    m_lossSeen = LossIndicator(s);
}

void
FullTcpDupAckRecovery::ReduceCwnd(const FullTcpAckInfo& ack,
                                  int64_t delivered,
                                  bool entering,
                                  FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    // RFC 9937 §6.3: "On any data transmission or retransmission", "prr_out += (data sent)".
    // The fast retransmit of the ACK that starts recovery left already (EnterRecovery()); Linux
    // sets cwnd from that ACK's sndcnt before sending it (tcp_fastretrans_alert():
    // tcp_cwnd_reduction(), then tcp_xmit_retransmit_queue()), so with the Linux variant it
    // counts in neither prr_out nor pipe until sndcnt is known. RFC 9937 counts it at once:
    // its sender sent it as RFC 6675 §5 (4.3) says, before PRR's first SndCnt.
    const uint64_t sent = t.dataBytesSent - m_prrSentMark;
    m_prrSentMark = t.dataBytesSent;
    const bool linuxOrder = FullTcpPrr::VariantFromName(s.Config().prrVariant)
                         == std::optional(FullTcpPrrVariant::Linux);
    const uint64_t sentBeforeSndCnt = entering && linuxOrder ? 0 : sent;
    m_prr.OnSent(sentBeforeSndCnt);
    // RFC 9937 §6.2: "SafeACK = (SND.UNA advances and no further loss indicated)" (Linux:
    // FLAG_SND_UNA_ADVANCED && !newly_lost).
    const uint64_t loss = LossIndicator(s);
    const bool safeAck = ack.acked > 0 && loss <= m_lossSeen;
    m_lossSeen = std::max(m_lossSeen, loss);
    if (EstimatesDeliveredData())
    {
        delivered = m_prr.BoundEstimate(delivered); // RFC 9937 §6.2 [Savage99]
    }
    // RFC 9937 §6.2: "if (DeliveredData is 0) Return" (Linux tcp_cwnd_reduction() returns
    // when newly_acked_sacked <= 0): an ACK that delivers nothing (a window update, a D-SACK
    // alone, a duplicate beyond RecoverFS) leaves cwnd as it is.
    if (delivered > 0)
    {
        FullTcpCongestionState& w = s.Window();
        const uint32_t inflight = Pipe(s);
        const uint32_t pipe =
            inflight - static_cast<uint32_t>(std::min<uint64_t>(sent - sentBeforeSndCnt, inflight));
        // RFC 9937 §6.2: "cwnd = inflight + SndCnt" (Linux: tcp_packets_in_flight() +
        // sndcnt), so that the algorithm's sending, bounded by cwnd - pipe, sends sndcnt.
        w.cwnd = pipe + m_prr.OnAck(delivered, pipe, w.ssthresh, safeAck);
    }
    m_prr.OnSent(sent - sentBeforeSndCnt);
}

uint64_t
FullTcpDupAckRecovery::LossIndicator(const FullTcpRecoverySender&) const
{
    return 0;
}

bool
FullTcpDupAckRecovery::EstimatesDeliveredData() const
{
    return false;
}

const FullTcpPrr&
FullTcpDupAckRecovery::PrrState() const
{
    return m_prr;
}

int64_t
FullTcpDupAckRecovery::DeliveredData(const FullTcpAckInfo& ack, const FullTcpRecoverySender&)
{
    return ack.delivered;
}

bool
FullTcpDupAckRecovery::LossDetected(const FullTcpRecoverySender& s) const
{
    return s.Tcb().dupAcks >= s.DupThresh();
}

bool
FullTcpDupAckRecovery::StartsRecovery(const FullTcpAckInfo& ack,
                                      const FullTcpRecoverySender& s) const
{
    return ack.duplicate && LossDetected(s);
}

void
FullTcpDupAckRecovery::DuplicateInRecovery(FullTcpRecoverySender&)
{
}

void
FullTcpDupAckRecovery::PartialAck(const FullTcpAckInfo&, FullTcpRecoverySender&)
{
}

void
FullTcpDupAckRecovery::FullAck(FullTcpRecoverySender&)
{
}

} // namespace ns3
