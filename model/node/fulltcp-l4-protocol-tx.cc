/*
 * Node: route lookup, send path to IPv4/IPv6 (checksum, TTL/TOS tags), RST for no match
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpL4Protocol: routing (source address and MTU for a connection), the send path down
 * to IPv4/IPv6 (checksum, TTL/TOS tags with the segment's ECN codepoint) and the RST for
 * segments that reach nothing.
 */
#include "fulltcp-l4-protocol.h"

#include "ns3/fulltcp-rst-rules.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/socket.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpL4ProtocolTx");

namespace
{

/// IPv4's types and spellings, for the code both families share.
struct Ipv4Family
{
    using L3 = Ipv4;                                          //!< the IP object of the node
    using Addr = Ipv4Address;                                 //!< an address
    using Header = Ipv4Header;                                //!< its header
    using Route = Ipv4Route;                                  //!< a route
    using TtlTag = SocketIpTtlTag;                            //!< IP_TTL
    using TosTag = SocketIpTosTag;                            //!< IP_TOS
    static constexpr auto SetTtl = &TtlTag::SetTtl;           //!< sets the TTL tag
    static constexpr auto SetTos = &TosTag::SetTos;           //!< sets the TOS tag
    static constexpr auto SetProtocol = &Header::SetProtocol; //!< sets our protocol number
};

/// IPv6's types and spellings (hop limit and traffic class for TTL and TOS).
struct Ipv6Family
{
    using L3 = Ipv6;                                            //!< the IP object of the node
    using Addr = Ipv6Address;                                   //!< an address
    using Header = Ipv6Header;                                  //!< its header
    using Route = Ipv6Route;                                    //!< a route
    using TtlTag = SocketIpv6HopLimitTag;                       //!< IPV6_UNICAST_HOPS
    using TosTag = SocketIpv6TclassTag;                         //!< IPV6_TCLASS
    static constexpr auto SetTtl = &TtlTag::SetHopLimit;        //!< sets the hop limit tag
    static constexpr auto SetTos = &TosTag::SetTclass;          //!< sets the traffic class tag
    static constexpr auto SetProtocol = &Header::SetNextHeader; //!< sets our protocol number
};

/// Add a socket tag holding value, unless value is 0 (IP's default then applies).
template<class Tag, class Setter>
void
AddTagUnlessZero(Ptr<Packet> p, uint8_t value, Setter set)
{
    if (value != 0)
    {
        Tag tag;
        (tag.*set)(value);
        p->AddPacketTag(tag);
    }
}

/**
 * \brief Ask the node's routing protocol for a route.
 * \param l3 the node's IP \param p the packet (empty for a lookup) \param src source (may
 * be the wildcard) \param dst destination \param protocol our protocol number
 * \param device the bound device, or null
 * \return the route, or null
 */
template<class F>
Ptr<typename F::Route>
RouteFor(Ptr<typename F::L3> l3,
         Ptr<Packet> p,
         const Address& src,
         const Address& dst,
         uint8_t protocol,
         Ptr<NetDevice> device)
{
    if (!l3 || !l3->GetRoutingProtocol())
    {
        return nullptr;
    }
    typename F::Header header;
    if (!src.IsInvalid())
    {
        header.SetSource(F::Addr::ConvertFrom(src));
    }
    header.SetDestination(F::Addr::ConvertFrom(dst));
    (header.*F::SetProtocol)(protocol);
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    return l3->GetRoutingProtocol()->RouteOutput(p, header, device, err);
}

/// \return the source address and MTU towards remote, or ERROR_NOROUTETOHOST
template<class F>
FullTcpRouteInfo
RouteInfo(Ptr<Node> node, const FullTcpIpKey& remote, uint8_t protocol, Ptr<NetDevice> device)
{
    FullTcpRouteInfo info;
    Ptr<typename F::L3> l3 = node ? node->GetObject<typename F::L3>() : nullptr;
    Ptr<typename F::Route> route =
        RouteFor<F>(l3, Create<Packet>(), Address(), remote.ToAddress(), protocol, device);
    if (!route)
    {
        info.error = Socket::ERROR_NOROUTETOHOST;
        return info;
    }
    info.source = FullTcpIpKey(route->GetSource());
    info.mtu = route->GetOutputDevice() ? route->GetOutputDevice()->GetMtu() : 1500;
    return info;
}

/// Tag a segment with TTL/TOS, route it and hand it to IP's down target.
template<class F, class DownTarget>
void
SendDown(Ptr<Node> node,
         Ptr<Packet> p,
         const Address& src,
         const Address& dst,
         uint8_t protocol,
         const FullTcpIpParams& ip,
         const DownTarget& downTarget)
{
    AddTagUnlessZero<typename F::TtlTag>(p, ip.ttl, F::SetTtl);
    // RFC 3168 §5: the two low bits are the ECN field, the segment's own (the engine's
    // codepoint); the socket's TOS / traffic class gives the DSCP bits only (Linux
    // do_ip_setsockopt(IP_TOS) keeps a TCP socket's ECN bits out of the option).
    const auto ecn = static_cast<uint8_t>(ip.ecn);
    AddTagUnlessZero<typename F::TosTag>(
        p, static_cast<uint8_t>((ip.tos & ~0x03) | ecn), F::SetTos);
    Ptr<typename F::L3> l3 = node ? node->GetObject<typename F::L3>() : nullptr;
    if (!l3 || downTarget.IsNull())
    {
        return;
    }
    Ptr<typename F::Route> route = RouteFor<F>(l3, p, src, dst, protocol, ip.device);
    downTarget(p, F::Addr::ConvertFrom(src), F::Addr::ConvertFrom(dst), protocol, route);
}

/**
 * \param node the node (may be null) \param address one of its addresses (or not)
 * \return the node's IP of family F and the interface that holds the address (-1: none)
 */
template<class F>
std::pair<Ptr<typename F::L3>, int32_t>
InterfaceOf(Ptr<Node> node, const Address& address)
{
    Ptr<typename F::L3> l3 = node ? node->GetObject<typename F::L3>() : nullptr;
    return {l3, l3 ? l3->GetInterfaceForAddress(F::Addr::ConvertFrom(address)) : -1};
}

/// \return the MTU of the interface that holds the address, 1500 when none does
template<class F>
uint32_t
MtuAt(Ptr<Node> node, const Address& address)
{
    const auto [l3, i] = InterfaceOf<F>(node, address);
    return i >= 0 ? l3->GetMtu(i) : 1500;
}

} // namespace

// ------------------------------------------------------------------------- routing

FullTcpRouteInfo
FullTcpL4Protocol::RouteTo(const FullTcpIpKey& remote, Ptr<NetDevice> device)
{
    return remote.GetFamily() == FullTcpIpKey::Family::IPV4
             ? RouteInfo<Ipv4Family>(m_node, remote, m_protocolNumber, device)
             : RouteInfo<Ipv6Family>(m_node, remote, m_protocolNumber, device);
}

uint32_t
FullTcpL4Protocol::MtuOf(const FullTcpIpKey& local) const
{
    const Address a = local.ToAddress();
    return local.GetFamily() == FullTcpIpKey::Family::IPV4 ? MtuAt<Ipv4Family>(m_node, a)
                                                           : MtuAt<Ipv6Family>(m_node, a);
}

bool
FullTcpL4Protocol::IsLocalAddress(const FullTcpIpKey& address) const
{
    if (address.IsAny())
    {
        return true;
    }
    const Address a = address.ToAddress();
    const int32_t i = address.GetFamily() == FullTcpIpKey::Family::IPV4
                        ? InterfaceOf<Ipv4Family>(m_node, a).second
                        : InterfaceOf<Ipv6Family>(m_node, a).second;
    return i >= 0;
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
    const Address src = tuple.localAddress.ToAddress();
    const Address dst = tuple.remoteAddress.ToAddress();
    Ptr<Packet> p = BuildSegment(header, payload, src, dst);
    if (tuple.localAddress.GetFamily() == FullTcpIpKey::Family::IPV4)
    {
        SendDown<Ipv4Family>(m_node, p, src, dst, m_protocolNumber, ip, m_downTarget);
    }
    else
    {
        SendDown<Ipv6Family>(m_node, p, src, dst, m_protocolNumber, ip, m_downTarget6);
    }
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
