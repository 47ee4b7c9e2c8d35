/*
 * Engine: Tail Loss Probe (RFC 8985 §7; Linux tcp_schedule_loss_probe(), tcp_send_loss_probe())
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-tlp.h"

#include "fulltcp-rack.h"

#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-tcb.h"

#include <algorithm>

namespace ns3
{

namespace
{

/// Added to 2·SRTT when more than one segment is outstanding: Linux TCP_TIMEOUT_MIN_US.
constexpr int64_t TIMEOUT_MIN_US = 2000;

void
ProbeExpired(const FullTcpTimerExpiry& e)
{
    // Only the "Rack" recovery arms the slot; a recovery picked since has nothing to probe.
    if (auto* rack = dynamic_cast<FullTcpRackRecovery*>(&e.recovery))
    {
        rack->ProbeTimeout(e.sender);
    }
}

} // namespace

const FullTcpTimer FullTcpTailLossProbe::TIMER = FullTcpTimer::Register("TLP", &ProbeExpired);

void
FullTcpTailLossProbe::Schedule(FullTcpRecoverySender& s, uint32_t segmentsOut)
{
    const FullTcpTcb& t = s.Tcb();
    const FullTcpConfig& c = s.Config();
    // tcp_schedule_loss_probe(): "Schedule a loss probe in 2*RTT for SACK capable connections
    // not in loss recovery" (congestion states Open and CWR), with something outstanding.
    // Linux settles the state of an ACK before; here Disorder becomes Open after the loss
    // recovery ran, when no duplicate ACK or SACKed data remains.
    const bool open =
        t.caState == FullTcpCaState::OPEN || t.caState == FullTcpCaState::CWR
        || (t.caState == FullTcpCaState::DISORDER && t.dupAcks == 0 && t.scoreboard.Empty());
    if (!c.tlp || segmentsOut == 0 || !open)
    {
        Cancel(s);
        return;
    }
    // "Probe timeout is 2*rtt. Add minimum RTO to account for delayed ack when there's one
    // outstanding packet. If no RTT sample is available then probe after TCP_TIMEOUT_INIT."
    Time timeout = c.initialRto;
    if (t.rtt.HasSample())
    {
        timeout =
            2 * t.rtt.GetSrtt() + (segmentsOut == 1 ? c.minRto : MicroSeconds(TIMEOUT_MIN_US));
    }
    // "If the RTO formula yields an earlier time, then use that time" (tcp_rto_delta_us()):
    // the running timer's, or, when the segment that starts it is leaving now, one RTO.
    const auto rto = t.timerDeadline.Get(FullTcpTimer::RETRANSMIT);
    const Time left = rto ? *rto - s.Now() : t.rto;
    if (left.IsStrictlyPositive())
    {
        timeout = std::min(timeout, left);
    }
    const Time due = s.Now() + timeout;
    m_deadline = due;
    // Re-arming the slot for every segment sent would cost the glue an event each time: a
    // later deadline waits for the armed expiry, which re-arms for the rest (Probe()).
    const auto armed = t.timerDeadline.Get(TIMER);
    if (!armed || due < *armed)
    {
        s.ArmTimer(TIMER, timeout);
    }
}

void
FullTcpTailLossProbe::Cancel(FullTcpRecoverySender& s)
{
    m_deadline.reset();
    s.CancelTimer(TIMER);
}

void
FullTcpTailLossProbe::Reset(FullTcpRecoverySender& s)
{
    m_highSeq.reset();
    m_retrans = false;
    Cancel(s);
}

void
FullTcpTailLossProbe::Probe(FullTcpRecoverySender& s, FullTcpRange last)
{
    if (!m_deadline)
    {
        return;
    }
    if (*m_deadline > s.Now())
    {
        s.ArmTimer(TIMER, *m_deadline - s.Now()); // re-scheduled since the slot was armed
        return;
    }
    m_deadline.reset();
    const FullTcpTcb& t = s.Tcb();
    // tcp_send_loss_probe(): "At most one outstanding TLP"; the timer rearm of Linux's
    // shared timer is the retransmission timer, which keeps running here.
    if (m_highSeq)
    {
        return;
    }
    m_retrans = false;
    FullTcpRecoveryEvent probe;
    probe.kind = FullTcpRecoveryEvent::Kind::TAIL_LOSS_PROBE;
    // New data first, when the peer's window takes it (tcp_snd_wnd_test()), with Nagle off
    // and one segment forced past cwnd (tcp_write_xmit(..., TCP_NAGLE_OFF, 2, ...)).
    const auto newEnd = s.ProbeSegmentEnd(t.sndUna + t.sndWnd);
    if (newEnd)
    {
        probe.start = t.sndNxt;
        m_sending = true;
        s.SendNewSegment(*newEnd);
        m_sending = false;
        probe.end = *newEnd;
        probe.newData = true;
    }
    else
    {
        // Else the last segment sent again ("skb_rb_last(&sk->tcp_rtx_queue)").
        if (last.Length() <= 0)
        {
            return;
        }
        m_sending = true;
        const int64_t end = s.RetransmitFrom(last.start, last.end);
        m_sending = false;
        if (end <= last.start)
        {
            return;
        }
        m_retrans = true;
        probe.start = last.start;
        probe.end = end;
    }
    // "Record snd_nxt for loss detection", then tcp_rearm_rto() from now.
    m_highSeq = t.sndNxt;
    s.Report(probe);
    s.RestartRetransmitTimer();
}

bool
FullTcpTailLossProbe::IsProbeDsack(FullTcpRange dsack, uint32_t smss) const
{
    // tcp_dsack_seen(): a D-SACK of at most one segment that ends at tlp_high_seq.
    return m_highSeq && dsack.Length() > 0 && dsack.Length() <= smss && dsack.end == *m_highSeq;
}

void
FullTcpTailLossProbe::OnAck(const FullTcpAckInfo& ack, bool dsackOfProbe, FullTcpRecoverySender& s)
{
    if (!m_highSeq || ack.ack < *m_highSeq)
    {
        return;
    }
    const FullTcpTcb& t = s.Tcb();
    if (!m_retrans)
    {
        m_highSeq.reset(); // "TLP of new data has been acknowledged"
    }
    else if (dsackOfProbe)
    {
        m_highSeq.reset(); // "This DSACK means original and TLP probe arrived; no loss"
    }
    else if (ack.ack > *m_highSeq)
    {
        // "ACK advances: there was a loss, so reduce cwnd" (tcp_init_cwnd_reduction() clears
        // tlp_high_seq).
        m_highSeq.reset();
        s.ReduceCongestionWindow();
    }
    else if (ack.acked == 0 && ack.dataLength == 0 && ack.newlySacked == 0
             && ack.window == t.sndWnd)
    {
        // "Pure dupack: original and TLP probe arrived; no loss" (no FLAG_SND_UNA_ADVANCED,
        // FLAG_NOT_DUP or FLAG_DATA_SACKED).
        m_highSeq.reset();
    }
}

bool
FullTcpTailLossProbe::Sending() const
{
    return m_sending;
}

std::optional<int64_t>
FullTcpTailLossProbe::HighSeq() const
{
    return m_highSeq;
}

} // namespace ns3
