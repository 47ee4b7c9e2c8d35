/*
 * Node: listener: child fork, SYN/accept queues, SYN cookies, TIME_WAIT reuse (RFC 6191)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket as a listener: segments for the listener, the fork of children, the SYN and
 * accept queues (FullTcpListenBacklog), SYN cookies (RFC 4987 §3.6) and TIME_WAIT reuse.
 */
#include "fulltcp-socket.h"
#include "fulltcp-syn-cookie.h"

#include "ns3/fulltcp-listen-rules.h"
#include "ns3/fulltcp-segment-checks.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketListener");

void
FullTcpSocket::ListenerSegmentArrives(const FullTcpSegmentIn& segment,
                                      const FullTcpFourTuple& tuple,
                                      Ptr<NetDevice> device)
{
    const FullTcpHeader& header = segment.header;
    if (!ConnectionLive())
    {
        m_tcp->SendResetFor(header, segment.PayloadSize(), tuple);
        return;
    }
    m_rxTrace(segment.payload, header, this);
    // Linux tcp_inbound_hash(): a signed segment with no key configured is dropped before
    // the listener looks at it (FullTcpConfig::dropUnexpectedMd5).
    if (m_dropUnexpectedMd5 && FullTcpHasMd5Option(header))
    {
        m_dropTrace(header, FullTcpDropReason::MD5_UNEXPECTED);
        return;
    }
    // RFC 4987 §3.6: an ACK (no SYN, no RST) to a listener that sent cookies lately may
    // complete a connection nobody kept state for.
    if (m_backlog.GetSynCookies() && header.HasFlags(FullTcpHeader::ACK)
        && (header.GetFlags() & (FullTcpHeader::SYN | FullTcpHeader::RST)) == 0
        && m_backlog.CookiesRecentlySent(segment.arrival, 2 * FullTcpSynCookie::Period())
        && AcceptCookie(segment, tuple, device))
    {
        return;
    }
    // RFC 9293 §3.10.7.2 by the engine's LISTEN rules, applied here where the segment's
    // addresses are known: the reply goes back to them and the child is forked for them.
    const FullTcpListenVerdict v = FullTcpListenSegmentArrives(header, segment.PayloadSize());
    if (v.reset)
    {
        Ptr<Packet> empty = Create<Packet>();
        m_txTrace(empty, *v.reset, this);
        m_tcp->SendSegment(*v.reset, empty, tuple, IpParams());
    }
    if (v.drop)
    {
        m_dropTrace(header, *v.drop);
    }
    if (v.connectionRequest)
    {
        AcceptRequest(header, std::nullopt, tuple, device, segment.payload);
    }
}

void
FullTcpSocket::ReopenRequest(const FullTcpHeader& syn,
                             uint32_t iss,
                             const FullTcpFourTuple& tuple,
                             Ptr<NetDevice> device)
{
    AcceptRequest(syn, iss, tuple, device);
}

// ---------------------------------------------------------------------------- listener

void
FullTcpSocket::AcceptRequest(const FullTcpHeader& syn,
                             std::optional<uint32_t> iss,
                             const FullTcpFourTuple& tuple,
                             Ptr<NetDevice> device,
                             Ptr<Packet> payload)
{
    if (m_role != Role::LISTENER || !ConnectionLive())
    {
        m_tcp->SendResetFor(syn, 0, tuple);
        return;
    }
    // Linux tcp_conn_request(): a full accept queue drops the SYN, cookies or not.
    if (m_backlog.AcceptQueueFull())
    {
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::ACCEPT_QUEUE_FULL);
        return;
    }
    if (m_backlog.SynQueueFull())
    {
        // RFC 4987 §2.1: the SYN queue is what a flood exhausts. With cookies (§3.6, Linux
        // tcp_syncookies = 1) the SYN is answered without keeping state; without them it is
        // dropped (the client retransmits it).
        if (m_backlog.GetSynCookies() && !iss)
        {
            SendSynCookie(syn, tuple);
            return;
        }
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::SYN_QUEUE_FULL);
        return;
    }
    const Address from = MakeSocketAddress(tuple.remoteAddress, tuple.remotePort);
    if (!NotifyConnectionRequest(from))
    {
        // The application refuses: tell the peer at once (a closed port's answer) rather
        // than let it retry for two minutes.
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::APPLICATION_REFUSED);
        m_tcp->SendResetFor(syn, 0, tuple);
        return;
    }
    StartChild(syn,
               iss ? *iss : m_tcp->GenerateIss(tuple),
               tuple,
               device,
               false,
               DecideFastOpen(syn, payload, tuple));
}

Ptr<FullTcpSocket>
FullTcpSocket::StartChild(const FullTcpHeader& syn,
                          uint32_t iss,
                          const FullTcpFourTuple& tuple,
                          Ptr<NetDevice> device,
                          bool quiet,
                          const FullTcpPassiveFastOpen& fastOpen)
{
    Ptr<FullTcpSocket> child = CopyObject<FullTcpSocket>(Ptr<FullTcpSocket>(this));
    child->m_role = Role::CONNECTION;
    child->m_tuple = tuple;
    child->m_local = tuple.GetLocal();
    child->m_finOnPeerClose = m_shutdownSend;
    const Socket::SocketErrno e =
        m_tcp->GetDemux().Accept(tuple, FullTcpDemuxValue {child, nullptr});
    if (e != ERROR_NOTERROR)
    {
        NS_LOG_WARN("cannot accept " << tuple << ": " << e);
        return nullptr;
    }
    child->m_inDemux = true;
    m_tcp->TrackSocket(child);
    child->m_listener = this;
    m_tcp->NotifySocketCreated(child);
    m_backlog.AddHalfOpen(PeekPointer(child));
    const uint32_t mtu = device ? device->GetMtu() : m_tcp->MtuOf(tuple.localAddress);
    child->m_engine = child->NewEngine(child->MakeConfig(mtu, tuple.localAddress.GetFamily()));
    child->m_quiet = quiet;
    {
        EngineCall call(PeekPointer(child));
        child->m_engine->AcceptSyn(syn, iss, Simulator::Now(), fastOpen);
    }
    child->m_quiet = false;
    if (fastOpen.accept && child->GetState() == FullTcpState::SYN_RCVD)
    {
        // RFC 7413 §4.2.2, Linux tcp_conn_request(): the Fast Open child goes to the accept
        // queue at once; it holds a place in the Fast Open queue until it leaves SYN_RCVD.
        child->m_passiveFastOpen = true;
        child->m_fastOpenListener = this;
        ++m_fastOpenQueued;
        ChildEstablished(child);
    }
    return child;
}

void
FullTcpSocket::SendSynCookie(const FullTcpHeader& syn, const FullTcpFourTuple& tuple)
{
    const auto key = m_tcp->GetCookieKey();
    const bool v4 = tuple.localAddress.GetFamily() == FullTcpIpKey::Family::IPV4;
    const uint16_t clientMss = syn.GetOptions().GetMss().value_or(v4 ? 536 : 1220);
    const uint32_t cookie = FullTcpSynCookie::Make(
        key.first, key.second, tuple, syn.GetSequenceNumber(), clientMss, Simulator::Now());
    // <SEQ=cookie><ACK=SEG.SEQ+1><CTL=SYN,ACK> with our MSS only: window scale, SACK and
    // timestamps cannot be remembered, so they are not offered.
    FullTcpHeader h;
    h.SetSourcePort(tuple.localPort);
    h.SetDestinationPort(tuple.remotePort);
    h.SetSequenceNumber(cookie);
    h.SetAckNumber(syn.GetSequenceNumber() + 1);
    h.SetFlags(FullTcpHeader::SYN | FullTcpHeader::ACK);
    h.SetWindow(static_cast<uint16_t>(std::min<uint32_t>(m_rcvBufSize, 0xffff)));
    const uint32_t overhead = v4 ? 40 : 60;
    const uint32_t mtu = m_tcp->MtuOf(tuple.localAddress);
    h.Options().SetMss(static_cast<uint16_t>(
        std::min<uint32_t>({m_segmentSize, mtu > overhead ? mtu - overhead : 536, 0xffff})));
    m_backlog.CookieSent(Simulator::Now());
    m_tcp->NotifySynCookie(true);
    m_tcp->SendSegment(h, nullptr, tuple, IpParams());
}

bool
FullTcpSocket::AcceptCookie(const FullTcpSegmentIn& segment,
                            const FullTcpFourTuple& tuple,
                            Ptr<NetDevice> device)
{
    const FullTcpHeader& ack = segment.header;
    const auto key = m_tcp->GetCookieKey();
    const uint32_t clientIsn = ack.GetSequenceNumber() - 1;
    const uint32_t cookie = ack.GetAckNumber() - 1;
    const std::optional<uint16_t> mss =
        FullTcpSynCookie::Check(key.first, key.second, tuple, clientIsn, cookie, Simulator::Now());
    if (!mss)
    {
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::BAD_SYN_COOKIE);
        return false; // the listener answers it as any ACK in LISTEN (RST)
    }
    if (m_backlog.AcceptQueueFull())
    {
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::ACCEPT_QUEUE_FULL);
        return true;
    }
    if (!NotifyConnectionRequest(MakeSocketAddress(tuple.remoteAddress, tuple.remotePort)))
    {
        m_tcp->NotifyListenDrop(tuple, FullTcpListenDrop::APPLICATION_REFUSED);
        m_tcp->SendResetFor(ack, segment.PayloadSize(), tuple);
        return true;
    }
    // Rebuild the SYN the cookie stands for and start the child from it without sending
    // its SYN-ACK (the cookie's went already); then the ACK completes the handshake.
    FullTcpHeader syn;
    syn.SetSourcePort(ack.GetSourcePort());
    syn.SetDestinationPort(ack.GetDestinationPort());
    syn.SetSequenceNumber(clientIsn);
    syn.SetFlags(FullTcpHeader::SYN);
    syn.SetWindow(ack.GetWindow());
    syn.Options().SetMss(*mss);
    Ptr<FullTcpSocket> child = StartChild(syn, cookie, tuple, device, true);
    if (child)
    {
        m_tcp->NotifySynCookie(false);
        child->SegmentArrives(segment);
    }
    return true;
}

void
FullTcpSocket::ChildEstablished(Ptr<FullTcpSocket> child)
{
    m_backlog.RemoveHalfOpen(PeekPointer(child));
    if (m_acceptPaused || m_backlog.AcceptQueueLength() > 0)
    {
        m_backlog.PushAccepted(child);
        return;
    }
    DeliverChild(child);
}

void
FullTcpSocket::DeliverChild(Ptr<FullTcpSocket> child)
{
    child->m_listener = nullptr;
    NotifyNewConnectionCreated(
        child, MakeSocketAddress(child->m_tuple.remoteAddress, child->m_tuple.remotePort));
    if (child->m_tcpSocketBaseCallbacks)
    {
        // ns-3's TcpSocketBase::ProcessSynRcvd(): "As this connection is established, the
        // socket is available to send data now", on the callback the application just set.
        child->NotifySendSpace();
    }
}

void
FullTcpSocket::SetAcceptPaused(bool paused)
{
    m_acceptPaused = paused;
    while (!m_acceptPaused)
    {
        Ptr<FullTcpSocket> child = m_backlog.PopAccepted();
        if (!child)
        {
            break;
        }
        DeliverChild(child);
    }
}

uint32_t
FullTcpSocket::GetAcceptQueueLength() const
{
    return m_backlog.AcceptQueueLength();
}

uint32_t
FullTcpSocket::GetSynQueueLength() const
{
    return m_backlog.SynQueueLength();
}

} // namespace ns3
