/*
 * Engine: SEGMENT ARRIVES in TIME_WAIT on compact state (RFC 9293 §3.10.7.4, 6191, 1337)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * SEGMENT ARRIVES in TIME_WAIT (RFC 9293 §3.10.7.4), in the RFC's order, on the compact
 * state of FullTcpTimeWaitState. Sequence numbers are taken relative to RCV.NXT (and
 * acknowledgment numbers relative to SND.NXT), which is how the engine's 64-bit offsets
 * compare too.
 */
#include "fulltcp-time-wait-rules.h"

#include <algorithm>

namespace ns3
{

namespace
{
using C = FullTcpStateCause;
using D = FullTcpDropReason;
using H = FullTcpHeader;

/// RFC 6191 §2: may this SYN open a new incarnation? "Timestamps would be enabled for the
/// new incarnation" when the SYN carries them and we offer them; "greater" is modulo 2^32.
bool
AcceptsSyn(const FullTcpTimeWaitState& st,
           const FullTcpTimeWaitPolicy& policy,
           const FullTcpHeader& syn,
           int64_t seq)
{
    const auto ts = syn.GetOptions().GetTimestamp();
    const bool newUsesTs = policy.timestamps && ts.has_value();
    const bool seqNewer = seq > 0;
    if (st.tsOk)
    {
        if (newUsesTs)
        {
            const auto delta = static_cast<int32_t>(ts->value - st.tsRecent);
            return delta > 0 || (delta == 0 && seqNewer);
        }
        return seqNewer;
    }
    return newUsesTs || seqNewer;
}

/// Answer and drop an unacceptable segment (§3.10.7.4 first step).
void
Reject(FullTcpTimeWaitVerdict& v,
       const FullTcpTimeWaitState& st,
       const FullTcpTimeWaitPolicy& policy,
       const FullTcpHeader& h,
       int64_t seq,
       uint32_t len,
       D why)
{
    const FullTcpUnacceptableAnswer a =
        FullTcpAnswerUnacceptable(h, seq, len, 0, st.sackOk && policy.dsack);
    v.reply = a.reply;
    v.dsack = a.dsack;
    v.drop = why;
}

/// A challenge ACK and a drop (RFC 5961).
void
Challenge(FullTcpTimeWaitVerdict& v, D why)
{
    v.reply = FullTcpReply::CHALLENGE_ACK;
    v.drop = why;
}

/// Linux tcp_timewait_state_process(), substate TIME_WAIT, for all but a SYN without ACK
/// (handled before, with the same answers): "In window segment, it may be only reset or bare
/// ack" (at exactly RCV.NXT, PAWS passed); everything else is "out of window".
FullTcpTimeWaitVerdict
LinuxTimeWait(const FullTcpTimeWaitState& st,
              const FullTcpTimeWaitPolicy& policy,
              const FullTcpHeader& h,
              int64_t seq,
              uint32_t len,
              Time now)
{
    FullTcpTimeWaitVerdict v;
    const bool rst = h.HasFlags(H::RST);
    const bool fin = h.HasFlags(H::FIN);
    const bool occupiesSpace = len > 0 || fin || h.HasFlags(H::SYN);
    const bool tsRecentValid = now - st.tsRecentTime <= policy.pawsIdleLimit;
    const bool pawsReject = FullTcpPawsRejects(h, st.tsOk, st.tsRecent, tsRecentValid);
    if (!pawsReject && seq == 0 && (!occupiesSpace || rst))
    {
        if (rst && !policy.rfc1337)
        {
            v.close = C::RCV_RST; // "TIME_WAIT assassination"
            return v;
        }
        // A bare ACK (whatever it acknowledges) or, with RFC 1337, the RST: TIME_WAIT starts
        // again (inet_twsk_reschedule()) and TS.Recent takes the segment's TSval.
        v.restartTimer = true;
        const auto ts = h.GetOptions().GetTimestamp();
        if (st.tsOk && ts)
        {
            v.tsRecent = ts->value;
        }
        if (rst)
        {
            v.drop = D::RST_IGNORED_RFC1337;
        }
        return v;
    }
    if (rst)
    {
        v.drop = pawsReject ? D::PAWS_REJECTED : D::RST_NOT_EXACT; // no challenge ACK
        return v;
    }
    // tcp_timewait_check_oow_rate_limit(): the ACK, rate-limited unless the segment has data
    // or FIN (tcp_oow_rate_limited()); TIME_WAIT restarts if it has ACK set or failed PAWS.
    v.restartTimer = pawsReject || h.HasFlags(H::ACK);
    v.reply =
        (len > 0 || fin) && !h.HasFlags(H::SYN) ? FullTcpReply::ACK : FullTcpReply::CHALLENGE_ACK;
    v.drop = pawsReject ? D::PAWS_REJECTED : D::SEQ_NOT_ACCEPTABLE;
    return v;
}

} // namespace

FullTcpTimeWaitPolicy
FullTcpTimeWaitPolicy::From(const FullTcpConfig& config)
{
    FullTcpTimeWaitPolicy p;
    p.msl = config.msl;
    p.challengeAckInterval = config.challengeAckInterval;
    p.pawsIdleLimit = config.pawsIdleLimit;
    p.rfc1337 = config.rfc1337;
    p.timestamps = config.timestamps;
    p.dsack = config.dsack;
    p.synNoListenerAck = config.timeWaitSynNoListenerAck;
    p.linuxTimeWait = config.linuxTimeWait;
    return p;
}

bool
FullTcpTimeWaitPolicy::operator==(const FullTcpTimeWaitPolicy& o) const
{
    return msl == o.msl && challengeAckInterval == o.challengeAckInterval
        && pawsIdleLimit == o.pawsIdleLimit && rfc1337 == o.rfc1337 && timestamps == o.timestamps
        && dsack == o.dsack && synNoListenerAck == o.synNoListenerAck
        && linuxTimeWait == o.linuxTimeWait;
}

FullTcpTimeWaitVerdict
FullTcpTimeWaitSegmentArrives(const FullTcpTimeWaitState& st,
                              const FullTcpTimeWaitPolicy& policy,
                              const FullTcpSegmentIn& segment,
                              const std::function<bool()>& listener)
{
    const FullTcpHeader& h = segment.header;
    const uint32_t len = segment.PayloadSize();
    const Time now = segment.arrival;
    FullTcpTimeWaitVerdict v;
    const int64_t seq = static_cast<int32_t>(h.GetSequenceNumber() - st.rcvNxt);
    if (h.HasFlags(H::SYN) && !h.HasFlags(H::RST) && !h.HasFlags(H::ACK))
    {
        // RFC 1122 §4.2.2.13 and RFC 6191: a new SYN may reopen the 4-tuple; the new ISS lies
        // beyond everything this incarnation sent.
        if (AcceptsSyn(st, policy, h, seq))
        {
            if (policy.synNoListenerAck && !listener())
            {
                // Linux tcp_v4_rcv(): TCP_TW_SYN finds no listener and falls through to
                // TCP_TW_ACK (not rate-limited); TIME_WAIT stays, its timer untouched.
                v.reply = FullTcpReply::ACK;
                v.drop = D::NO_LISTENER_FOR_SYN;
                return v;
            }
            v.close = C::RCV_SYN;
            v.reuseIss = st.sndNxt + 65537;
            return v;
        }
        // An old duplicate: it gets the TIME_WAIT ACK (RFC 9293 §3.10.7.4 fourth step with
        // RFC 5961 §4; RFC 6191 would drop it silently), rate-limited. Linux restarts
        // TIME_WAIT when it failed PAWS (tcp_timewait_state_process()).
        Challenge(v, D::OLD_SYN_IN_TIME_WAIT);
        v.restartTimer =
            policy.linuxTimeWait
            && FullTcpPawsRejects(
                h, st.tsOk, st.tsRecent, now - st.tsRecentTime <= policy.pawsIdleLimit);
        return v;
    }
    if (policy.linuxTimeWait)
    {
        return LinuxTimeWait(st, policy, h, seq, len, now);
    }
    if (h.HasFlags(H::RST) && policy.rfc1337)
    {
        // RFC 1337 §3 fix (F1): "Ignore RST segments in TIME-WAIT state."
        v.drop = D::RST_IGNORED_RFC1337;
        return v;
    }
    // RFC 7323 §5.3 (R1): PAWS comes before the sequence check.
    const bool tsRecentValid = now - st.tsRecentTime <= policy.pawsIdleLimit;
    if (FullTcpPawsRejects(h, st.tsOk, st.tsRecent, tsRecentValid))
    {
        Reject(v, st, policy, h, seq, len, D::PAWS_REJECTED);
        return v;
    }
    // First: check sequence number (Table 6). SEG.LEN counts SYN and FIN.
    const int64_t segLen = len + (h.HasFlags(H::SYN) ? 1 : 0) + (h.HasFlags(H::FIN) ? 1 : 0);
    if (!FullTcpSegmentAcceptable(seq, segLen, 0, st.rcvWnd))
    {
        // "The only thing that can arrive in this state is a retransmission of the remote
        // FIN. Acknowledge it, and restart the 2 MSL timeout."
        v.restartTimer = h.HasFlags(H::FIN) && seq + segLen == 0;
        Reject(v, st, policy, h, seq, len, D::SEQ_NOT_ACCEPTABLE);
        return v;
    }
    // Last.ACK.sent is RCV.NXT: the peer's FIN was acknowledged on entering TIME_WAIT.
    v.tsRecent = FullTcpTsRecentUpdate(h, seq, 0, st.tsOk, st.tsRecent, tsRecentValid);
    // Second: check the RST bit (RFC 5961 §3.2): reset at exactly RCV.NXT, else challenge.
    if (h.HasFlags(H::RST))
    {
        if (seq == 0)
        {
            v.close = C::RCV_RST;
            return v;
        }
        Challenge(v, D::RST_NOT_EXACT);
        return v;
    }
    // Fourth: check the SYN bit (RFC 5961 §4.2): challenge ACK, whatever the sequence number.
    if (h.HasFlags(H::SYN))
    {
        Challenge(v, D::SYN_IN_SYNCHRONIZED);
        return v;
    }
    // Fifth: check the ACK field. SND.UNA = SND.NXT: nothing of ours is outstanding.
    if (!h.HasFlags(H::ACK))
    {
        v.drop = D::NO_ACK;
        return v;
    }
    const int64_t ack = static_cast<int32_t>(h.GetAckNumber() - st.sndNxt);
    if (ack > 0)
    {
        Challenge(v, D::ACK_OF_UNSENT_DATA);
        return v;
    }
    if (ack < -static_cast<int64_t>(st.maxSndWnd))
    {
        Challenge(v, D::ACK_TOO_OLD);
        return v;
    }
    // Seventh: "This should not occur since a FIN has been received from the remote side.
    // Ignore the segment text." Eighth: the FIN is one we already have.
    if (len > 0)
    {
        v.drop = D::TEXT_AFTER_FIN;
    }
    return v;
}

FullTcpHeader
FullTcpTimeWaitAck(const FullTcpTimeWaitState& st,
                   uint16_t localPort,
                   uint16_t remotePort,
                   Time now,
                   const std::optional<FullTcpRange>& dsack)
{
    FullTcpHeader h;
    h.SetSourcePort(localPort);
    h.SetDestinationPort(remotePort);
    h.SetSequenceNumber(st.sndNxt);
    h.SetAckNumber(st.rcvNxt);
    h.SetFlags(H::ACK);
    h.SetWindow(static_cast<uint16_t>(std::min<uint32_t>(st.rcvWnd >> st.rcvWscale, 0xffff)));
    if (st.tsOk)
    {
        h.Options().SetTimestamp(FullTcpTsVal(now, st.tsOffset), st.tsRecent);
    }
    if (dsack)
    {
        h.Options().SetSackBlocks(
            {FullTcpSackBlock {st.rcvNxt + static_cast<uint32_t>(dsack->start),
                               st.rcvNxt + static_cast<uint32_t>(dsack->end)}});
    }
    return h;
}

} // namespace ns3
