/*
 * Node: socket as engine output (EventId timers, callbacks, traces), config, TIME_WAIT hand-off
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket: the engine's output (segments, timers as EventIds, application events as
 * ns-3 callbacks, state changes), segments and ICMP errors for a connection, and the move of
 * a TIME_WAIT connection to the protocol's table. The listener is in
 * fulltcp-socket-listener.cc.
 */
#include "fulltcp-ns3-congestion.h"
#include "fulltcp-socket.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketEngine");

namespace
{
using S = FullTcpState;
} // namespace

// -------------------------------------------------------------- deferred work and config

void
FullTcpSocket::AfterInput()
{
    SampleTcb();
    if (m_pendingDataSent > 0)
    {
        const uint32_t n = m_pendingDataSent;
        m_pendingDataSent = 0;
        NotifyDataSent(n);
    }
    if (m_depth == 0 && m_role == Role::CONNECTION && m_engine && !m_handedOff
        && m_engine->GetState() == S::TIME_WAIT)
    {
        HandOffTimeWait();
    }
}

void
FullTcpSocket::SampleTcb()
{
    if (m_role != Role::CONNECTION || !m_engine || m_handedOff)
    {
        return;
    }
    const FullTcpTcb& tcb = m_engine->GetTcb();
    m_cWnd = tcb.cc.cwnd;
    m_ssThresh = tcb.cc.ssthresh;
    m_srtt = tcb.rtt.GetSrtt();
    m_rto = tcb.rto;
    m_bytesInFlight = tcb.FlightSize();
    m_congState = FullTcpNs3CongState(tcb.caState);
    m_minRtt = tcb.rtt.GetMinRtt();
    m_rttVar = tcb.rtt.GetRttVar();
    // Bytes per second inside, bits per second outside; unlimited stays ~0 (as Linux's
    // tcpi_pacing_rate reports it).
    const uint64_t rate = tcb.pacer.GetRate();
    m_pacingRate = DataRate(rate > std::numeric_limits<uint64_t>::max() / 8
                                ? std::numeric_limits<uint64_t>::max()
                                : rate * 8);
}

FullTcpSocketInfo
FullTcpSocket::GetInfo() const
{
    FullTcpSocketInfo info;
    info.state = GetState();
    info.retransmissions = m_retransmissions;
    if (m_role == Role::LISTENER)
    {
        // As ss shows a listener: Recv-Q = the accept queue now, Send-Q = its limit.
        info.tuple = FullTcpFourTuple {
            m_local.address, m_local.port, FullTcpIpKey::GetAny(m_local.address.GetFamily()), 0};
        info.recvQ = GetAcceptQueueLength();
        info.sendQ = GetAcceptQueueLimit();
        return info;
    }
    info.tuple = m_role == Role::CONNECTION
                   ? m_tuple
                   : FullTcpFourTuple {m_local.address,
                                       m_local.port,
                                       FullTcpIpKey::GetAny(m_local.address.GetFamily()),
                                       0};
    info.recvQ = GetRxAvailable();
    if (m_role == Role::CONNECTION && m_engine && !m_handedOff)
    {
        const FullTcpTcb& tcb = m_engine->GetTcb();
        info.sendQ = tcb.sendQueue.Size();
        info.cwnd = tcb.cc.cwnd;
        info.rto = tcb.rto;
    }
    return info;
}

bool
FullTcpSocket::DiscardsReceived() const
{
    return m_closeCalled || (m_shutdownRecv && !m_readAfterShutdownRecv);
}

void
FullTcpSocket::HandOffTimeWait()
{
    NS_LOG_FUNCTION(this << m_tuple);
    // As Linux's tcp_time_wait(): the full socket gives way to a TIME_WAIT record; bytes
    // the application has not read stay here.
    Ptr<Packet> rest = m_engine->Receive(std::numeric_limits<uint32_t>::max(), Simulator::Now());
    if (rest->GetSize() > 0 && !DiscardsReceived())
    {
        if (!m_rxLeftover)
        {
            m_rxLeftover = Create<Packet>();
        }
        m_rxLeftover->AddAtEnd(rest);
    }
    for (auto& t : m_timers)
    {
        t.Cancel();
    }
    m_handedOff = true;
    m_inDemux = false;
    // The record copies what TIME_WAIT needs, then the engine goes: AfterInput() runs this
    // only when no engine call of this socket is on the stack, so none returns into it.
    m_tcp->AdoptTimeWait(m_tuple, *m_engine, IpParams());
    m_engine.reset();
}

FullTcpConfig
FullTcpSocket::MakeConfig(uint32_t mtu, FullTcpIpKey::Family family) const
{
    const bool v4 = family == FullTcpIpKey::Family::IPV4;
    FullTcpConfig c;
    c.initialRto = m_connTimeout;
    c.maxRto = m_maxRto;
    c.synRetries = m_synRetries;
    c.synLinearTimeouts = m_synLinearTimeouts;
    c.linuxReceiveWindow = m_linuxReceiveWindow;
    c.linuxRtoEstimator = m_linuxRtoEstimator;
    c.rcvBufMax = m_rcvBufMax;
    c.synSentBadAckRetry = m_synSentBadAckRetry;
    c.simultaneousOpenRepeatsSyn = m_simultaneousOpenRepeatsSyn;
    c.linuxIcmpOpen = m_linuxIcmpOpen;
    c.synAckRetries = m_synAckRetries;
    c.duplicateSynRestartsTimer = m_duplicateSynRestartsTimer;
    c.dataRetries = m_dataRetries;
    c.linuxGiveUp = m_linuxGiveUp;
    c.orphanRetries = m_orphanRetries;
    c.msl = m_msl;
    c.finWait2RtoFloor = m_finWait2RtoFloor;
    c.rfc1337 = m_rfc1337;
    c.timeWaitSynNoListenerAck = m_timeWaitSynNoListenerAck;
    c.linuxTimeWait = m_linuxTimeWait;
    c.challengeAckInterval = m_challengeAckInterval;
    c.ackTooOldBytesAcked = m_ackTooOldBytesAcked;
    c.linuxWindowUpdate = m_linuxWindowUpdate;
    // RFC 9293 §3.7.1: the MSS is the MTU less the fixed IP and TCP headers (40 bytes for
    // IPv4, 60 for IPv6); SegmentSize caps it as it caps ns-3's own TCP.
    const uint32_t overhead = v4 ? 40 : 60;
    const uint32_t pathMss = mtu > overhead + m_minSndMss ? mtu - overhead : 536;
    const uint32_t mss = std::min<uint32_t>({m_segmentSize, pathMss, 65535});
    c.mss = static_cast<uint16_t>(std::max<uint32_t>(mss, m_minSndMss));
    // RFC 9293 MUST-15: 536 when the peer sends no MSS option; RFC 8200 §5 (IPv6 minimum
    // MTU 1280) gives 1220.
    c.defaultPeerMss = v4 ? 536 : 1220;
    // For path MTU changes (RFC 1191, RFC 8201): the family's fixed IP header and the
    // smallest MTU a packet-too-big may impose (IPv6: its minimum link MTU, RFC 8200 §5).
    c.ipHeaderSize = v4 ? 20 : 40;
    c.minPathMtu = v4 ? c.minPathMtu : 1280;
    c.minSndMss = m_minSndMss;
    c.sack = m_sack;
    c.timestamps = m_timestamps;
    c.windowScaling = m_windowScaling;
    c.timestampOffset = m_tcp->NewTimestampOffset();
    c.rcvBufSize = m_rcvBufSize;
    // ns3::TcpSocket attributes of the data path, with ns-3's meaning.
    c.initialCwnd = m_initialCwnd;
    // "Arbitrarily high" either way (RFC 5681 §3.1); ns-3's UINT32_MAX is kept below 2^31
    // so that window arithmetic in bytes cannot wrap.
    c.initialSsthresh = std::min<uint32_t>(m_initialSsThresh, 0x7fffffff);
    c.delayedAckTimeout = m_delAckTimeout;
    c.delAckCount = m_delAckMaxCount;
    // 0 = one RTO (the engine's RFC default); see the PersistFromRto attribute.
    c.persistTimeout = m_persistFromRto ? Seconds(0) : m_persistTimeout;
    c.zeroWindowProbeData = m_zeroWindowProbeData;
    c.minshallNagle = m_minshallNagle;
    c.dropUnexpectedMd5 = m_dropUnexpectedMd5;
    // FullTcp's own data-path knobs.
    c.minRto = m_minRto;
    c.clockGranularity = m_clockGranularity;
    c.fallbackRto = m_fallbackRto;
    c.quickAcks = m_quickAcks;
    c.dupThresh = m_dupThresh;
    c.limitedTransmit = m_limitedTransmit;
    c.congestionControl = m_congestionControl;
    c.recovery = m_recovery;
    c.cubicHystart = m_cubicHystart;
    c.dsack = m_dsack;
    c.urgentOutOfBand = m_urgentOutOfBand;
    c.overWindowWhole = m_overWindowWhole;
    c.pushBlockSize = m_pushBlockSize;
    c.minTsoSegs = m_minTsoSegs;
    c.cwndValidation = m_cwndValidation;
    c.cwndGrowsByDelivered = m_cwndGrowsByDelivered;
    c.cwndWholeSegments = m_cwndWholeSegments;
    c.slowStartAfterIdle = m_slowStartAfterIdle;
    c.ackRttFromSendTimes = m_ackRttFromSendTimes;
    c.prr = m_prr;
    c.prrVariant = m_prrVariant;
    c.frto = m_frto;
    c.undo = m_undo;
    c.pacing = m_pacing;
    c.pacingSsRatio = m_pacingSsRatio;
    c.pacingCaRatio = m_pacingCaRatio;
    c.maxPacingRate = m_maxPacingRate.GetBitRate() / 8; // bytes per second, as Linux
    c.tlp = m_tlp;
    c.ecn = m_ecn;
    c.pawsIdleLimit = m_pawsIdleLimit;
    // The options an application may also change later (fulltcp-socket-options.cc).
    CopyOptions(c);
    return c;
}

FullTcpIpParams
FullTcpSocket::IpParams() const
{
    FullTcpIpParams ip;
    ip.device = m_boundnetdevice;
    const bool v4 = m_tuple.localAddress.GetFamily() == FullTcpIpKey::Family::IPV4;
    if (v4)
    {
        ip.ttl = IsManualIpTtl() ? GetIpTtl() : 0;
        ip.tos = GetIpTos();
    }
    else
    {
        ip.ttl = IsManualIpv6HopLimit() ? GetIpv6HopLimit() : 0;
        ip.tos = IsManualIpv6Tclass() ? GetIpv6Tclass() : 0;
    }
    return ip;
}

Socket::SocketErrno
FullTcpSocket::TimeoutErrno() const
{
    // No ETIMEDOUT in ns-3: ERROR_AGAIN; a soft ICMP error the engine remembered is the
    // better explanation (RFC 1122 §4.2.3.9; Linux tcp_write_err() reports sk_err_soft).
    // ns-3 has one errno for unreachability, whichever ICMP message said so.
    return m_engine && m_engine->GetSoftError() ? ERROR_NOROUTETOHOST : ERROR_AGAIN;
}

// ------------------------------------------------------------------------- segments in

void
FullTcpSocket::SegmentArrives(const FullTcpSegmentIn& segment)
{
    if (!m_engine || m_handedOff)
    {
        return;
    }
    m_rxTrace(segment.payload, segment.header, this);
    EngineCall call(this);
    m_engine->SegmentArrives(segment);
}

FullTcpIcmpResult
FullTcpSocket::IcmpError(const FullTcpIcmpError& error)
{
    if (m_role != Role::CONNECTION || !ConnectionLive())
    {
        return FullTcpIcmpResult::NOT_IN_FLIGHT;
    }
    // IP_MTU_DISCOVER IP_PMTUDISC_DONT: TCP keeps its MSS (tcp_v4_mtu_reduced(): "if
    // (inet->pmtudisc != IP_PMTUDISC_DONT && ...)").
    if (error.kind == FullTcpIcmpKind::PACKET_TOO_BIG && !m_pathMtuDiscovery)
    {
        return FullTcpIcmpResult::MSS_UNCHANGED;
    }
    EngineCall call(this);
    return m_engine->IcmpArrives(error, Simulator::Now());
}

void
FullTcpSocket::TimerFired(FullTcpTimer timer)
{
    if (!m_engine || m_handedOff)
    {
        return;
    }
    EngineCall call(this);
    m_engine->TimerExpired(timer, Simulator::Now());
}

// ------------------------------------------------------------------ the engine's output

void
FullTcpSocket::SendSegment(const FullTcpSegmentOut& segment)
{
    if (m_quiet)
    {
        return;
    }
    m_txTrace(segment.payload, segment.header, this);
    if (segment.retransmission)
    {
        ++m_retransmissions;
        m_retransmissionTrace(segment.payload, segment.header, this);
    }
    // DataSent reports bytes as they first leave (as ns-3's TcpSocketBase), not
    // retransmissions.
    m_pendingDataSent += segment.newDataBytes;
    ErrorQueueSegment(segment); // SO_TIMESTAMPING's SCHED and SND
    FullTcpIpParams ip = IpParams();
    ip.ecn = segment.ecn;
    m_tcp->SendSegment(segment.header, segment.payload, m_tuple, ip, segment.retransmission);
}

void
FullTcpSocket::EcnEvent(FullTcpEcnEvent event, uint32_t seq)
{
    m_tcp->CountEcn(event);
    const SequenceNumber32 s(seq);
    switch (event)
    {
    case FullTcpEcnEvent::ECE_REDUCTION:
        m_ecnEchoTrace(Simulator::Now(), s);
        break;
    case FullTcpEcnEvent::CWR_SENT:
        m_cwrSentTrace(Simulator::Now(), s);
        break;
    case FullTcpEcnEvent::CE_RECEIVED:
        m_ceReceivedTrace(Simulator::Now(), s);
        break;
    }
}

void
FullTcpSocket::ArmTimer(FullTcpTimer timer, Time delay)
{
    EventId& event = m_timers[timer.Index()];
    event.Cancel();
    event = Simulator::Schedule(delay, &FullTcpSocket::TimerFired, this, timer);
}

void
FullTcpSocket::CancelTimer(FullTcpTimer timer)
{
    m_timers[timer.Index()].Cancel();
}

void
FullTcpSocket::NotifyApplication(FullTcpAppEvent event)
{
    NS_LOG_LOGIC(this << " " << m_tuple << " " << event);
    DeliverEvent(event);
}

void
FullTcpSocket::DeliverEvent(FullTcpAppEvent event)
{
    switch (event)
    {
    case FullTcpAppEvent::CONNECTED:
        if (m_passiveFastOpen)
        {
            break; // in the accept queue (or accepted) since its SYN (RFC 7413 §4.2.2)
        }
        if (m_listener)
        {
            m_listener->ChildEstablished(this);
        }
        else
        {
            NotifyConnectionSucceeded();
            if (m_tcpSocketBaseCallbacks)
            {
                // ns-3's TcpSocketBase::ConnectionSucceeded(): the send callback follows,
                // "to reflect the behaviour in the real world" (a connected socket is
                // writable).
                NotifySendSpace();
            }
        }
        break;
    case FullTcpAppEvent::CONNECT_REFUSED:
    case FullTcpAppEvent::CONNECT_UNREACHABLE:
        // No ECONNREFUSED in ns-3: "not connected", the peer has no such connection (an
        // ICMP port unreachable says so as a RST does: Linux reports ECONNREFUSED for both).
        m_failed = true;
        m_errno = ERROR_NOTCONN;
        NotifyConnectionFailed();
        break;
    case FullTcpAppEvent::CONNECT_TIMED_OUT:
        m_failed = true;
        m_errno = TimeoutErrno();
        NotifyConnectionFailed();
        break;
    case FullTcpAppEvent::DATA_ARRIVED:
        if (DiscardsReceived())
        {
            if (ConnectionLive())
            {
                m_engine->Receive(std::numeric_limits<uint32_t>::max(), Simulator::Now());
            }
        }
        else
        {
            NotifyDataRecv();
        }
        break;
    case FullTcpAppEvent::SEND_SPACE:
        ErrorQueueAcked(); // MSG_ZEROCOPY completions, ACK timestamps
        NotifySendSpace();
        break;
    case FullTcpAppEvent::PEER_CLOSED:
        if (m_tcpSocketBaseCallbacks && !m_closeCalled
            && (GetState() == S::CLOSE_WAIT || GetState() == S::LAST_ACK))
        {
            // The peer closed first: its FIN came in ESTABLISHED (CLOSE_WAIT now, or LAST_ACK
            // if the application shut its sending side since). ns-3's TcpSocketBase::
            // DoPeerClose() fires NormalClose here, "the app should prepare to close", before
            // it sends the FIN of an inherited ShutdownSend(). On the active side (FIN_WAIT_1,
            // FIN_WAIT_2) ns-3 waits for TimeWait(), as the CLOSED event below does.
            NotifyNormalCloseOnce();
        }
        if (m_finOnPeerClose && ConnectionLive())
        {
            // ShutdownSend() inherited from the listener: our FIN follows theirs.
            m_finOnPeerClose = false;
            m_engine->ShutdownSend(Simulator::Now());
        }
        if (!DiscardsReceived())
        {
            NotifyDataRecv(); // Recv() returns 0 bytes once the data before the FIN is read
        }
        break;
    case FullTcpAppEvent::CLOSED:
        NotifyNormalCloseOnce();
        break;
    case FullTcpAppEvent::RESET:
        // No ECONNRESET in ns-3: "not connected". Linux tcp_reset() gives EPIPE in
        // CLOSE_WAIT (the peer's FIN in, ours not yet queued).
        m_failed = true;
        m_errno = m_resetAfterFinIsEndOfStream && m_engine->GetTcb().finReceived
                       && !m_engine->GetTcb().finQueued
                    ? ERROR_SHUTDOWN
                    : ERROR_NOTCONN;
        ErrorQueueAcked(); // the send buffer is purged
        NotifyErrorClose();
        break;
    case FullTcpAppEvent::TIMED_OUT:
        m_failed = true;
        m_errno = TimeoutErrno();
        ErrorQueueAcked();
        NotifyErrorClose();
        break;
    case FullTcpAppEvent::UNREACHABLE:
        // ns-3 has one errno for unreachability (Linux: icmp_err_convert()'s, EHOSTUNREACH
        // for a host unreachable).
        m_failed = true;
        m_errno = ERROR_NOROUTETOHOST;
        NotifyErrorClose();
        break;
    }
}

void
FullTcpSocket::NotifySendSpace()
{
    if (!m_shutdownSend && !m_closeCalled)
    {
        const uint32_t space = GetTxAvailable();
        if (space > 0)
        {
            NotifySend(space);
        }
    }
}

void
FullTcpSocket::NotifyNormalCloseOnce()
{
    // ns-3's TcpSocketBase fires NormalClose at most once per socket (m_closeNotified, in
    // DoPeerClose(), TimeWait() and CloseAndNotify()): at the peer's FIN or at the end.
    if (!m_closeNotified)
    {
        m_closeNotified = true;
        NotifyNormalClose();
    }
}

void
FullTcpSocket::StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause)
{
    m_state = static_cast<TcpStates_t>(to);
    m_transitionTrace(from, to, cause);
    const FullTcpFourTuple tuple =
        m_role == Role::LISTENER
            ? FullTcpFourTuple {m_local.address,
                                m_local.port,
                                FullTcpIpKey::GetAny(m_local.address.GetFamily()),
                                0}
            : m_tuple;
    m_tcp->NotifyTransition(tuple, from, to, cause);
    if (from == S::SYN_RCVD && m_fastOpenListener)
    {
        m_fastOpenListener->FastOpenChildDone();
        m_fastOpenListener = nullptr;
    }
    if (to != S::CLOSED)
    {
        return;
    }
    if (m_listener)
    {
        // A child that never reached the application: it leaves the SYN queue silently.
        m_listener->m_backlog.RemoveHalfOpen(this);
        m_listener = nullptr;
    }
    if (m_inDemux)
    {
        m_inDemux = false;
        if (m_role == Role::LISTENER)
        {
            m_tcp->ReleaseListener(m_local);
        }
        else
        {
            m_tcp->ReleaseConnection(m_tuple);
        }
    }
}

void
FullTcpSocket::ConnectionRequest(const FullTcpConnectionRequest& request)
{
    // A listener's segments never reach its engine (ListenerSegmentArrives() applies the
    // LISTEN rules with the segment's addresses in scope), so a request comes from a
    // connection in TIME_WAIT, before its move to the table, reopened by a SYN (RFC 6191).
    if (request.reuseIss)
    {
        m_tcp->ReopenFromTimeWait(m_tuple, request.syn, *request.reuseIss, nullptr);
    }
}

bool
FullTcpSocket::MayEstablish()
{
    // Linux (tcp_abort_on_overflow = 0): while the listener's accept queue is full, the ACK
    // that would complete the handshake is dropped; the child retransmits its SYN-ACK.
    // A Fast Open child is in the accept queue already (RFC 7413 §4.2.2).
    return !m_listener || m_passiveFastOpen || !m_listener->m_backlog.AcceptQueueFull();
}

bool
FullTcpSocket::HasListener()
{
    return m_tcp->HasListener(m_tuple.localAddress, m_tuple.localPort);
}

void
FullTcpSocket::SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason)
{
    if (reason == FullTcpDropReason::ACCEPT_QUEUE_FULL)
    {
        m_tcp->NotifyListenDrop(m_tuple, FullTcpListenDrop::ACCEPT_QUEUE_FULL);
    }
    m_dropTrace(header, reason);
}

void
FullTcpSocket::IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause)
{
    NS_LOG_ERROR(m_tuple << " illegal transition " << from << " -> " << to << " (" << cause << ")");
}

void
FullTcpSocket::SpuriousTimeout(const char* how)
{
    NS_LOG_LOGIC(m_tuple << " spurious retransmission timeout (" << how << ")");
    m_spuriousTimeoutTrace(Simulator::Now(), how);
}

void
FullTcpSocket::ReductionUndone(FullTcpUndoKind kind, uint32_t cwnd, uint32_t ssthresh)
{
    const char* name = FullTcpUndoKindName(kind);
    NS_LOG_LOGIC(m_tuple << " undo (" << name << "): cwnd " << cwnd << " ssthresh " << ssthresh);
    FullTcpLossEvent e;
    e.kind = FullTcpLossEvent::Kind::UNDO;
    const FullTcpTcb& t = m_engine->GetTcb();
    e.start = SequenceNumber32(t.snd.ToWire(t.sndUna));
    e.end = SequenceNumber32(t.snd.ToWire(t.sndNxt));
    e.undo = kind;
    m_tcp->NotifyLossEvent(m_tuple, e);
    m_undoTrace(name, cwnd, ssthresh);
}

void
FullTcpSocket::RecoveryEvent(const FullTcpRecoveryEvent& event)
{
    using K = FullTcpRecoveryEvent::Kind;
    const FullTcpSeqSpace& snd = m_engine->GetTcb().snd;
    switch (event.kind)
    {
    case K::TAIL_LOSS_PROBE:
    case K::RACK_LOST:
    {
        FullTcpLossEvent e;
        e.kind = event.kind == K::RACK_LOST ? FullTcpLossEvent::Kind::RACK_LOST
                                            : FullTcpLossEvent::Kind::TAIL_LOSS_PROBE;
        e.start = SequenceNumber32(snd.ToWire(event.start));
        e.end = SequenceNumber32(snd.ToWire(event.end));
        e.newData = event.newData;
        m_tcp->NotifyLossEvent(m_tuple, e);
        if (event.kind == K::RACK_LOST)
        {
            m_rackLostTrace(e.start, e.end);
        }
        else
        {
            m_tailLossProbeTrace(e.start, e.newData);
        }
        break;
    }
    case K::RACK_REORDER_WINDOW:
        m_rackReorderWindow = event.to;
        break;
    }
}

} // namespace ns3
