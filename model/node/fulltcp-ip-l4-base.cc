/*
 * Node: the IpL4Protocol plumbing FullTcp's protocol and raw peer share (protocol number,
 * IPv4/IPv6 registration and down targets, segment checksum on the way down and up)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-ip-l4-base.h"

#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpIpL4Base");
NS_OBJECT_ENSURE_REGISTERED(FullTcpIpL4Base);

TypeId
FullTcpIpL4Base::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FullTcpIpL4Base").SetParent<IpL4Protocol>().SetGroupName("FullTcp");
    return tid;
}

TypeId
FullTcpIpL4Base::AddIpProtocolNumber(TypeId tid)
{
    // 0 is IPv6's Hop-by-Hop Options header, never a transport: refused.
    return tid.AddAttribute("IpProtocolNumber",
                            "IP protocol number it registers under with IPv4/IPv6 and sends "
                            "with (6 = TCP, IANA: it takes over ns-3 TCP's slot on this node; "
                            "253/254 = RFC 3692 experimental lets FullTcp run beside ns-3 "
                            "TCP). Set it before aggregation.",
                            UintegerValue(6),
                            MakeUintegerAccessor(&FullTcpIpL4Base::m_protocolNumber),
                            MakeUintegerChecker<uint8_t>(1));
}

FullTcpIpL4Base::FullTcpIpL4Base() = default;

FullTcpIpL4Base::~FullTcpIpL4Base() = default;

Ptr<Node>
FullTcpIpL4Base::GetNode() const
{
    return m_node;
}

int
FullTcpIpL4Base::GetProtocolNumber() const
{
    return m_protocolNumber;
}

void
FullTcpIpL4Base::AttachToNode(Ptr<Node>)
{
}

void
FullTcpIpL4Base::NotifyNewAggregate()
{
    Ptr<Node> node = GetObject<Node>();
    Ptr<Ipv4> ipv4 = GetObject<Ipv4>();
    Ptr<Ipv6> ipv6 = GetObject<Ipv6>();
    if (!m_node && node && (ipv4 || ipv6))
    {
        m_node = node;
        AttachToNode(node);
    }
    // Ipv4L3Protocol/Ipv6L3Protocol key their demux by GetProtocolNumber(), read here.
    if (ipv4 && m_downTarget.IsNull())
    {
        ipv4->Insert(this);
        SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    }
    if (ipv6 && m_downTarget6.IsNull())
    {
        ipv6->Insert(this);
        SetDownTarget6(MakeCallback(&Ipv6::Send, ipv6));
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
FullTcpIpL4Base::DoDispose()
{
    m_node = nullptr;
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

void
FullTcpIpL4Base::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
FullTcpIpL4Base::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
FullTcpIpL4Base::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
FullTcpIpL4Base::GetDownTarget6() const
{
    return m_downTarget6;
}

Ptr<Packet>
FullTcpIpL4Base::BuildSegment(FullTcpHeader header,
                              Ptr<const Packet> payload,
                              const Address& src,
                              const Address& dst) const
{
    Ptr<Packet> p = payload ? payload->Copy() : Create<Packet>();
    if (Node::ChecksumEnabled())
    {
        // RFC 9293 §3.1: the checksum covers a pseudo-header of both addresses, the
        // protocol number and the TCP length.
        header.InitializeChecksum(src, dst, m_protocolNumber);
    }
    p->AddHeader(header);
    return p;
}

FullTcpParseError
FullTcpIpL4Base::ParseSegment(Ptr<Packet> p,
                              const Address& src,
                              const Address& dst,
                              FullTcpHeader& header) const
{
    if (Node::ChecksumEnabled())
    {
        header.InitializeChecksum(src, dst, m_protocolNumber);
    }
    p->PeekHeader(header);
    const FullTcpParseError error = header.GetParseError();
    if (error == FullTcpParseError::NONE)
    {
        p->RemoveAtStart(header.GetSerializedSize());
    }
    return error;
}

IpL4Protocol::RxStatus
FullTcpIpL4Base::RxStatusFor(FullTcpParseError error)
{
    return error == FullTcpParseError::BAD_CHECKSUM ? IpL4Protocol::RX_CSUM_FAILED
                                                    : IpL4Protocol::RX_ENDPOINT_CLOSED;
}

} // namespace ns3
