/*
 * Node: L4 protocol TypeId, secrets, statistics, demux tables and the IPv4/IPv6 receive path
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-l4-protocol.h"

#include "fulltcp-socket-factory.h"
#include "fulltcp-socket.h"
#include "fulltcp-time-wait.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/object-map.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(FullTcpL4Protocol);

TypeId
FullTcpL4Protocol::GetTypeId()
{
    static TypeId tid =
        AddIpProtocolNumber(TypeId("ns3::FullTcpL4Protocol")
                                .SetParent<FullTcpIpL4Base>()
                                .SetGroupName("FullTcp")
                                .AddConstructor<FullTcpL4Protocol>())
            .AddAttribute("EphemeralPortFirst",
                          "First port of the ephemeral range (RFC 6335 §6: 49152).",
                          UintegerValue(49152),
                          MakeUintegerAccessor(&FullTcpL4Protocol::SetEphemeralFirst),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("EphemeralPortLast",
                          "Last port of the ephemeral range (RFC 6335 §6: 65535).",
                          UintegerValue(65535),
                          MakeUintegerAccessor(&FullTcpL4Protocol::SetEphemeralLast),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("UseFixedIsn",
                          "Give every connection the ISN FixedIsn instead of RFC 6528's "
                          "(for teaching: sequence numbers then read as in textbooks).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpL4Protocol::m_useFixedIsn),
                          MakeBooleanChecker())
            .AddAttribute("FixedIsn",
                          "The ISN of every connection when UseFixedIsn is true.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpL4Protocol::m_fixedIsn),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SocketList",
                          "The sockets that hold a listener or a connection in the demux "
                          "(not TIME_WAIT records), by creation index: Config paths such as "
                          "/NodeList/0/$ns3::FullTcpL4Protocol/SocketList/*/State.",
                          ObjectMapValue(),
                          MakeObjectMapAccessor(&FullTcpL4Protocol::m_sockets),
                          MakeObjectMapChecker<FullTcpSocket>())
            .AddTraceSource("StateChange",
                            "Every state transition of every connection of this node: "
                            "sockets, children forked by listeners and TIME_WAIT records, "
                            "including connections that do not exist yet.",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_stateChangeTrace),
                            "ns3::FullTcpL4Protocol::StateChangeTracedCallback")
            .AddTraceSource("SegmentSent",
                            "Every segment this node's FullTcp sends (connections, TIME_WAIT "
                            "records, RSTs for segments that reached nothing).",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_segmentSentTrace),
                            "ns3::FullTcpL4Protocol::SegmentTracedCallback")
            .AddTraceSource("SegmentReceived",
                            "Every segment received whose header parsed, whether or not a "
                            "connection takes it.",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_segmentReceivedTrace),
                            "ns3::FullTcpL4Protocol::SegmentTracedCallback")
            .AddTraceSource("Drop",
                            "A segment that was malformed or reached no connection (parse "
                            "error, bad checksum, not unicast, no endpoint, listen drops).",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_dropTrace),
                            "ns3::FullTcpL4Protocol::DropTracedCallback")
            .AddTraceSource("IcmpError",
                            "An ICMP error about a connection (RFC 1122 §4.2.3.9).",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_icmpTrace),
                            "ns3::FullTcpL4Protocol::IcmpTracedCallback")
            .AddTraceSource("LossEvent",
                            "What the loss recovery of a connection of this node did: a Tail "
                            "Loss Probe, a range RACK marked lost, a spurious reduction undone.",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_lossEventTrace),
                            "ns3::FullTcpL4Protocol::LossEventTracedCallback")
            .AddTraceSource("SocketCreated",
                            "A socket was created by the factory or forked by a listener "
                            "(connect its own trace sources here).",
                            MakeTraceSourceAccessor(&FullTcpL4Protocol::m_socketTrace),
                            "ns3::FullTcpL4Protocol::SocketTracedCallback");
    return tid;
}

FullTcpL4Protocol::FullTcpL4Protocol() :
    m_timeWait(std::make_unique<FullTcpTimeWaitTable>(this)),
    m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_socketFactory.SetTypeId(FullTcpSocket::GetTypeId());
}

FullTcpL4Protocol::~FullTcpL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
FullTcpL4Protocol::AttachToNode(Ptr<Node> node)
{
    // As TcpL4Protocol does with TcpSocketFactoryImpl: the factory applications name
    // ("ns3::FullTcpSocketFactory"). It derives from SocketFactory, not from
    // TcpSocketFactory, so it never competes with ns-3 TCP's factory in lookups.
    Ptr<FullTcpSocketFactory> factory = CreateObject<FullTcpSocketFactory>();
    factory->SetProtocol(this);
    node->AggregateObject(factory);
}

void
FullTcpL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // Break the cycles socket <-> protocol: stop every socket, then drop the tables.
    std::vector<Ptr<FullTcpSocket>> sockets;
    m_demux.ForEach(
        [&sockets](FullTcpDemuxValue& v)
        {
            if (v.socket)
            {
                sockets.push_back(v.socket);
            }
        });
    for (const auto& s : sockets)
    {
        s->Shutdown();
    }
    m_demux = FullTcpDemux<FullTcpDemuxValue>();
    m_sockets.clear();
    m_timeWait->Clear();
    m_released.clear();
    FullTcpIpL4Base::DoDispose();
}

Ptr<Socket>
FullTcpL4Protocol::CreateSocket()
{
    Ptr<FullTcpSocket> socket = m_socketFactory.Create<FullTcpSocket>();
    socket->Setup(m_node, this);
    m_socketTrace(socket);
    return socket;
}

void
FullTcpL4Protocol::NotifySocketCreated(Ptr<FullTcpSocket> socket)
{
    m_socketTrace(socket);
}

void
FullTcpL4Protocol::TrackSocket(Ptr<FullTcpSocket> socket)
{
    socket->m_socketListIndex = m_nextSocketIndex;
    m_sockets[m_nextSocketIndex++] = socket;
}

void
FullTcpL4Protocol::UntrackSocket(const Ptr<FullTcpSocket>& socket)
{
    if (socket->m_socketListIndex)
    {
        m_sockets.erase(*socket->m_socketListIndex);
        socket->m_socketListIndex.reset();
    }
}

void
FullTcpL4Protocol::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    m_socketFactory.Set(name, value);
}

// ------------------------------------------------------------------------ randomness

int64_t
FullTcpL4Protocol::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint64_t
FullTcpL4Protocol::Draw64()
{
    const uint64_t hi = m_rng->GetInteger(0, UINT32_MAX);
    const uint64_t lo = m_rng->GetInteger(0, UINT32_MAX);
    return (hi << 32) | lo;
}

void
FullTcpL4Protocol::EnsureSecrets()
{
    if (m_secretsDrawn)
    {
        return;
    }
    // Drawn at first use, so that AssignStreams() after installation still decides them.
    m_secretsDrawn = true;
    const uint64_t k0 = Draw64();
    const uint64_t k1 = Draw64();
    m_isn.SetKey(k0, k1); // RFC 6528 §3: "a secret key ... SHOULD be random"
    m_isn.SetClockOffset(static_cast<uint32_t>(Draw64()));
    const uint64_t p0 = Draw64();
    const uint64_t p1 = Draw64();
    m_demux.SetSelectionSecret(p0, p1, static_cast<uint32_t>(Draw64())); // RFC 6056 §3.3.3
    m_cookieKey = {Draw64(), Draw64()};                                  // RFC 4987 §3.6
    ApplyEphemeralRange();
}

uint32_t
FullTcpL4Protocol::GenerateIss(const FullTcpFourTuple& tuple)
{
    EnsureSecrets();
    m_isn.SetFixed(m_useFixedIsn ? std::optional<uint32_t>(m_fixedIsn) : std::nullopt);
    return m_isn.Generate(tuple.localAddress.ToAddress(),
                          tuple.localPort,
                          tuple.remoteAddress.ToAddress(),
                          tuple.remotePort,
                          Simulator::Now());
}

uint32_t
FullTcpL4Protocol::NewTimestampOffset()
{
    EnsureSecrets();
    return static_cast<uint32_t>(m_rng->GetInteger(0, UINT32_MAX));
}

std::pair<uint64_t, uint64_t>
FullTcpL4Protocol::GetCookieKey()
{
    EnsureSecrets();
    return m_cookieKey;
}

void
FullTcpL4Protocol::SetEphemeralFirst(uint16_t first)
{
    m_ephemeralFirst = first;
    ApplyEphemeralRange();
}

void
FullTcpL4Protocol::SetEphemeralLast(uint16_t last)
{
    m_ephemeralLast = last;
    ApplyEphemeralRange();
}

void
FullTcpL4Protocol::ApplyEphemeralRange()
{
    // The two attributes are set one at a time; a momentarily inverted range waits.
    if (m_ephemeralFirst <= m_ephemeralLast)
    {
        m_demux.SetEphemeralRange(m_ephemeralFirst, m_ephemeralLast);
    }
}

// ------------------------------------------------------------------------ statistics

const FullTcpMib&
FullTcpL4Protocol::GetMib() const
{
    return m_mib;
}

uint64_t
FullTcpL4Protocol::GetParseDrops(FullTcpParseError reason) const
{
    const auto i = static_cast<size_t>(reason);
    return i < m_mib.parseErrors.size() ? m_mib.parseErrors[i] : 0;
}

uint64_t
FullTcpL4Protocol::GetUnmatchedSegments() const
{
    return m_mib.drops[static_cast<size_t>(FullTcpL4DropReason::NO_ENDPOINT)];
}

uint64_t
FullTcpL4Protocol::GetListenDrops(FullTcpListenDrop kind) const
{
    return m_mib.drops[static_cast<size_t>(kind)];
}

uint64_t
FullTcpL4Protocol::GetSynCookiesSent() const
{
    return m_mib.synCookiesSent;
}

uint64_t
FullTcpL4Protocol::GetSynCookiesAccepted() const
{
    return m_mib.synCookiesAccepted;
}

void
FullTcpL4Protocol::CountEcn(FullTcpEcnEvent event)
{
    m_mib.CountEcn(event);
}

void
FullTcpL4Protocol::NotifyLossEvent(const FullTcpFourTuple& tuple, const FullTcpLossEvent& event)
{
    m_mib.CountLossEvent(event);
    if (!m_lossEventTrace.IsEmpty())
    {
        m_lossEventTrace(NodeId(),
                         tuple.localAddress.ToSocketAddress(tuple.localPort),
                         tuple.remoteAddress.ToSocketAddress(tuple.remotePort),
                         event);
    }
}

void
FullTcpL4Protocol::ForEachConnection(
    const std::function<void(Ptr<const FullTcpSocket>)>& socket,
    const std::function<void(const FullTcpFourTuple&, FullTcpState)>& timeWait)
{
    m_demux.ForEach(
        [&](FullTcpDemuxValue& v)
        {
            if (v.socket)
            {
                socket(v.socket);
            }
        });
    m_timeWait->ForEachTuple(
        [&](const FullTcpFourTuple& t)
        {
            timeWait(t, FullTcpState::TIME_WAIT);
        });
}

size_t
FullTcpL4Protocol::GetNConnections() const
{
    return m_demux.GetNConnections();
}

size_t
FullTcpL4Protocol::GetNTimeWaitRecords() const
{
    return m_timeWait->Size();
}

uint32_t
FullTcpL4Protocol::NodeId() const
{
    return m_node ? m_node->GetId() : 0;
}

void
FullTcpL4Protocol::NotifyTransition(const FullTcpFourTuple& tuple,
                                    FullTcpState from,
                                    FullTcpState to,
                                    FullTcpStateCause cause)
{
    m_mib.CountTransition(from, to);
    if (!m_stateChangeTrace.IsEmpty())
    {
        m_stateChangeTrace(NodeId(),
                           tuple.localAddress.ToSocketAddress(tuple.localPort),
                           tuple.remoteAddress.ToSocketAddress(tuple.remotePort),
                           from,
                           to,
                           cause);
    }
}

void
FullTcpL4Protocol::Drop(const Address& local, const Address& remote, FullTcpL4DropReason reason)
{
    m_mib.CountDrop(reason);
    m_dropTrace(NodeId(), local, remote, reason);
}

void
FullTcpL4Protocol::NotifyListenDrop(const FullTcpFourTuple& tuple, FullTcpListenDrop kind)
{
    NS_LOG_LOGIC("listener " << tuple.GetLocal() << " drops: " << kind);
    Drop(tuple.localAddress.ToSocketAddress(tuple.localPort),
         tuple.remoteAddress.ToSocketAddress(tuple.remotePort),
         kind);
}

void
FullTcpL4Protocol::NotifySynCookie(bool sent)
{
    ++(sent ? m_mib.synCookiesSent : m_mib.synCookiesAccepted);
}

// --------------------------------------------------------------------------- tables

FullTcpDemux<FullTcpDemuxValue>&
FullTcpL4Protocol::GetDemux()
{
    return m_demux;
}

void
FullTcpL4Protocol::ReleaseConnection(const FullTcpFourTuple& tuple)
{
    FullTcpDemuxValue* v = m_demux.FindConnection(tuple);
    if (!v)
    {
        return;
    }
    if (v->socket)
    {
        UntrackSocket(v->socket);
        m_released.push_back(v->socket);
    }
    else if (v->timeWait)
    {
        m_timeWait->Release(tuple);
    }
    m_demux.RemoveConnection(tuple);
    if (!m_purgeScheduled)
    {
        m_purgeScheduled = true;
        Simulator::ScheduleNow(&FullTcpL4Protocol::PurgeReleased, this);
    }
}

void
FullTcpL4Protocol::ReleaseListener(const FullTcpLocalEndpoint& local)
{
    const FullTcpDemuxResult<FullTcpDemuxValue> r =
        m_demux.LookupListener(local.address, local.port);
    if (r.value && r.value->socket)
    {
        UntrackSocket(r.value->socket);
        m_released.push_back(r.value->socket);
    }
    m_demux.RemoveListener(local.address, local.port);
    if (!m_purgeScheduled)
    {
        m_purgeScheduled = true;
        Simulator::ScheduleNow(&FullTcpL4Protocol::PurgeReleased, this);
    }
}

void
FullTcpL4Protocol::PurgeReleased()
{
    m_purgeScheduled = false;
    std::vector<Ptr<FullTcpSocket>> released;
    released.swap(m_released);
    // `released` goes here: sockets nobody else holds are destroyed outside any callback.
}

void
FullTcpL4Protocol::AdoptTimeWait(const FullTcpFourTuple& tuple,
                                 const FullTcpConnection& connection,
                                 const FullTcpIpParams& ip)
{
    FullTcpDemuxValue* v = m_demux.FindConnection(tuple);
    if (!v)
    {
        return;
    }
    if (v->socket)
    {
        UntrackSocket(v->socket);
        m_released.push_back(v->socket); // the socket may be inside its own call
        if (!m_purgeScheduled)
        {
            m_purgeScheduled = true;
            Simulator::ScheduleNow(&FullTcpL4Protocol::PurgeReleased, this);
        }
    }
    // The record copies what TIME_WAIT needs; the caller destroys the engine afterwards.
    *v = FullTcpDemuxValue {nullptr, m_timeWait->Adopt(tuple, connection, ip)};
}

void
FullTcpL4Protocol::ReopenFromTimeWait(const FullTcpFourTuple& tuple,
                                      const FullTcpHeader& syn,
                                      uint32_t iss,
                                      Ptr<NetDevice> device)
{
    // RFC 6191 / RFC 1122 §4.2.2.13: the old incarnation is gone; the SYN is the listener's.
    const FullTcpDemuxResult<FullTcpDemuxValue> r =
        m_demux.LookupListener(tuple.localAddress, tuple.localPort);
    if (r.value && r.value->socket)
    {
        r.value->socket->ReopenRequest(syn, iss, tuple, device);
        return;
    }
    SendResetFor(syn, 0, tuple);
}

bool
FullTcpL4Protocol::HasListener(const FullTcpIpKey& address, uint16_t port)
{
    const FullTcpDemuxResult<FullTcpDemuxValue> r = m_demux.LookupListener(address, port);
    return r.value && r.value->socket;
}

// --------------------------------------------------------------------------- receive

IpL4Protocol::RxStatus
FullTcpL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& ip, Ptr<Ipv4Interface> iface)
{
    const Ipv4Address dst = ip.GetDestination();
    bool notUnicast = dst.IsBroadcast() || dst.IsMulticast();
    for (uint32_t i = 0; iface && !notUnicast && i < iface->GetNAddresses(); ++i)
    {
        // A /32 has no directed broadcast: ns-3 reports the host address itself as its
        // "broadcast" (the same exception as IsNotUnicast() on the sending side).
        const Ipv4InterfaceAddress a = iface->GetAddress(i);
        notUnicast = a.GetMask() != Ipv4Mask::GetOnes() && a.GetBroadcast() == dst;
    }
    return DoReceive(p,
                     ip.GetSource(),
                     dst,
                     iface ? iface->GetDevice() : nullptr,
                     notUnicast,
                     FullTcpEcnFromTos(static_cast<uint8_t>(ip.GetEcn())),
                     ip.GetTtl());
}

IpL4Protocol::RxStatus
FullTcpL4Protocol::Receive(Ptr<Packet> p, const Ipv6Header& ip, Ptr<Ipv6Interface> iface)
{
    return DoReceive(p,
                     ip.GetSource(),
                     ip.GetDestination(),
                     iface ? iface->GetDevice() : nullptr,
                     ip.GetDestination().IsMulticast(),
                     FullTcpEcnFromTos(ip.GetTrafficClass()),
                     ip.GetHopLimit());
}

IpL4Protocol::RxStatus
FullTcpL4Protocol::DoReceive(Ptr<Packet> p,
                             const Address& src,
                             const Address& dst,
                             Ptr<NetDevice> device,
                             bool notUnicast,
                             FullTcpEcnCodepoint ecn,
                             uint8_t ttl)
{
    m_mib.CountReceived();
    FullTcpHeader h;
    const FullTcpParseError error = ParseSegment(p, src, dst, h);
    const auto local = FullTcpIpKey::FromAddress(dst);
    const auto remote = FullTcpIpKey::FromAddress(src);
    if (!local || !remote)
    {
        return IpL4Protocol::RX_ENDPOINT_CLOSED;
    }
    if (error != FullTcpParseError::NONE)
    {
        // Bad input is counted by name and dropped, never asserted on.
        NS_LOG_LOGIC("drop from " << src << ": " << error);
        m_mib.CountParseError(error);
        m_dropTrace(NodeId(),
                    local->ToSocketAddress(0),
                    remote->ToSocketAddress(0),
                    error == FullTcpParseError::BAD_CHECKSUM ? FullTcpL4DropReason::BAD_CHECKSUM
                                                             : FullTcpL4DropReason::MALFORMED);
        return RxStatusFor(error);
    }
    p->RemoveAllPacketTags();
    const FullTcpFourTuple tuple {*local, h.GetDestinationPort(), *remote, h.GetSourcePort()};
    const Address localAddress = local->ToSocketAddress(tuple.localPort);
    const Address remoteAddress = remote->ToSocketAddress(tuple.remotePort);
    m_segmentReceivedTrace(NodeId(), p, h, localAddress, remoteAddress);
    if (notUnicast)
    {
        // RFC 1122 §4.2.3.10: a SYN to a broadcast or multicast address MUST be silently
        // discarded; nothing else of TCP can be addressed so either.
        NS_LOG_LOGIC("drop segment to a non-unicast address " << dst);
        Drop(localAddress, remoteAddress, FullTcpL4DropReason::NOT_UNICAST);
        return IpL4Protocol::RX_ENDPOINT_CLOSED;
    }
    const FullTcpDemuxResult<FullTcpDemuxValue> r = m_demux.Lookup(tuple);
    FullTcpDemuxValue target = r.value ? *r.value : FullTcpDemuxValue {};
    // SO_BINDTODEVICE: a socket bound to a device does not see segments of other devices.
    if (target.socket && target.socket->GetBoundNetDevice() && device
        && target.socket->GetBoundNetDevice() != device)
    {
        target = FullTcpDemuxValue {};
    }
    // The engine's input record: what IP said of the segment travels with it (RFC 3168
    // §5 ECN field, TTL / hop limit), by reference, without a copy.
    const FullTcpSegmentIn segment(h, p, Simulator::Now(), ecn, ttl);
    if (target.timeWait)
    {
        m_timeWait->SegmentArrives(tuple, segment, device);
        return IpL4Protocol::RX_OK;
    }
    if (target.socket && r.match == FullTcpDemuxMatch::CONNECTION)
    {
        target.socket->SegmentArrives(segment);
        return IpL4Protocol::RX_OK;
    }
    if (target.socket)
    {
        target.socket->ListenerSegmentArrives(segment, tuple, device);
        return IpL4Protocol::RX_OK;
    }
    // RFC 9293 §3.10.7.1: nothing here; a RST (never ICMP port unreachable, which
    // RX_ENDPOINT_CLOSED keeps IP from sending).
    Drop(localAddress, remoteAddress, FullTcpL4DropReason::NO_ENDPOINT);
    SendResetFor(h, p->GetSize(), tuple);
    return IpL4Protocol::RX_ENDPOINT_CLOSED;
}

} // namespace ns3
