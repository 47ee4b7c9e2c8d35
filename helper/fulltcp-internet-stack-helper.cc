/*
 * Helper: drop-in Install() keeping ns-3's TcpL4Protocol out (SetTcp ≤ 3.38, inert TCP ≥ 3.39)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-internet-stack-helper.h"

#include "ns3/boolean.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/fulltcp-socket-factory.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

// ns-3 up to 3.38 has InternetStackHelper::SetTcp(); 3.39 removed it.
#if FULLTCP_NS3_VERSION_MAJOR == 3 && FULLTCP_NS3_VERSION_MINOR < 39
#    define FULLTCP_HAVE_SET_TCP 1
#else
#    define FULLTCP_HAVE_SET_TCP 0
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpInternetStackHelper");

FullTcpInternetStackHelper::FullTcpInternetStackHelper()
{
    // The programs this mode runs were written against ns-3's TcpSocketBase: their servers
    // close from NormalClose, which it fires at the peer's FIN (DoPeerClose()).
    m_fullTcp.SetSocketAttribute("TcpSocketBaseCallbacks", BooleanValue(true));
#if FULLTCP_HAVE_SET_TCP
    SetTcp("ns3::FullTcpL4Protocol");
#endif
}

void
FullTcpInternetStackHelper::Reset()
{
    InternetStackHelper::Reset();
#if FULLTCP_HAVE_SET_TCP
    SetTcp("ns3::FullTcpL4Protocol");
#endif
}

void
FullTcpInternetStackHelper::SetL4Attribute(const std::string& name, const AttributeValue& value)
{
    if (name == "IpProtocolNumber")
    {
        NS_LOG_WARN("the drop-in mode always uses IP protocol 6; " << name << " ignored");
        return;
    }
    m_fullTcp.SetL4Attribute(name, value);
}

void
FullTcpInternetStackHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    m_fullTcp.SetSocketAttribute(name, value);
}

void
FullTcpInternetStackHelper::Install(Ptr<Node> node) const
{
    if (!node)
    {
        return;
    }
#if FULLTCP_HAVE_SET_TCP
    // Install() aggregates ns3::FullTcpL4Protocol where it would put TcpL4Protocol; the
    // protocol aggregates its FullTcpSocketFactory. Then FullTcp's own attributes.
    InternetStackHelper::Install(node);
    Ptr<FullTcpL4Protocol> tcp = node->GetObject<FullTcpL4Protocol>();
    m_fullTcp.Configure(tcp);
#else
    // Install() skips every type the node already has: an inert TcpL4Protocol whose node is
    // set creates no TcpSocketFactoryImpl when IP arrives (TcpL4Protocol::NotifyNewAggregate
    // creates it only while its node is unset).
    Ptr<TcpL4Protocol> inert = CreateObject<TcpL4Protocol>();
    inert->SetNode(node);
    node->AggregateObject(inert);
    InternetStackHelper::Install(node);
    Ptr<FullTcpL4Protocol> tcp = m_fullTcp.CreateProtocol();
    tcp->SetAttribute("IpProtocolNumber", UintegerValue(6));
    node->AggregateObject(tcp); // last: protocol 6 in the IPv4/IPv6 demux is FullTcp's
#endif
    if (!tcp)
    {
        NS_LOG_ERROR("node " << node->GetId() << ": no FullTcpL4Protocol was installed");
        return;
    }
    if (node->GetObject<TcpSocketFactory>())
    {
        NS_LOG_ERROR("node " << node->GetId()
                             << " already has a TcpSocketFactory; the drop-in factory is "
                                "not added");
        return;
    }
    Ptr<FullTcpDropInSocketFactory> factory = CreateObject<FullTcpDropInSocketFactory>();
    factory->SetProtocol(tcp);
    node->AggregateObject(factory);
}

void
FullTcpInternetStackHelper::Install(NodeContainer c) const
{
    for (auto i = c.Begin(); i != c.End(); ++i)
    {
        Install(*i);
    }
}

void
FullTcpInternetStackHelper::Install(std::string nodeName) const
{
    Install(Names::Find<Node>(nodeName));
}

void
FullTcpInternetStackHelper::InstallAll() const
{
    Install(NodeContainer::GetGlobal());
}

int64_t
FullTcpInternetStackHelper::AssignStreams(NodeContainer c, int64_t stream)
{
    int64_t used = InternetStackHelper::AssignStreams(c, stream);
    used += FullTcpHelper::AssignStreams(c, stream + used);
    return used;
}

} // namespace ns3
