/*
 * Engine: user calls (RFC 9293 §3.10.1-6), SetState choke point, SYN option negotiation
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: construction, the user calls of RFC 9293 §3.10.1-§3.10.6, and the
 * state choke point.
 */
#include "fulltcp-connection.h"

#include "ns3/fulltcp-newreno.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpConnection");

namespace
{

using S = FullTcpState;
using C = FullTcpStateCause;
using E = FullTcpAppEvent;

/**
 * The application event that a transition carries, if any. A passive connection that never
 * became ESTABLISHED has no application yet, so its failures stay silent (RFC 9293
 * §3.10.7.4: "return this connection to LISTEN"; the listener never learns of it). A Fast
 * Open child is in the application's hands from its SYN on (RFC 7413 §4.2.2): in SYN_RCVD it
 * fails as an open connection does (Linux tcp_reset(): ECONNRESET).
 */
std::optional<FullTcpAppEvent>
AppEventFor(
    FullTcpState from, FullTcpState to, FullTcpStateCause cause, bool passive, bool fastOpenChild)
{
    if (fastOpenChild && from == S::SYN_RCVD)
    {
        from = S::ESTABLISHED;
        passive = false;
    }
    if (to == S::ESTABLISHED)
    {
        return E::CONNECTED;
    }
    if (to == S::TIME_WAIT)
    {
        return E::CLOSED; // both FINs sent and acknowledged
    }
    if (to != S::CLOSED)
    {
        return std::nullopt;
    }
    const bool opening = from == S::SYN_SENT || from == S::SYN_RCVD;
    switch (cause)
    {
    case C::RCV_RST:
        if (from == S::TIME_WAIT || (from == S::SYN_RCVD && passive))
        {
            return std::nullopt;
        }
        return opening ? E::CONNECT_REFUSED : E::RESET;
    case C::RETRIES_EXHAUSTED:
        if (from == S::SYN_RCVD && passive)
        {
            return std::nullopt;
        }
        return opening ? E::CONNECT_TIMED_OUT : E::TIMED_OUT;
    case C::RCV_ACK_OF_FIN:
        return E::CLOSED; // LAST_ACK → CLOSED
    case C::TIMEOUT_FIN_WAIT_2:
        return E::TIMED_OUT;
    case C::RCV_ICMP_UNREACHABLE:
        if (from == S::SYN_RCVD && passive)
        {
            return std::nullopt; // a connection request, dropped silently (tcp_req_err())
        }
        return opening ? E::CONNECT_UNREACHABLE : E::UNREACHABLE;
    default:
        return std::nullopt; // the user's own doing, or the end of TIME_WAIT
    }
}

} // namespace

const char*
FullTcpErrorName(FullTcpError e)
{
    switch (e)
    {
    case FullTcpError::OK:
        return "OK";
    case FullTcpError::NOT_CONNECTED:
        return "NOT_CONNECTED";
    case FullTcpError::ALREADY_OPEN:
        return "ALREADY_OPEN";
    case FullTcpError::CLOSING:
        return "CLOSING";
    case FullTcpError::NO_BUFFER_SPACE:
        return "NO_BUFFER_SPACE";
    case FullTcpError::INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
    case FullTcpError::UNKNOWN_ALGORITHM:
        return "UNKNOWN_ALGORITHM";
    }
    return "INVALID_ERROR";
}

std::ostream&
operator<<(std::ostream& os, FullTcpError e)
{
    return os << FullTcpErrorName(e);
}

FullTcpConnection::FullTcpConnection(const FullTcpConfig& config, FullTcpConnectionOutput& output) :
    m_config(config), m_out(output),
    m_cc(FullTcpCongestionControlFactory::Create(config.congestionControl)),
    // Until the options are negotiated the connection has no SACK: the recovery without it.
    m_recovery(FullTcpLossRecoveryFactory::Create(FULLTCP_RECOVERY_WITHOUT_SACK))
{
    // An unknown name is a configuration error, never a silent substitute: the connection
    // refuses to open (UNKNOWN_ALGORITHM) and says why, with the names it knows.
    if (!m_cc)
    {
        m_configError = FullTcpCongestionControlFactory::UnknownNameError("congestion control",
                                                                          config.congestionControl);
    }
    else if (std::string error = m_cc->Configure(config); !error.empty())
    {
        m_configError = std::move(error);
    }
    else if (!FullTcpLossRecoveryFactory::Has(config.recovery))
    {
        m_configError =
            FullTcpLossRecoveryFactory::UnknownNameError("loss recovery", config.recovery);
    }
    else if (!m_recovery)
    {
        m_configError = FullTcpLossRecoveryFactory::UnknownNameError("loss recovery",
                                                                     FULLTCP_RECOVERY_WITHOUT_SACK);
    }
    if (!m_configError.empty())
    {
        NS_LOG_ERROR(m_configError);
    }
    m_tcb.rtt = FullTcpRttEstimator(
        m_config.initialRto, m_config.minRto, m_config.maxRto, m_config.clockGranularity);
    m_tcb.rtt.SetLinux(m_config.linuxRtoEstimator);
    m_tcb.rto = m_tcb.rtt.GetRto();
    m_tcb.cc.ssthresh = m_config.initialSsthresh;
    m_tcb.pacer.Configure(m_config, m_cc && m_cc->SetsPacingRate());
    m_tcb.linuxRcv.Configure(m_config.rcvBufSize, m_config.rcvBufMax);
}

FullTcpConnection::InputScope::InputScope(FullTcpConnection& c, Time now) : m_c(c)
{
    m_c.m_now = now;
    ++m_c.m_inputDepth;
}

FullTcpConnection::InputScope::~InputScope()
{
    if (--m_c.m_inputDepth > 0 || m_c.m_delivering)
    {
        return;
    }
    // One at a time, each after the callback of the one before has returned: a callback may
    // re-enter the connection (e.g. read on DATA_ARRIVED), and what that call queues, like
    // what was queued before it (PEER_CLOSED after DATA_ARRIVED), waits for this loop. Were
    // the nested call to deliver them, the application would hear of the end of stream
    // before its read returned the last bytes.
    m_c.m_delivering = true;
    while (!m_c.m_events.empty())
    {
        const FullTcpAppEvent event = m_c.m_events.front();
        m_c.m_events.pop_front();
        m_c.m_out.NotifyApplication(event);
    }
    m_c.m_delivering = false;
}

void
FullTcpConnection::Notify(FullTcpAppEvent event)
{
    m_events.push_back(event);
}

// ------------------------------------------------------------------ the choke point

void
FullTcpConnection::SetState(FullTcpState next, FullTcpStateCause cause)
{
    const FullTcpState from = m_tcb.state;
    if (!FullTcpIsLegalTransition(from, next, cause))
    {
        // A bug in FullTcp, never the peer's fault: report it, then proceed so that the
        // connection still ends up releasing its resources.
        NS_LOG_ERROR("illegal transition " << from << " -> " << next << " (" << cause << ")");
        m_out.IllegalTransition(from, next, cause);
    }
    NS_LOG_INFO(m_tcb.localPort << ">" << m_tcb.remotePort << " " << from << " -> " << next << " ("
                                << cause << ")");
    m_tcb.state = next;
    if (cause == C::FORK)
    {
        return; // the child's life begins here, in LISTEN: no event, timer or report belongs to it
    }
    m_out.StateChanged(from, next, cause);

    // Entry actions: the timers that belong to the new state.
    switch (next)
    {
    case S::CLOSED:
        CancelAllTimers();
        break;
    case S::TIME_WAIT:
        // §3.10.7.4 eighth step: "Start the time-wait timer, turn off the other timers."
        CancelAllTimers();
        if (m_config.msl.IsStrictlyPositive())
        {
            ArmTimer(FullTcpTimer::LINGER, 2 * m_config.msl);
        }
        break;
    case S::FIN_WAIT_2:
        if (m_tcb.appClosed)
        {
            ArmTimer(FullTcpTimer::LINGER, OrphanFinWait2Timeout());
        }
        break;
    case S::ESTABLISHED:
        StartKeepAlive();
        if (m_config.linuxReceiveWindow)
        {
            // tcp_init_buffer_space() (tcp_init_transfer()); Linux's advmss excludes the
            // timestamp option once it is on.
            m_tcb.linuxRcv.Established(
                AdvertisedMss(), m_tcb.rcvNxt - m_tcb.rcvQueue.Size(), m_now);
        }
        break;
    default:
        break;
    }

    if (const auto event = AppEventFor(from, next, cause, m_tcb.passive, m_tcb.fastOpenChild))
    {
        Notify(*event);
    }
    // MSL = 0 means no TIME_WAIT: the connection passes through it and closes at once.
    if (next == S::TIME_WAIT && !m_config.msl.IsStrictlyPositive())
    {
        SetState(S::CLOSED, C::TIMEOUT_2MSL);
    }
}

// ------------------------------------------------------------------------ user calls

FullTcpError
FullTcpConnection::Listen(uint16_t localPort)
{
    InputScope input(*this, m_now);
    if (!m_configError.empty())
    {
        return FullTcpError::UNKNOWN_ALGORITHM;
    }
    if (m_tcb.state != S::CLOSED)
    {
        return FullTcpError::ALREADY_OPEN;
    }
    m_tcb.localPort = localPort;
    SetState(S::LISTEN, C::APP_LISTEN);
    return FullTcpError::OK;
}

FullTcpError
FullTcpConnection::Connect(uint16_t localPort, uint16_t remotePort, uint32_t iss, Time now)
{
    // §3.10.1 (CLOSED) and §3.10.2 (SEND in LISTEN turns a passive connection active).
    InputScope input(*this, now);
    if (!m_configError.empty())
    {
        return FullTcpError::UNKNOWN_ALGORITHM;
    }
    if (m_tcb.state != S::CLOSED && m_tcb.state != S::LISTEN)
    {
        return FullTcpError::ALREADY_OPEN;
    }
    m_tcb.localPort = localPort;
    m_tcb.remotePort = remotePort;
    m_tcb.snd = FullTcpSeqSpace(iss);
    SetState(S::SYN_SENT, C::APP_CONNECT);
    m_tcb.lastProgress = m_now; // the first SYN (Linux tcp_connect(): retrans_stamp)
    SendSyn();
    // Past the SYN and the data it carries under Fast Open (RFC 7413 §4.2.1).
    m_tcb.sndNxt = m_tcb.fastOpenClient.synDataEnd;
    m_tcb.highTxMark = m_tcb.sndNxt;
    m_tcb.rttTimedEnd = 1; // the SYN's round trip is the first RTT sample (RFC 6298 §2)
    m_tcb.rttTimedAt = m_now;
    StartRetransmitTimerIfIdle();
    return FullTcpError::OK;
}

FullTcpError
FullTcpConnection::AcceptSyn(const FullTcpHeader& syn,
                             uint32_t iss,
                             Time now,
                             const FullTcpPassiveFastOpen& fastOpen)
{
    InputScope input(*this, now);
    if (!m_configError.empty())
    {
        return FullTcpError::UNKNOWN_ALGORITHM;
    }
    if (m_tcb.state != S::CLOSED)
    {
        return FullTcpError::ALREADY_OPEN;
    }
    if (!syn.HasFlags(FullTcpHeader::SYN)
        || (syn.GetFlags() & (FullTcpHeader::ACK | FullTcpHeader::RST)) != 0)
    {
        return FullTcpError::INVALID_ARGUMENT;
    }
    // The child starts as a copy of its listener, i.e. in LISTEN (ns-3's fork semantics),
    // so its first reported transition is LISTEN → SYN_RCVD as in RFC 9293 Figure 5.
    SetState(S::LISTEN, C::FORK);
    m_tcb.passive = true;
    m_tcb.localPort = syn.GetDestinationPort();
    m_tcb.remotePort = syn.GetSourcePort();
    // §3.10.7.2 third step: "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... ISS should
    // be selected and a SYN segment sent of the form <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
    // SND.NXT is set to ISS+1 and SND.UNA to ISS."
    m_tcb.snd = FullTcpSeqSpace(iss);
    m_tcb.rcv = FullTcpSeqSpace(syn.GetSequenceNumber());
    m_tcb.rcvNxt = 1;
    NegotiateOptions(syn);
    // RFC 7323 §2.2: the window of a SYN is never scaled.
    m_tcb.sndWnd = syn.GetWindow();
    m_tcb.maxSndWnd = m_tcb.sndWnd;
    SetState(S::SYN_RCVD, C::RCV_SYN);
    m_tcb.synAckCookie = fastOpen.cookie;
    const uint32_t synData = fastOpen.accept && fastOpen.data ? fastOpen.data->GetSize() : 0;
    m_tcb.fastOpenChild = fastOpen.accept;
    if (synData > 0)
    {
        // RFC 7413 §4.2.2: the data is accepted before the handshake completes and the
        // SYN-ACK acknowledges it (Linux tcp_fastopen_add_skb(): rcv_nxt = end_seq,
        // syn_data_acked).
        m_tcb.rcvQueue.Append(fastOpen.data);
        m_tcb.rcvNxt += synData;
        m_tcb.synDataAcked = true;
    }
    SendSyn();
    if (synData > 0 && m_config.linuxReceiveWindow)
    {
        m_tcb.linuxRcv.InOrder(synData, m_config.ipHeaderSize + syn.GetSerializedSize());
    }
    m_tcb.sndNxt = 1;
    if (m_tcb.fastOpenChild)
    {
        // Data may follow the SYN-ACK at once, with the initial window (Linux
        // tcp_fastopen_create_child() calls tcp_init_transfer()); only a timeout resends the
        // SYN-ACK (the child starts past the SYN, tcp_create_openreq_child()).
        HandshakeAcknowledged();
    }
    m_tcb.rttTimedEnd = 1;
    m_tcb.rttTimedAt = m_now;
    StartRetransmitTimerIfIdle();
    return FullTcpError::OK;
}

FullTcpError
FullTcpConnection::Send(Ptr<Packet> data, Time now, bool endOfRecord, bool more)
{
    InputScope input(*this, now);
    if (m_tcb.state == S::CLOSED || m_tcb.state == S::LISTEN)
    {
        return FullTcpError::NOT_CONNECTED;
    }
    // §3.10.2: after CLOSE (FIN-WAIT-*, CLOSING, LAST-ACK, TIME-WAIT) "connection closing".
    if (m_tcb.finQueued || m_tcb.shutdownPending || m_tcb.state == S::TIME_WAIT)
    {
        return FullTcpError::CLOSING;
    }
    if (data && data->GetSize() > GetTxAvailable())
    {
        return FullTcpError::NO_BUFFER_SPACE;
    }
    // Linux tcp_rate_check_app_limited(), at each write: less than a segment waits, cwnd is
    // not full and no loss awaits its retransmission, so the flight in the network is as
    // large as the application made it, not as the path allows.
    if (!m_tcb.inRecovery && m_tcb.DataEnd() - m_tcb.sndNxt < m_tcb.sndMss)
    {
        const uint32_t inFlight = m_recovery->BytesInFlight(*this);
        if (inFlight < m_tcb.cc.cwnd)
        {
            m_tcb.rate.MarkAppLimited(inFlight);
        }
    }
    // SYN-SENT and SYN-RECEIVED queue the data "for transmission after entering
    // ESTABLISHED state"; Output() sends nothing before our SYN is acknowledged.
    QueueWrite(data, endOfRecord, more); // fulltcp-push.cc
    return FullTcpError::OK;
}

FullTcpError
FullTcpConnection::SendUrgent(Ptr<Packet> data, Time now)
{
    InputScope input(*this, now);
    const auto previous = m_tcb.sndUp;
    if (data && data->GetSize() > 0)
    {
        // RFC 9293 §3.8.5 with RFC 6093: the urgent pointer points just past the urgent data.
        m_tcb.sndUp = m_tcb.DataEnd() + data->GetSize();
    }
    const FullTcpError result = Send(data, now);
    if (result != FullTcpError::OK)
    {
        m_tcb.sndUp = previous;
    }
    return result;
}

Ptr<Packet>
FullTcpConnection::Receive(uint32_t maxBytes, Time now)
{
    InputScope input(*this, now);
    const uint32_t n = std::min(maxBytes, UrgentReadLimit()); // fulltcp-urgent.cc
    const uint32_t queued = m_tcb.rcvQueue.Size() + m_tcb.reassembly.Size();
    Ptr<Packet> bytes = m_tcb.rcvQueue.Copy(0, n);
    m_tcb.rcvQueue.PopFront(n);
    if (n > 0)
    {
        if (m_config.linuxReceiveWindow)
        {
            // Memory released, and DRS once per RTT (tcp_recvmsg() ->
            // tcp_rcv_space_adjust()); the receiver's RTT is the connection's SRTT.
            const Time rtt = m_tcb.rtt.HasSample() ? m_tcb.rtt.GetSrtt() : Time();
            m_tcb.linuxRcv.Read(n, queued, m_tcb.rcvNxt - m_tcb.rcvQueue.Size(), rtt, now);
        }
        MaybeSendWindowUpdate();
    }
    return bytes;
}

FullTcpError
FullTcpConnection::ShutdownSend(Time now)
{
    InputScope input(*this, now);
    switch (m_tcb.state)
    {
    case S::CLOSED:
    case S::LISTEN:
        return FullTcpError::NOT_CONNECTED;
    case S::SYN_SENT:
        // Nothing to close yet: the FIN follows the handshake (and any queued data).
        m_tcb.shutdownPending = true;
        return FullTcpError::OK;
    default:
        if (!m_tcb.finQueued && m_tcb.state != S::TIME_WAIT)
        {
            ShutdownSendingSide(C::APP_SHUTDOWN);
        }
        return FullTcpError::OK;
    }
}

Time
FullTcpConnection::OrphanFinWait2Timeout() const
{
    if (!m_config.finWait2RtoFloor)
    {
        return m_config.finWait2Timeout;
    }
    // Linux tcp_fin_time(): "(rto << 2) - (rto >> 1)", so that the FIN_WAIT_2 outlives the
    // peer's retransmissions of its FIN.
    return std::max(m_config.finWait2Timeout, m_tcb.rto * 4 - m_tcb.rto / 2);
}

FullTcpError
FullTcpConnection::Close(Time now)
{
    InputScope input(*this, now);
    switch (m_tcb.state)
    {
    case S::CLOSED:
        return FullTcpError::NOT_CONNECTED;
    case S::LISTEN:
    case S::SYN_SENT:
        // §3.10.4: "Any outstanding RECEIVEs are returned ... delete TCB".
        SetState(S::CLOSED, C::APP_CLOSE);
        return FullTcpError::OK;
    default:
        break;
    }
    if (m_tcb.appClosed)
    {
        return FullTcpError::CLOSING;
    }
    m_tcb.appClosed = true;
    if (m_tcb.rcvQueue.Size() > 0 && m_tcb.state != S::TIME_WAIT)
    {
        // RFC 9293 §3.6.1 / RFC 2525 §2.17: data the application will never read is lost;
        // tell the peer with a reset instead of a FIN.
        ResetAndClose(C::APP_CLOSE_UNREAD_DATA);
    }
    else if (!m_tcb.finQueued && m_tcb.state != S::TIME_WAIT)
    {
        ShutdownSendingSide(C::APP_CLOSE);
    }
    else if (m_tcb.state == S::FIN_WAIT_2)
    {
        // Half-closed earlier, orphaned now: the FIN_WAIT_2 timeout starts.
        ArmTimer(FullTcpTimer::LINGER, OrphanFinWait2Timeout());
    }
    return FullTcpError::OK;
}

FullTcpError
FullTcpConnection::Abort(Time now)
{
    InputScope input(*this, now);
    switch (m_tcb.state)
    {
    case S::CLOSED:
        return FullTcpError::NOT_CONNECTED;
    case S::SYN_RCVD:
    case S::ESTABLISHED:
    case S::FIN_WAIT_1:
    case S::FIN_WAIT_2:
    case S::CLOSE_WAIT:
        // §3.10.5: "Send a reset segment".
        ResetAndClose(C::APP_ABORT);
        return FullTcpError::OK;
    default:
        // LISTEN, SYN-SENT: nobody to tell; CLOSING, LAST-ACK, TIME-WAIT: "respond with ok
        // and delete the TCB".
        SetState(S::CLOSED, C::APP_ABORT);
        return FullTcpError::OK;
    }
}

void
FullTcpConnection::ShutdownSendingSide(FullTcpStateCause cause)
{
    // §3.10.4 ESTABLISHED: "Queue this until all preceding SENDs have been segmentized, then
    // form a FIN segment and send it. In any case, enter FIN-WAIT-1 state."
    m_tcb.finQueued = true;
    m_tcb.shutdownPending = false;
    if (m_tcb.state == S::CLOSE_WAIT)
    {
        SetState(S::LAST_ACK, cause);
    }
    else
    {
        SetState(S::FIN_WAIT_1, cause);
    }
    Output();
}

void
FullTcpConnection::ResetAndClose(FullTcpStateCause cause)
{
    Transmit(MakeHeader(FullTcpHeader::RST | FullTcpHeader::ACK, m_tcb.sndNxt), Create<Packet>());
    SetState(S::CLOSED, cause);
}

void
FullTcpConnection::Drop(const FullTcpHeader& header, FullTcpDropReason reason)
{
    NS_LOG_LOGIC("drop " << header << ": " << reason);
    m_out.SegmentDropped(header, reason);
}

void
FullTcpConnection::NegotiateOptions(const FullTcpHeader& syn)
{
    const FullTcpOptions& o = syn.GetOptions();
    // RFC 7323 §2.2/§3.2 and RFC 2018 §2: an option is used only when both SYNs carry it.
    // Our SYN (or SYN-ACK) carries exactly what the configuration enables.
    m_tcb.wsOk = m_config.windowScaling && o.GetWindowScale().has_value();
    if (m_tcb.wsOk)
    {
        // RFC 7323 §2.3: a shift above 14 is used as 14.
        m_tcb.sndWscale = std::min<uint8_t>(*o.GetWindowScale(), 14);
        m_tcb.rcvWscale = OfferedWindowShift();
    }
    m_tcb.sackOk = m_config.sack && o.GetSackPermitted();
    PickLossRecovery();
    m_tcb.tsOk = m_config.timestamps && o.GetTimestamp().has_value();
    if (m_tcb.tsOk)
    {
        m_tcb.tsRecent = o.GetTimestamp()->value;
    }
    // RFC 9293 §3.7.1: send at most the peer's MSS (536 when absent, MUST-15), reduced by
    // the options every segment carries (timestamps: 10 bytes + 2 NOPs). The floor applies
    // to the MSS before the options come off, as Linux __tcp_mtu_to_mss() raises it to
    // tcp_min_snd_mss and tcp_mtu_to_mss() then subtracts them: a peer's MSS of 40 gives
    // 48 - 12 = 36 bytes with timestamps.
    const uint16_t peerMss = o.GetMss().value_or(m_config.defaultPeerMss);
    const uint16_t optionBytes = m_tcb.tsOk ? 12 : 0;
    const uint16_t mss = std::max(std::min(peerMss, m_config.mss), m_config.minSndMss);
    m_tcb.sndMss = mss > optionBytes ? mss - optionBytes : 1;
    // The peer's full-sized segment, until larger ones arrive: the default MSS (as Linux
    // tcp_initialize_rcv_mss(), which starts from TCP_MSS_DEFAULT = 536).
    m_tcb.rcvMss = std::min(m_config.mss, m_config.defaultPeerMss);
    NegotiateEcn(syn); // RFC 3168 §6.1.1 (fulltcp-ecn.cc)
}

void
FullTcpConnection::PickLossRecovery()
{
    // gVisor snd.go: SACK recovery when SACK is permitted, Reno recovery otherwise, chosen
    // once. The configured name was checked at construction.
    const std::string name = m_tcb.sackOk ? m_config.recovery : FULLTCP_RECOVERY_WITHOUT_SACK;
    if (m_recovery->GetName() != name)
    {
        m_recovery = FullTcpLossRecoveryFactory::Create(name);
    }
}

// ------------------------------------------------------------------------- status

FullTcpState
FullTcpConnection::GetState() const
{
    return m_tcb.state;
}

const FullTcpTcb&
FullTcpConnection::GetTcb() const
{
    return m_tcb;
}

const FullTcpConfig&
FullTcpConnection::GetConfig() const
{
    return m_config;
}

uint32_t
FullTcpConnection::GetTxAvailable() const
{
    const uint32_t used = m_tcb.sendQueue.Size();
    return used < m_config.sndBufSize ? m_config.sndBufSize - used : 0;
}

uint32_t
FullTcpConnection::GetRxAvailable() const
{
    return m_tcb.rcvQueue.Size();
}

bool
FullTcpConnection::IsPeerClosed() const
{
    return m_tcb.finReceived;
}

std::optional<FullTcpIcmpKind>
FullTcpConnection::GetSoftError() const
{
    return m_tcb.softError;
}

const std::string&
FullTcpConnection::GetConfigError() const
{
    return m_configError;
}

const FullTcpCongestionControl*
FullTcpConnection::GetCongestionControl() const
{
    return m_cc.get();
}

const FullTcpLossRecovery*
FullTcpConnection::GetLossRecovery() const
{
    return m_recovery.get();
}

FullTcpTimeWaitState
FullTcpConnection::GetTimeWaitState() const
{
    FullTcpTimeWaitState st;
    st.sndNxt = m_tcb.snd.ToWire(m_tcb.sndNxt);
    st.rcvNxt = m_tcb.rcv.ToWire(m_tcb.rcvNxt);
    st.rcvWnd = RcvWnd();
    st.maxSndWnd = m_tcb.maxSndWnd;
    st.tsRecent = m_tcb.tsRecent;
    st.tsOffset = m_config.timestampOffset;
    st.tsRecentTime = m_tcb.tsRecentTime;
    st.lastChallengeAck = m_tcb.lastChallengeAck;
    st.rcvWscale = m_tcb.rcvWscale;
    st.tsOk = m_tcb.tsOk;
    st.sackOk = m_tcb.sackOk;
    return st;
}

} // namespace ns3
