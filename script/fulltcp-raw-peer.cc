/*
 * Script: raw peer aggregation at a protocol number, checksummed send, parsed Rx trace
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-raw-peer.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpRawPeer");
NS_OBJECT_ENSURE_REGISTERED(FullTcpRawPeer);

TypeId
FullTcpRawPeer::GetTypeId()
{
    static TypeId tid =
        AddIpProtocolNumber(TypeId("ns3::FullTcpRawPeer")
                                .SetParent<FullTcpIpL4Base>()
                                .SetGroupName("FullTcp")
                                .AddConstructor<FullTcpRawPeer>())
            .AddTraceSource("Rx",
                            "A well-formed segment arrived.",
                            MakeTraceSourceAccessor(&FullTcpRawPeer::m_rxTrace),
                            "ns3::FullTcpRawPeer::RxTracedCallback")
            .AddTraceSource("Drop",
                            "A malformed segment (or one with a bad checksum) was dropped.",
                            MakeTraceSourceAccessor(&FullTcpRawPeer::m_dropTrace),
                            "ns3::FullTcpRawPeer::DropTracedCallback");
    return tid;
}

bool
FullTcpRawPeer::Send(FullTcpHeader header,
                     Ptr<const Packet> payload,
                     const Address& src,
                     const Address& dst,
                     uint8_t ecn)
{
    const bool v4 = Ipv4Address::IsMatchingType(src) && Ipv4Address::IsMatchingType(dst);
    const bool v6 = Ipv6Address::IsMatchingType(src) && Ipv6Address::IsMatchingType(dst);
    if (!(v4 && !m_downTarget.IsNull()) && !(v6 && !m_downTarget6.IsNull()))
    {
        NS_LOG_WARN("Send: addresses " << src << " and " << dst << " are not one IP family");
        return false;
    }
    Ptr<Packet> p = BuildSegment(header, payload, src, dst);
    if (ecn != 0)
    {
        // IP takes the traffic class from the tag (Ipv4L3Protocol::Send(), Ipv6's twin).
        if (v4)
        {
            SocketIpTosTag tos;
            tos.SetTos(ecn & 0x3);
            p->AddPacketTag(tos);
        }
        else
        {
            SocketIpv6TclassTag tclass;
            tclass.SetTclass(ecn & 0x3);
            p->AddPacketTag(tclass);
        }
    }
    // No route: IP looks one up for the destination, as for any sender without a socket.
    if (v4)
    {
        m_downTarget(p,
                     Ipv4Address::ConvertFrom(src),
                     Ipv4Address::ConvertFrom(dst),
                     m_protocolNumber,
                     nullptr);
    }
    else
    {
        m_downTarget6(p,
                      Ipv6Address::ConvertFrom(src),
                      Ipv6Address::ConvertFrom(dst),
                      m_protocolNumber,
                      nullptr);
    }
    return true;
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Deliver(Ptr<Packet> p, const Address& src, const Address& dst)
{
    FullTcpHeader header;
    const FullTcpParseError error = ParseSegment(p, src, dst, header);
    if (error != FullTcpParseError::NONE)
    {
        NS_LOG_LOGIC("drop: " << error);
        m_dropTrace(p, error);
        return RxStatusFor(error);
    }
    m_rxTrace(header, p, src, dst);
    // Answered by nobody, on purpose: RX_ENDPOINT_CLOSED keeps IP from sending ICMP.
    return IpL4Protocol::RX_ENDPOINT_CLOSED;
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Receive(Ptr<Packet> p, const Ipv4Header& ip, Ptr<Ipv4Interface>)
{
    m_lastEcn = static_cast<uint8_t>(ip.GetEcn());
    return Deliver(p, ip.GetSource(), ip.GetDestination());
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Receive(Ptr<Packet> p, const Ipv6Header& ip, Ptr<Ipv6Interface>)
{
    m_lastEcn = ip.GetTrafficClass() & 0x3;
    return Deliver(p, ip.GetSource(), ip.GetDestination());
}

uint8_t
FullTcpRawPeer::GetLastEcn() const
{
    return m_lastEcn;
}

} // namespace ns3
