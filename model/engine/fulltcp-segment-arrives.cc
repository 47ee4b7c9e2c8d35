/*
 * Engine: SEGMENT ARRIVES per state, RFC 9293 §3.10.7, RFC 5961 checks, RFC 6191 reuse
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: SEGMENT ARRIVES, RFC 9293 §3.10.7, in the RFC's order (sequence
 * check, RST, SYN, ACK, URG, text, FIN), with RFC 5961's blind-attack rules, RFC 6191's
 * TIME_WAIT reuse and RFC 1337's option. Flags are always tested bit by bit.
 */
#include "fulltcp-connection.h"
#include "fulltcp-segment-checks.h"
#include "fulltcp-time-wait-rules.h"

#include "ns3/fulltcp-listen-rules.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSegmentArrives");

namespace
{
using S = FullTcpState;
using C = FullTcpStateCause;
using D = FullTcpDropReason;
using H = FullTcpHeader;
} // namespace

void
FullTcpConnection::SegmentArrives(const FullTcpSegmentIn& segment)
{
    InputScope input(*this, segment.arrival);
    const FullTcpHeader& header = segment.header;
    Ptr<Packet> payload = segment.payload ? segment.payload : Create<Packet>();
    // What IP said of the segment, for the rules that read it (RFC 3168 §6.1.3 acts on CE
    // once ECN is negotiated).
    m_tcb.rcvEcn = segment.ecn;
    m_tcb.rcvTtl = segment.ttl;
    // Linux tcp_v4_rcv() -> tcp_inbound_hash(): a signed segment with no key configured is
    // dropped before any state looks at it; TIME_WAIT sockets go their own way before that
    // check (do_time_wait).
    if (m_config.dropUnexpectedMd5 && m_tcb.state != S::TIME_WAIT && FullTcpHasMd5Option(header))
    {
        Drop(header, D::MD5_UNEXPECTED);
        return;
    }
    switch (m_tcb.state)
    {
    case S::CLOSED:
        ClosedArrives(header, payload);
        return;
    case S::LISTEN:
        ListenArrives(header, payload);
        return;
    case S::SYN_SENT:
        SynSentArrives(header, payload);
        return;
    case S::TIME_WAIT:
        TimeWaitArrives(segment);
        return;
    default:
        OtherStateArrives(header, payload);
        return;
    }
}

void
FullTcpConnection::ClosedArrives(const FullTcpHeader& h, Ptr<Packet> payload)
{
    // §3.10.7.1: "all data in the incoming segment is discarded. An incoming segment
    // containing a RST is discarded. An incoming segment not containing a RST causes a RST
    // to be sent in response."
    SendResetFor(h, payload);
    Drop(h, D::CONNECTION_CLOSED);
}

void
FullTcpConnection::ListenArrives(const FullTcpHeader& h, Ptr<Packet> payload)
{
    // §3.10.7.2: the rules shared with the glue's listener (fulltcp-listen-rules.cc).
    const FullTcpListenVerdict v = FullTcpListenSegmentArrives(h, payload->GetSize());
    if (v.reset)
    {
        Transmit(*v.reset, Create<Packet>());
    }
    if (v.drop)
    {
        Drop(h, *v.drop);
    }
    if (v.connectionRequest)
    {
        m_out.ConnectionRequest(FullTcpConnectionRequest {h, std::nullopt});
    }
}

void
FullTcpConnection::SynSentArrives(const FullTcpHeader& h, Ptr<Packet> payload)
{
    int64_t ack = 0;
    // §3.10.7.3 first: check the ACK bit.
    if (h.HasFlags(H::ACK))
    {
        ack = m_tcb.snd.FromWire(h.GetAckNumber(), m_tcb.sndNxt);
        // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set,
        // if so drop the segment and return) <SEQ=SEG.ACK><CTL=RST> and discard the segment."
        if (ack <= 0 || ack > m_tcb.sndNxt)
        {
            // Linux tcp_rcv_synsent_state_process(): "Previous FIN/ACK or RST/ACK might be
            // ignored": before any retransmission the SYN goes again soon (TCP_TIMEOUT_MIN).
            if (m_config.synSentBadAckRetry.IsStrictlyPositive() && m_tcb.retransmits == 0)
            {
                ArmRetransmitTimer(m_config.synSentBadAckRetry);
            }
            if (h.HasFlags(H::RST))
            {
                Drop(h, D::RST_UNACCEPTABLE);
                return;
            }
            SendResetFor(h, payload);
            Drop(h, D::ACK_UNACCEPTABLE);
            return;
        }
        // Otherwise SND.UNA (= ISS) < SEG.ACK =< SND.NXT: the ACK is acceptable, and the
        // path works: a soft ICMP error no longer explains anything (Linux tcp_ack()).
        m_tcb.softError.reset();
    }
    // Second: check the RST bit. "If the ACK was acceptable, then signal to the user 'error:
    // connection reset', drop the segment, enter CLOSED state ... Otherwise (no ACK), drop
    // the segment and return." (RFC 5961 §3.2: the ACK must acknowledge the SYN.)
    if (h.HasFlags(H::RST))
    {
        if (h.HasFlags(H::ACK))
        {
            SetState(S::CLOSED, C::RCV_RST);
        }
        else
        {
            Drop(h, D::RST_UNACCEPTABLE);
        }
        return;
    }
    // Third: security (no compartments in FullTcp). Fourth: check the SYN bit.
    if (!h.HasFlags(H::SYN))
    {
        // Fifth: "If neither of the SYN or RST bits is set, then drop the segment and return."
        Drop(h, D::NO_SYN_NO_RST);
        return;
    }
    // "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ." The window our SYN offered
    // counts from there (the peer's SYN takes no buffer space).
    m_tcb.rcv = FullTcpSeqSpace(h.GetSequenceNumber());
    m_tcb.rcvNxt = 1;
    m_tcb.rcvAdvertisedEdge += 1;
    NegotiateOptions(h);
    m_tcb.sndWnd = h.GetWindow(); // a SYN's window is never scaled (RFC 7323 §2.2)
    m_tcb.maxSndWnd = m_tcb.sndWnd;
    m_tcb.sndWl1 = 0;
    m_tcb.sndWl2 = ack;
    if (payload->GetSize() > 0 || h.HasFlags(H::FIN))
    {
        // Not acknowledged, so the peer sends it again once the connection is open.
        Drop(h, D::SYN_TEXT);
    }
    if (h.HasFlags(H::ACK))
    {
        // "SND.UNA should be advanced to equal SEG.ACK ... If SND.UNA > ISS (our SYN has been
        // ACKed), change the connection state to ESTABLISHED, form an ACK segment
        // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
        AckAdvances(h, ack);
        // RFC 7413 §4.2.1 (Linux tcp_rcv_fastopen_synack()): the cookie for the cache, and
        // data of our SYN that the SYN-ACK left unacknowledged goes again at once, carrying
        // the ACK of the SYN-ACK.
        const bool resend = FastOpenSynAckArrives(h);
        SetState(S::ESTABLISHED, C::RCV_SYN_ACK);
        for (int64_t from = m_tcb.sndUna; resend && from < m_tcb.fastOpenClient.synDataEnd;)
        {
            const int64_t end = RetransmitFrom(from, m_tcb.fastOpenClient.synDataEnd);
            from = end > from ? end : m_tcb.fastOpenClient.synDataEnd;
        }
        if (!resend)
        {
            SendAck();
        }
        if (m_tcb.shutdownPending)
        {
            ShutdownSendingSide(C::APP_SHUTDOWN);
        }
        else
        {
            Output();
        }
        return;
    }
    // Simultaneous open: "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
    // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it." The SYN's timer keeps running; the
    // ISS has now been sent twice, so its ACK gives no RTT sample (Karn).
    SetState(S::SYN_RCVD, C::RCV_SYN);
    m_tcb.rttTimedEnd.reset();
    SendSyn();
}

bool
FullTcpConnection::EarlySynArrives(const FullTcpHeader& h, int64_t seq)
{
    if (!h.HasFlags(H::SYN) || h.HasFlags(H::RST))
    {
        return false;
    }
    if (m_tcb.state == S::SYN_RCVD && seq == 0)
    {
        if (!h.HasFlags(H::ACK))
        {
            // The peer's SYN again (SEG.SEQ = IRS): our SYN-ACK was lost. Answer with the
            // SYN-ACK, rate-limited as Linux tcp_check_req() does.
            if (ChallengeAckAllowed())
            {
                m_tcb.synRetransmitted = true; // our SYN-ACK went again: Karn applies
                m_tcb.rttTimedEnd.reset();
                m_tcb.rtxTsVal = TsVal();
                SendSyn();
                if (m_config.duplicateSynRestartsTimer)
                {
                    // Linux tcp_check_req(): "Reset timer after retransmitting SYNACK": the
                    // current (backed-off) RTO counts again from now.
                    ArmRetransmitTimer(m_tcb.rto);
                }
            }
            Drop(h, D::DUPLICATE_SYN);
            return true;
        }
        if (m_tcb.snd.FromWire(h.GetAckNumber(), m_tcb.sndNxt) == m_tcb.sndNxt)
        {
            if (!EstablishAllowed(h))
            {
                return true;
            }
            // Simultaneous open (RFC 9293 §3.5 Figure 7, MUST-10): the peer's SYN-ACK
            // acknowledges our SYN. It sits just left of RCV.NXT, so the sequence check would
            // reject it; accept it here as Linux tcp_validate_incoming() does.
            AckAdvances(h, m_tcb.sndNxt);
            m_tcb.sndWnd = h.GetWindow(); // SYN window, unscaled
            m_tcb.maxSndWnd = std::max(m_tcb.maxSndWnd, m_tcb.sndWnd);
            m_tcb.sndWl1 = seq;
            m_tcb.sndWl2 = m_tcb.sndNxt;
            SetState(S::ESTABLISHED, C::RCV_SYN_ACK);
            Output();
            return true;
        }
        return false;
    }
    return false;
}

void
FullTcpConnection::TimeWaitArrives(const FullTcpSegmentIn& segment)
{
    const FullTcpHeader& h = segment.header;
    // §3.10.7.4 in TIME-WAIT: the rules shared with the glue's compact records
    // (fulltcp-time-wait-rules.cc), applied to this TCB.
    const FullTcpTimeWaitVerdict v =
        FullTcpTimeWaitSegmentArrives(GetTimeWaitState(),
                                      FullTcpTimeWaitPolicy::From(m_config),
                                      segment,
                                      [this]
                                      {
                                          return m_out.HasListener();
                                      });
    if (v.tsRecent)
    {
        m_tcb.tsRecent = *v.tsRecent;
        m_tcb.tsRecentTime = m_now;
    }
    if (v.restartTimer)
    {
        ArmTimer(FullTcpTimer::LINGER, 2 * m_config.msl);
    }
    if (v.dsack)
    {
        m_tcb.sackBlocks.Duplicate(
            FullTcpRange {m_tcb.rcvNxt + v.dsack->start, m_tcb.rcvNxt + v.dsack->end});
    }
    if (v.reply == FullTcpReply::ACK)
    {
        SendAck();
    }
    else if (v.reply == FullTcpReply::CHALLENGE_ACK)
    {
        SendChallengeAck();
    }
    if (v.drop)
    {
        Drop(h, *v.drop);
    }
    if (v.close)
    {
        SetState(S::CLOSED, *v.close);
        if (*v.close == C::RCV_SYN)
        {
            // The glue hands the SYN to the listener with the new incarnation's ISS.
            m_out.ConnectionRequest(FullTcpConnectionRequest {h, v.reuseIss});
        }
    }
}

void
FullTcpConnection::OtherStateArrives(const FullTcpHeader& h, Ptr<Packet> payload)
{
    const uint32_t len = payload->GetSize();
    const int64_t seq = m_tcb.rcv.FromWire(h.GetSequenceNumber(), m_tcb.rcvNxt);
    if (EarlySynArrives(h, seq))
    {
        return;
    }
    // RFC 7323 §5.3 (R1): PAWS comes before the sequence check.
    if (PawsRejects(h))
    {
        RejectSegment(h, seq, len, D::PAWS_REJECTED);
        return;
    }

    // First: check sequence number (Table 6). SEG.LEN counts SYN and FIN.
    const int64_t segLen = len + (h.HasFlags(H::SYN) ? 1 : 0) + (h.HasFlags(H::FIN) ? 1 : 0);
    if (!FullTcpSegmentAcceptable(seq, segLen, m_tcb.rcvNxt, RcvWnd()))
    {
        RejectSegment(h, seq, len, D::SEQ_NOT_ACCEPTABLE);
        return;
    }
    // Linux tcp_sequence() (since 6.17): text beyond the window is refused, the whole segment
    // with it, while data waits to be read; a FIN may lie beyond. Otherwise it is taken whole.
    if (m_config.overWindowWhole && seq + len > m_tcb.rcvNxt + RcvWnd()
        && m_tcb.rcvQueue.Size() > 0)
    {
        RejectSegment(h, seq, len, D::SEQ_NOT_ACCEPTABLE);
        return;
    }
    // The peer is alive (RFC 9293 §3.8.4: keepalive counts idle time from here).
    m_tcb.lastReceived = m_now;
    m_tcb.keepAliveProbesOut = 0;

    // Second: check the RST bit (RFC 5961 §3.2, adopted by §3.10.7.4): "If the RST bit is
    // set and the sequence number exactly matches the next expected sequence number
    // (RCV.NXT), then TCP MUST reset the connection" ... "If the RST bit is set and the
    // sequence number does not exactly match ... TCP MUST send an acknowledgment
    // (challenge ACK)". Outside the window it was dropped by the first check.
    if (h.HasFlags(H::RST))
    {
        if (seq == m_tcb.rcvNxt)
        {
            // SYN-RECEIVED: a passive connection "returns to LISTEN" (its listener never
            // knew of it), an active one is refused; synchronized states: reset.
            SetState(S::CLOSED, C::RCV_RST);
            return;
        }
        SendChallengeAck();
        Drop(h, D::RST_NOT_EXACT);
        return;
    }
    // Third: security (no compartments in FullTcp).
    // Fourth: check the SYN bit. RFC 5961 §4.2: "TCP MUST send an ACK (challenge ACK) to
    // the remote peer" and drop the segment, whatever its sequence number.
    if (h.HasFlags(H::SYN))
    {
        SendChallengeAck();
        Drop(h, D::SYN_IN_SYNCHRONIZED);
        return;
    }
    // Fifth: check the ACK field (TS.Recent is updated there, once the ACK is known valid).
    if (!AckArrives(h, payload, seq))
    {
        return;
    }
    // Sixth: check the URG bit (the urgent data itself is delivered in line, or its last
    // byte out of band with urgentOutOfBand).
    UrgentArrives(h, payload, seq);
    // Seventh: process the segment text.
    if (!TextArrives(h, payload, seq))
    {
        return;
    }
    // Eighth: check the FIN bit; a FIN seen out of order counts once the text before it is in.
    if (h.HasFlags(H::FIN))
    {
        FinArrives(seq + len);
    }
    if (m_tcb.rcvFin && *m_tcb.rcvFin == m_tcb.rcvNxt && !m_tcb.finReceived)
    {
        FinReached();
    }
    // A FIN_WAIT_1 whose FIN this segment acknowledged moves on, unless the peer's FIN in the
    // same segment already took it to TIME_WAIT (RCV_FIN_ACK).
    if (m_tcb.state == S::FIN_WAIT_1 && m_tcb.FinAcked())
    {
        SetState(S::FIN_WAIT_2, C::RCV_ACK_OF_FIN);
    }
    Output();
    SendOwedAck();
}

bool
FullTcpConnection::AckArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq)
{
    // "if the ACK bit is off, drop the segment and return"
    if (!h.HasFlags(H::ACK))
    {
        Drop(h, D::NO_ACK);
        return false;
    }
    const int64_t ack = m_tcb.snd.FromWire(h.GetAckNumber(), m_tcb.sndNxt);
    if (m_tcb.state == S::SYN_RCVD)
    {
        // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue
        // processing ... If the segment acknowledgment is not acceptable, form a reset
        // segment <SEQ=SEG.ACK><CTL=RST> and send it." The connection stays.
        if (!(m_tcb.sndUna < ack && ack <= m_tcb.sndNxt))
        {
            SendResetFor(h, payload);
            Drop(h, D::ACK_UNACCEPTABLE);
            return false;
        }
        if (!EstablishAllowed(h))
        {
            return false;
        }
        AckAdvances(h, ack);
        SetState(S::ESTABLISHED, C::RCV_ACK_OF_SYN);
    }
    // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop
    // the segment, and return." Throttled like every challenge ACK (RFC 5961 §5.2, §7).
    if (ack > m_tcb.sndNxt)
    {
        SendChallengeAck();
        Drop(h, D::ACK_OF_UNSENT_DATA);
        return false;
    }
    // RFC 5961 §5.2: an ACK older than SND.UNA - MAX.SND.WND is a blind injection. Linux
    // tcp_ack() takes no more than the bytes acknowledged so far (bytes_acked: our SYN counts
    // only on the active side, acknowledged through tcp_ack(); offset 0 is the SYN).
    int64_t oldest = m_tcb.sndUna - static_cast<int64_t>(m_tcb.maxSndWnd);
    if (m_config.ackTooOldBytesAcked)
    {
        const int64_t bytesAcked = m_tcb.sndUna - (m_tcb.passive ? 1 : 0);
        oldest = m_tcb.sndUna - std::min<int64_t>(m_tcb.maxSndWnd, bytesAcked);
    }
    if (ack < oldest)
    {
        SendChallengeAck();
        Drop(h, D::ACK_TOO_OLD);
        return false;
    }
    // RFC 7323 §4.3 (R3), once the ACK is known valid: a segment dropped for acknowledging
    // unsent data must not move TS.Recent, or one forged TSval would make PAWS reject all
    // that follows. And before the ACK is processed: what it makes us send (a fast
    // retransmission, new data) echoes this TSval, as Linux tcp_ack() updates ts_recent
    // (FLAG_UPDATE_TS_RECENT) before tcp_fastretrans_alert() and tcp_xmit_recovery().
    UpdateTsRecent(h, seq);
    // An acceptable ACK: the path works, a soft ICMP error no longer explains anything (as
    // Linux tcp_ack() clears sk_err_soft).
    m_tcb.softError.reset();
    // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK." "If the ACK is a
    // duplicate (SEG.ACK < SND.UNA), it can be ignored" (text and FIN still count). Then the
    // send window, RTT, congestion window and loss recovery (fulltcp-ack-processing.cc).
    ProcessAck(h, seq, ack, payload->GetSize());
    if (m_tcb.state == S::CLOSING && m_tcb.FinAcked())
    {
        // CLOSING: "if the ACK acknowledges our FIN, then enter the TIME-WAIT state".
        SetState(S::TIME_WAIT, C::RCV_ACK_OF_FIN);
    }
    else if (m_tcb.state == S::LAST_ACK && m_tcb.FinAcked())
    {
        // LAST-ACK: "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state,
        // and return."
        SetState(S::CLOSED, C::RCV_ACK_OF_FIN);
        return false;
    }
    return true;
}

bool
FullTcpConnection::EstablishAllowed(const FullTcpHeader& h)
{
    // Linux tcp_check_req() → syn_recv_sock(): with the listener's accept queue full the
    // child is not created and, with tcp_abort_on_overflow = 0, the ACK is dropped without
    // a reply; the SYN-ACK timer keeps running, so the handshake completes once the
    // application accepts (or the SYN-ACK retries run out).
    if (m_out.MayEstablish())
    {
        return true;
    }
    Drop(h, D::ACCEPT_QUEUE_FULL);
    return false;
}

void
FullTcpConnection::FinArrives(int64_t finSeq)
{
    if (m_tcb.finReceived || finSeq < m_tcb.rcvNxt)
    {
        return; // a FIN we already have
    }
    if (finSeq > m_tcb.rcvNxt)
    {
        // The FIN counts only when everything before it has arrived; it is remembered (the
        // text before it may be on its way, or held for reassembly) and a duplicate ACK
        // tells the peer where the gap starts, as for out-of-order text.
        if (finSeq <= m_tcb.rcvNxt + RcvWnd())
        {
            m_tcb.rcvFin = finSeq;
        }
        AckOwed(true);
        return;
    }
    m_tcb.rcvFin = finSeq;
}

void
FullTcpConnection::FinReached()
{
    // "If the FIN bit is set, signal the user 'connection closing' and return any pending
    // RECEIVEs with same message, advance RCV.NXT over the FIN, and send an acknowledgment
    // for the FIN."
    m_tcb.rcvNxt += 1;
    m_tcb.rcvAdvertisedEdge += 1; // the FIN takes no buffer space: the offered window stays
    m_tcb.finReceived = true;
    AckOwed(true);
    Notify(FullTcpAppEvent::PEER_CLOSED);
    switch (m_tcb.state)
    {
    case S::ESTABLISHED:
        // "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state."
        SetState(S::CLOSE_WAIT, C::RCV_FIN);
        break;
    case S::FIN_WAIT_1:
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start
        // the time-wait timer, turn off the other timers; otherwise, enter the CLOSING
        // state."
        if (m_tcb.FinAcked())
        {
            SetState(S::TIME_WAIT, C::RCV_FIN_ACK);
        }
        else
        {
            SetState(S::CLOSING, C::RCV_FIN);
        }
        break;
    case S::FIN_WAIT_2:
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
        SetState(S::TIME_WAIT, C::RCV_FIN);
        break;
    default:
        break; // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT already have the peer's FIN
    }
}

} // namespace ns3
