/*
 * Engine: loss recovery interface (gVisor lossRecovery; RFC 5681 §3.2, RFC 6582, RFC 6675)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-loss-recovery.h"

#include "ns3/fulltcp-tcb.h"

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
    if (ack.acked > 0 && t.inRecovery)
    {
        if (ack.ack >= t.recover)
        {
            if (s.Prr())
            {
                // RFC 6937 §3: "cwnd = ssthresh" at the end of recovery, whatever PRR left
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
        BeginRecovery(s);
    }
    if (s.Prr() && t.inRecovery)
    {
        ReduceCwnd(delivered, s);
    }
}

void
FullTcpDupAckRecovery::BeginRecovery(FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    const uint64_t sentBefore = t.dataBytesSent;
    StartRecovery(s);
    // RFC 6937 §3: "RecoverFS = snd.nxt-snd.una", prr_delivered = prr_out = 0; the fast
    // retransmit is the first of prr_out.
    m_prr.OnEnterRecovery(t.FlightSize());
    m_prrSentMark = sentBefore;
}

void
FullTcpDupAckRecovery::ReduceCwnd(int64_t delivered, FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    // RFC 6937 §3: "On any data transmission or retransmission: prr_out += (data sent)".
    m_prr.OnSent(t.dataBytesSent - m_prrSentMark);
    m_prrSentMark = t.dataBytesSent;
    // An ACK that delivers nothing (a window update, a D-SACK alone) leaves cwnd as it is, as
    // Linux tcp_cwnd_reduction() returns when newly_acked_sacked <= 0: under PRR-SSRB it
    // would otherwise release an MSS for nothing delivered.
    if (delivered <= 0)
    {
        return;
    }
    FullTcpCongestionState& w = s.Window();
    const uint32_t pipe = Pipe(s);
    // "cwnd = pipe + sndcnt" (as Linux tcp_cwnd_reduction(): packets in flight + sndcnt), so
    // that the algorithm's sending, bounded by cwnd - pipe, sends sndcnt.
    w.cwnd = pipe + m_prr.OnAck(delivered, pipe, w.ssthresh, t.sndMss);
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
