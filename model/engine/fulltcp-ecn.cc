/*
 * Engine: ECN (RFC 3168 §6.1): negotiation, ECT on new data, CE echo, CWR, the ECE reduction
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection's Explicit Congestion Notification, classic RFC 3168 as Linux does it
 * (include/net/tcp_ecn.h, tcp_input.c, tcp_output.c): the ECN-setup SYN and SYN-ACK
 * (§6.1.1), ECT(0) on new data only (§6.1.4-§6.1.5; Linux tcp_ecn_send()), ECE on our ACKs
 * from a CE until the peer's CWR (§6.1.3; tcp_data_ecn_check(), tcp_ecn_accept_cwr()), and
 * the sender's reduction, once per window of data, in congestion state CWR (§6.1.2;
 * tcp_enter_cwr(), tcp_fastretrans_alert()), with CWR on the next new data segment.
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpEcn");

namespace
{
using H = FullTcpHeader;
using S = FullTcpState;
using CA = FullTcpCaState;
using Ecn = FullTcpEcnCodepoint;
} // namespace

// ------------------------------------------------------------------------------ names

const char*
FullTcpEcnModeName(FullTcpEcnMode m)
{
    switch (m)
    {
    case FullTcpEcnMode::OFF:
        return "Off";
    case FullTcpEcnMode::ON:
        return "On";
    case FullTcpEcnMode::PASSIVE:
        return "Passive";
    }
    return "INVALID_ECN_MODE";
}

std::optional<FullTcpEcnMode>
FullTcpEcnModeFromName(const std::string& name)
{
    std::string lower(name);
    std::transform(lower.begin(),
                   lower.end(),
                   lower.begin(),
                   [](unsigned char c)
                   {
                       return static_cast<char>(std::tolower(c));
                   });
    for (const FullTcpEcnMode m :
         {FullTcpEcnMode::OFF, FullTcpEcnMode::ON, FullTcpEcnMode::PASSIVE})
    {
        std::string n(FullTcpEcnModeName(m));
        std::transform(n.begin(),
                       n.end(),
                       n.begin(),
                       [](unsigned char c)
                       {
                           return static_cast<char>(std::tolower(c));
                       });
        if (n == lower)
        {
            return m;
        }
    }
    return std::nullopt;
}

std::ostream&
operator<<(std::ostream& os, FullTcpEcnMode m)
{
    return os << FullTcpEcnModeName(m);
}

const char*
FullTcpEcnEventName(FullTcpEcnEvent e)
{
    switch (e)
    {
    case FullTcpEcnEvent::ECE_REDUCTION:
        return "ECE_REDUCTION";
    case FullTcpEcnEvent::CWR_SENT:
        return "CWR_SENT";
    case FullTcpEcnEvent::CE_RECEIVED:
        return "CE_RECEIVED";
    }
    return "INVALID_ECN_EVENT";
}

std::ostream&
operator<<(std::ostream& os, FullTcpEcnEvent e)
{
    return os << FullTcpEcnEventName(e);
}

void
FullTcpConnectionOutput::EcnEvent(FullTcpEcnEvent, uint32_t)
{
}

// ---------------------------------------------------------------- negotiation (§6.1.1)

uint8_t
FullTcpConnection::EcnSynFlags(bool offer)
{
    if (offer)
    {
        // §6.1.1: "Host A sets the ECE and CWR flags in the TCP header of the SYN packet"
        // (Linux tcp_ecn_send_syn() with tcp_ecn = 1). A retransmitted SYN asks for nothing:
        // a path that drops ECN-setup SYNs still lets the connection open (Linux
        // tcp_ecn_clear_syn() with tcp_ecn_fallback = 1); the request stands, and the
        // SYN-ACK decides.
        if (m_tcb.synRetransmitted)
        {
            return 0;
        }
        m_tcb.ecn.requested = m_config.ecn == FullTcpEcnMode::ON;
        return m_tcb.ecn.requested ? H::ECE | H::CWR : 0;
    }
    // §6.1.1: "Host B sets the ECE flag, but not the CWR flag, in the SYN-ACK packet" when
    // ECN is negotiated (Linux tcp_ecn_make_synack(), tcp_ecn_send_synack()); its
    // retransmissions too.
    return m_tcb.ecn.ok ? H::ECE : 0;
}

void
FullTcpConnection::NegotiateEcn(const FullTcpHeader& syn)
{
    const bool ece = syn.HasFlags(H::ECE);
    const bool cwr = syn.HasFlags(H::CWR);
    if (syn.HasFlags(H::ACK))
    {
        // Our SYN was answered. §6.1.1: an ECN-setup SYN-ACK has ECE and not CWR; "a host
        // MUST NOT set ECT on data packets unless it has sent at least one ECN-setup SYN or
        // ECN-setup SYN-ACK packet ... and has received no non-ECN-setup SYN" — a SYN-ACK
        // with both flags (a reflecting middlebox) or CWR alone is not one (Linux classic
        // tcp_ecn_rcv_synack(): !ece || cwr clears TCP_ECN_OK).
        m_tcb.ecn.ok = m_tcb.ecn.requested && ece && !cwr;
    }
    else if (m_tcb.state == S::SYN_SENT)
    {
        // Simultaneous open: the peer's SYN must be an ECN-setup SYN too (Linux
        // tcp_ecn_rcv_syn()).
        m_tcb.ecn.ok = m_tcb.ecn.requested && ece && cwr;
    }
    else
    {
        // A passive open: answer an ECN-setup SYN (ECE and CWR) when ECN is not off (Linux
        // tcp_ecn_create_request(): sysctl tcp_ecn 1 or 2).
        m_tcb.ecn.ok = m_config.ecn != FullTcpEcnMode::OFF && ece && cwr;
    }
    NS_LOG_LOGIC(m_tcb.localPort << ">" << m_tcb.remotePort << " ECN "
                                 << (m_tcb.ecn.ok ? "in use" : "not in use"));
}

// ---------------------------------------------------------------- what we send

uint8_t
FullTcpConnection::EcnEchoFlag(uint8_t flags)
{
    // §6.1.3: after a CE "the TCP receiver sets the ECN-Echo flag in the TCP header of
    // subsequent ACK packets" until a CWR arrives; Linux tcp_ecn_send() sets it on every
    // segment but SYNs while TCP_ECN_DEMAND_CWR holds. Not on a RST: it ends everything.
    if (!m_tcb.ecn.demandCwr || (flags & (H::SYN | H::RST)) != 0 || (flags & H::ACK) == 0)
    {
        return 0;
    }
    ++m_tcb.ecn.eceSent;
    return H::ECE;
}

FullTcpEcnCodepoint
FullTcpConnection::EcnCodepointFor(const FullTcpHeader& h, uint32_t len, bool retransmission) const
{
    // §6.1: ECT only once ECN is negotiated; never on a SYN or SYN-ACK (§6.1.1), a pure ACK
    // (§6.1.4: len 0, so FIN alone and RSTs too), a retransmission (§6.1.5), or a window
    // probe (Linux tcp_ecn_send(): data at or beyond SND.NXT only, and its zero-window
    // probes carry no data). ECT(0), as Linux INET_ECN_xmit() and ns-3's default
    // TcpSocketState::m_ectCodePoint.
    if (!m_tcb.ecn.ok || h.HasFlags(H::SYN) || h.HasFlags(H::RST) || len == 0 || retransmission
        || m_tcb.probing)
    {
        return Ecn::NOT_ECT;
    }
    return Ecn::ECT_0;
}

std::optional<FullTcpHeader>
FullTcpConnection::EcnAddCwr(const FullTcpHeader& h, FullTcpEcnCodepoint ecn)
{
    // §6.1.2: "the TCP sender sets the CWR flag in the TCP header of the first new data
    // packet sent after the window reduction" (Linux tcp_ecn_send(): on the ECT segment,
    // clearing TCP_ECN_QUEUE_CWR).
    if (!m_tcb.ecn.queueCwr || ecn == Ecn::NOT_ECT)
    {
        return std::nullopt;
    }
    m_tcb.ecn.queueCwr = false;
    ++m_tcb.ecn.cwrSent;
    FullTcpHeader withCwr = h;
    withCwr.SetFlags(h.GetFlags() | H::CWR);
    m_out.EcnEvent(FullTcpEcnEvent::CWR_SENT, h.GetSequenceNumber());
    return withCwr;
}

void
FullTcpConnection::EcnWindowReduced()
{
    // §6.1.2: "When an ECN-Capable TCP sender reduces its congestion window for any reason
    // (because of a retransmit timeout, a Fast Retransmit, or in response to an ECN
    // Notification), the TCP sender sets the CWR flag" (Linux tcp_ecn_queue_cwr() from
    // tcp_init_cwnd_reduction() and tcp_enter_loss()).
    if (m_tcb.ecn.ok)
    {
        m_tcb.ecn.queueCwr = true;
    }
}

// ---------------------------------------------------------------- what we receive

void
FullTcpConnection::EcnAckArrives(const FullTcpHeader& h, uint32_t dataLength)
{
    if (!m_tcb.ecn.ok)
    {
        return; // ECE or CWR on a connection without ECN: ignored (Linux checks TCP_ECN_OK)
    }
    if (h.HasFlags(H::ECE))
    {
        // Linux tcp_in_ack_event(CA_ACK_ECE), before anything else of the ACK.
        m_cc->OnEcn(m_tcb.cc, FullTcpEcnSignal::ECE, CongestionContext());
    }
    if (h.HasFlags(H::CWR))
    {
        // §6.1.3: stop echoing once the sender says it reduced. Linux tcp_ecn_accept_cwr()
        // runs for every acceptable ACK, pure ones too, and ACKs a data segment with CWR
        // at once: the sender's cwnd may be small.
        m_tcb.ecn.demandCwr = false;
        if (dataLength > 0)
        {
            AckOwed(true);
        }
    }
}

void
FullTcpConnection::EcnDataArrives(int64_t seq)
{
    if (!m_tcb.ecn.ok)
    {
        return;
    }
    // Linux tcp_data_ecn_check(), for every segment that brings new data.
    switch (m_tcb.rcvEcn)
    {
    case Ecn::NOT_ECT:
        // After ECT segments, a Not-ECT one is probably a retransmission: ACK quickly.
        if (m_tcb.ecn.seen)
        {
            EcnQuickAcks();
        }
        break;
    case Ecn::CE:
        // §6.1.3: echo the congestion; Linux also ACKs the next two segments at once
        // (tcp_enter_quickack_mode(sk, 2)), "sender can have a very low cwnd".
        if (!m_tcb.ecn.demandCwr)
        {
            EcnQuickAcks();
            m_tcb.ecn.demandCwr = true;
        }
        ++m_tcb.ecn.ceReceived;
        m_tcb.ecn.seen = true;
        m_cc->OnEcn(m_tcb.cc, FullTcpEcnSignal::CE, CongestionContext());
        m_out.EcnEvent(FullTcpEcnEvent::CE_RECEIVED, m_tcb.rcv.ToWire(seq));
        break;
    default:
        m_tcb.ecn.seen = true;
        break;
    }
}

void
FullTcpConnection::EcnQuickAcks()
{
    // Linux tcp_incr_quickack(sk, 2): at least two ACKs go at once.
    m_tcb.quickAcks = std::max<uint32_t>(m_tcb.quickAcks.value_or(0), 2);
}

// ---------------------------------------------------------------- the sender's reaction

bool
FullTcpConnection::EcnOnAck(const FullTcpHeader& h, int64_t delivered)
{
    if (!m_tcb.ecn.ok)
    {
        return true;
    }
    // Linux tcp_fastretrans_alert(): CWR "is to be held something *above* high_seq is
    // ACKed for CWR bit to reach receiver" — the segment that carried CWR was sent at
    // high_seq. PRR then leaves cwnd = ssthresh (tcp_end_cwnd_reduction()); without it
    // cwnd has been ssthresh since the reduction.
    if (m_tcb.caState == CA::CWR && m_tcb.sndUna > m_tcb.ecn.cwrEnd)
    {
        if (m_config.prr)
        {
            m_tcb.cc.cwnd = m_tcb.cc.ssthresh;
        }
        SetCaState(OpenOrDisorder());
    }
    // §6.1.2: an ECE halves cwnd and ssthresh "as in response to a dropped packet", at most
    // once per window of data (Linux tcp_try_to_open() → tcp_enter_cwr(), only from Open
    // and Disorder: in CWR the window is already reduced, in Recovery and Loss the loss
    // response covers it).
    const CA st = m_tcb.caState;
    if (h.HasFlags(H::ECE) && !h.HasFlags(H::SYN) && (st == CA::OPEN || st == CA::DISORDER))
    {
        m_tcb.cc.ssthresh = SsThreshAfterLoss();
        m_tcb.ecn.cwrEnd = m_tcb.sndNxt;
        if (m_config.prr)
        {
            // PRR for the reduction (RFC 9937 §6.1: "a congestion control response episode";
            // Linux tcp_init_cwnd_reduction() from tcp_enter_cwr()): RecoverFS is RFC 9937's
            // SND.NXT - SND.UNA less the bytes SACKed before this ACK, plus what this ACK
            // delivered, or Linux's prior_cwnd (cwnd is still the one before the reduction).
            const auto variant = FullTcpPrr::VariantFromName(m_config.prrVariant)
                                     .value_or(FullTcpPrrVariant::Rfc9937);
            const int64_t fs = static_cast<int64_t>(m_tcb.FlightSize())
                             - m_tcb.scoreboard.SackedBytes() + std::max<int64_t>(delivered, 0);
            const uint32_t recoverFs = variant == FullTcpPrrVariant::Linux
                                         ? m_tcb.cc.cwnd
                                         : static_cast<uint32_t>(std::max<int64_t>(fs, 0));
            m_tcb.ecn.prr.OnEnterRecovery(variant, recoverFs, m_tcb.sndMss);
            m_tcb.ecn.prrSentMark = m_tcb.dataBytesSent;
            m_tcb.ecn.prrUna = m_tcb.sndUna;
        }
        else
        {
            // RFC 3168 §6.1.2: "the TCP source halves the congestion window": cwnd follows
            // the new ssthresh at once (never grows by it).
            m_tcb.cc.cwnd = std::min(m_tcb.cc.cwnd, m_tcb.cc.ssthresh);
        }
        ++m_tcb.ecn.eceReductions;
        m_out.EcnEvent(FullTcpEcnEvent::ECE_REDUCTION, h.GetAckNumber());
        SetCaState(CA::CWR);
    }
    if (m_tcb.caState != CA::CWR)
    {
        return true;
    }
    if (m_config.prr)
    {
        // Linux tcp_cwnd_reduction() on every ACK in CWR: cwnd = pipe + sndcnt.
        m_tcb.ecn.prr.OnSent(m_tcb.dataBytesSent - m_tcb.ecn.prrSentMark);
        m_tcb.ecn.prrSentMark = m_tcb.dataBytesSent;
        // A safe ACK (RFC 9937 §6.2) advances SND.UNA; a further loss would have moved the
        // connection from CWR to Recovery.
        const bool safeAck = m_tcb.sndUna > m_tcb.ecn.prrUna;
        m_tcb.ecn.prrUna = m_tcb.sndUna;
        if (delivered > 0)
        {
            const uint32_t pipe = m_recovery->BytesInFlight(*this);
            m_tcb.cc.cwnd = pipe + m_tcb.ecn.prr.OnAck(delivered, pipe, m_tcb.cc.ssthresh, safeAck);
        }
    }
    // No growth while the reduction lasts (Linux tcp_cong_control(): tcp_cong_avoid() only
    // outside tcp_in_cwnd_reduction()).
    return false;
}

} // namespace ns3
