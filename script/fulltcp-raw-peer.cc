/*
 * Script: raw peer aggregation at a protocol number, checksummed send, parsed Rx trace
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-raw-peer.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpRawPeer");
NS_OBJECT_ENSURE_REGISTERED(FullTcpRawPeer);

TypeId
FullTcpRawPeer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FullTcpRawPeer")
            .SetParent<IpL4Protocol>()
            .SetGroupName("FullTcp")
            .AddConstructor<FullTcpRawPeer>()
            // IpL4Protocol already has a read-only "ProtocolNumber" (it reports this value);
            // ns-3 allows no second attribute of that name, hence the longer one.
            .AddAttribute("IpProtocolNumber",
                          "IP protocol number it sends and receives (6 = TCP, IANA).",
                          UintegerValue(6),
                          MakeUintegerAccessor(&FullTcpRawPeer::m_protocolNumber),
                          MakeUintegerChecker<uint8_t>())
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

FullTcpRawPeer::FullTcpRawPeer() : m_protocolNumber(6) {}

int
FullTcpRawPeer::GetProtocolNumber() const
{
    return m_protocolNumber;
}

void
FullTcpRawPeer::NotifyNewAggregate()
{
    Ptr<Node> node = GetObject<Node>();
    if (node && !m_node)
    {
        m_node = node;
    }
    Ptr<Ipv4> ipv4 = GetObject<Ipv4>();
    if (ipv4 && m_downTarget.IsNull())
    {
        ipv4->Insert(this);
        SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    }
    Ptr<Ipv6> ipv6 = GetObject<Ipv6>();
    if (ipv6 && m_downTarget6.IsNull())
    {
        ipv6->Insert(this);
        SetDownTarget6(MakeCallback(&Ipv6::Send, ipv6));
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
FullTcpRawPeer::DoDispose()
{
    m_node = nullptr;
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

bool
FullTcpRawPeer::Send(FullTcpHeader header,
                     Ptr<const Packet> payload,
                     const Address& src,
                     const Address& dst)
{
    Ptr<Packet> p = payload ? payload->Copy() : Create<Packet>();
    if (Node::ChecksumEnabled())
    {
        header.InitializeChecksum(src, dst, m_protocolNumber);
    }
    if (Ipv4Address::IsMatchingType(src) && Ipv4Address::IsMatchingType(dst)
        && !m_downTarget.IsNull())
    {
        p->AddHeader(header);
        m_downTarget(p,
                     Ipv4Address::ConvertFrom(src),
                     Ipv4Address::ConvertFrom(dst),
                     m_protocolNumber,
                     nullptr);
        return true;
    }
    if (Ipv6Address::IsMatchingType(src) && Ipv6Address::IsMatchingType(dst)
        && !m_downTarget6.IsNull())
    {
        p->AddHeader(header);
        m_downTarget6(p,
                      Ipv6Address::ConvertFrom(src),
                      Ipv6Address::ConvertFrom(dst),
                      m_protocolNumber,
                      nullptr);
        return true;
    }
    NS_LOG_WARN("Send: addresses " << src << " and " << dst << " are not one IP family");
    return false;
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Deliver(Ptr<Packet> p,
                        FullTcpHeader& header,
                        const Address& src,
                        const Address& dst)
{
    p->PeekHeader(header);
    if (header.GetParseError() != FullTcpParseError::NONE)
    {
        NS_LOG_LOGIC("drop: " << header.GetParseError());
        m_dropTrace(p, header.GetParseError());
        return header.GetParseError() == FullTcpParseError::BAD_CHECKSUM
                 ? IpL4Protocol::RX_CSUM_FAILED
                 : IpL4Protocol::RX_ENDPOINT_CLOSED;
    }
    p->RemoveAtStart(header.GetSerializedSize());
    m_rxTrace(header, p, src, dst);
    // Answered by nobody, on purpose: RX_ENDPOINT_CLOSED keeps IP from sending ICMP.
    return IpL4Protocol::RX_ENDPOINT_CLOSED;
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Receive(Ptr<Packet> p, const Ipv4Header& ip, Ptr<Ipv4Interface>)
{
    FullTcpHeader header;
    if (Node::ChecksumEnabled())
    {
        header.InitializeChecksum(ip.GetSource(), ip.GetDestination(), m_protocolNumber);
    }
    return Deliver(p, header, ip.GetSource(), ip.GetDestination());
}

IpL4Protocol::RxStatus
FullTcpRawPeer::Receive(Ptr<Packet> p, const Ipv6Header& ip, Ptr<Ipv6Interface>)
{
    FullTcpHeader header;
    if (Node::ChecksumEnabled())
    {
        header.InitializeChecksum(ip.GetSource(), ip.GetDestination(), m_protocolNumber);
    }
    return Deliver(p, header, ip.GetSource(), ip.GetDestination());
}

void
FullTcpRawPeer::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
FullTcpRawPeer::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
FullTcpRawPeer::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
FullTcpRawPeer::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
