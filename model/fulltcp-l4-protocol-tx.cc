/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpL4Protocol: routing (source address and MTU for a connection), the send path down
 * to IPv4/IPv6 (checksum, TTL/TOS tags) and the RST for segments that reach nothing.
 */
#include "fulltcp-l4-protocol.h"
#include "fulltcp-rst-rules.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpL4ProtocolTx");

// ------------------------------------------------------------------------- routing

FullTcpRouteInfo
FullTcpL4Protocol::RouteTo(const FullTcpIpKey& remote, Ptr<NetDevice> device)
{
    FullTcpRouteInfo info;
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    const Address dst = remote.ToAddress();
    if (remote.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
        if (!ipv4 || !ipv4->GetRoutingProtocol())
        {
            info.error = Socket::ERROR_NOROUTETOHOST;
            return info;
        }
        Ipv4Header header;
        header.SetDestination(Ipv4Address::ConvertFrom(dst));
        header.SetProtocol(m_protocolNumber);
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, device, err);
        if (!route)
        {
            info.error = Socket::ERROR_NOROUTETOHOST;
            return info;
        }
        info.source = FullTcpIpKey(route->GetSource());
        info.mtu = route->GetOutputDevice() ? route->GetOutputDevice()->GetMtu() : 1500;
        return info;
    }
    Ptr<Ipv6> ipv6 = m_node ? m_node->GetObject<Ipv6>() : nullptr;
    if (!ipv6 || !ipv6->GetRoutingProtocol())
    {
        info.error = Socket::ERROR_NOROUTETOHOST;
        return info;
    }
    Ipv6Header header;
    header.SetDestination(Ipv6Address::ConvertFrom(dst));
    header.SetNextHeader(m_protocolNumber);
    Ptr<Ipv6Route> route =
        ipv6->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, device, err);
    if (!route)
    {
        info.error = Socket::ERROR_NOROUTETOHOST;
        return info;
    }
    info.source = FullTcpIpKey(route->GetSource());
    info.mtu = route->GetOutputDevice() ? route->GetOutputDevice()->GetMtu() : 1500;
    return info;
}

uint32_t
FullTcpL4Protocol::MtuOf(const FullTcpIpKey& local) const
{
    const Address a = local.ToAddress();
    if (local.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
        const int32_t i = ipv4 ? ipv4->GetInterfaceForAddress(Ipv4Address::ConvertFrom(a)) : -1;
        return i >= 0 ? ipv4->GetMtu(i) : 1500;
    }
    Ptr<Ipv6> ipv6 = m_node ? m_node->GetObject<Ipv6>() : nullptr;
    const int32_t i = ipv6 ? ipv6->GetInterfaceForAddress(Ipv6Address::ConvertFrom(a)) : -1;
    return i >= 0 ? ipv6->GetMtu(i) : 1500;
}

bool
FullTcpL4Protocol::IsLocalAddress(const FullTcpIpKey& address) const
{
    if (address.IsAny())
    {
        return true;
    }
    const Address a = address.ToAddress();
    if (address.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
        return ipv4 && ipv4->GetInterfaceForAddress(Ipv4Address::ConvertFrom(a)) >= 0;
    }
    Ptr<Ipv6> ipv6 = m_node ? m_node->GetObject<Ipv6>() : nullptr;
    return ipv6 && ipv6->GetInterfaceForAddress(Ipv6Address::ConvertFrom(a)) >= 0;
}

bool
FullTcpL4Protocol::IsNotUnicast(const FullTcpIpKey& address) const
{
    if (address.IsAny())
    {
        return true;
    }
    const Address a = address.ToAddress();
    if (address.GetFamily() == FullTcpIpKey::Family::IPV6)
    {
        return Ipv6Address::ConvertFrom(a).IsMulticast();
    }
    const Ipv4Address v4 = Ipv4Address::ConvertFrom(a);
    if (v4.IsBroadcast() || v4.IsMulticast())
    {
        return true;
    }
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            const Ipv4InterfaceAddress ia = ipv4->GetAddress(i, j);
            if (ia.GetMask() != Ipv4Mask::GetOnes() && ia.GetBroadcast() == v4)
            {
                return true;
            }
        }
    }
    return false;
}

// ------------------------------------------------------------------------------ send

void
FullTcpL4Protocol::SendSegment(const FullTcpHeader& header,
                               Ptr<const Packet> payload,
                               const FullTcpFourTuple& tuple,
                               const FullTcpIpParams& ip,
                               bool retransmission)
{
    Ptr<Packet> p = payload ? payload->Copy() : Create<Packet>();
    // Every segment of the node passes here: the one place that counts OutSegs,
    // RetransSegs and OutRsts (RFC 4022) and traces SegmentSent.
    m_mib.CountSent(header, retransmission);
    if (!m_segmentSentTrace.IsEmpty())
    {
        // The caller's payload, untouched below (p gets the header).
        m_segmentSentTrace(NodeId(),
                           payload ? payload : Ptr<const Packet>(Create<Packet>()),
                           header,
                           tuple.localAddress.ToSocketAddress(tuple.localPort),
                           tuple.remoteAddress.ToSocketAddress(tuple.remotePort));
    }
    FullTcpHeader h = header;
    const Address src = tuple.localAddress.ToAddress();
    const Address dst = tuple.remoteAddress.ToAddress();
    if (Node::ChecksumEnabled())
    {
        h.InitializeChecksum(src, dst, m_protocolNumber);
    }
    p->AddHeader(h);
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    if (tuple.localAddress.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        if (ip.ttl != 0)
        {
            SocketIpTtlTag tag;
            tag.SetTtl(ip.ttl);
            p->AddPacketTag(tag);
        }
        if (ip.tos != 0)
        {
            SocketIpTosTag tag;
            tag.SetTos(ip.tos);
            p->AddPacketTag(tag);
        }
        Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
        if (!ipv4 || m_downTarget.IsNull())
        {
            return;
        }
        Ipv4Header ipHeader;
        ipHeader.SetSource(Ipv4Address::ConvertFrom(src));
        ipHeader.SetDestination(Ipv4Address::ConvertFrom(dst));
        ipHeader.SetProtocol(m_protocolNumber);
        Ptr<Ipv4Route> route;
        if (ipv4->GetRoutingProtocol())
        {
            route = ipv4->GetRoutingProtocol()->RouteOutput(p, ipHeader, ip.device, err);
        }
        m_downTarget(p,
                     Ipv4Address::ConvertFrom(src),
                     Ipv4Address::ConvertFrom(dst),
                     m_protocolNumber,
                     route);
        return;
    }
    if (ip.ttl != 0)
    {
        SocketIpv6HopLimitTag tag;
        tag.SetHopLimit(ip.ttl);
        p->AddPacketTag(tag);
    }
    if (ip.tos != 0)
    {
        SocketIpv6TclassTag tag;
        tag.SetTclass(ip.tos);
        p->AddPacketTag(tag);
    }
    Ptr<Ipv6> ipv6 = m_node ? m_node->GetObject<Ipv6>() : nullptr;
    if (!ipv6 || m_downTarget6.IsNull())
    {
        return;
    }
    Ipv6Header ipHeader;
    ipHeader.SetSource(Ipv6Address::ConvertFrom(src));
    ipHeader.SetDestination(Ipv6Address::ConvertFrom(dst));
    ipHeader.SetNextHeader(m_protocolNumber);
    Ptr<Ipv6Route> route;
    if (ipv6->GetRoutingProtocol())
    {
        route = ipv6->GetRoutingProtocol()->RouteOutput(p, ipHeader, ip.device, err);
    }
    m_downTarget6(
        p, Ipv6Address::ConvertFrom(src), Ipv6Address::ConvertFrom(dst), m_protocolNumber, route);
}

void
FullTcpL4Protocol::SendResetFor(const FullTcpHeader& header,
                                uint32_t payloadSize,
                                const FullTcpFourTuple& tuple)
{
    if (const auto rst = FullTcpResetFor(header, payloadSize))
    {
        SendSegment(*rst, nullptr, tuple, FullTcpIpParams {});
    }
}

} // namespace ns3
