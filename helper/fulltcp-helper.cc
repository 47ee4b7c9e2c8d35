/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-helper.h"

#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpHelper");

FullTcpHelper::FullTcpHelper()
{
    m_l4Factory.SetTypeId(FullTcpL4Protocol::GetTypeId());
}

void
FullTcpHelper::SetL4Attribute(const std::string& name, const AttributeValue& value)
{
    m_l4Factory.Set(name, value);
    m_l4Attributes.emplace_back(name, value.Copy());
}

void
FullTcpHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    m_socketAttributes.emplace_back(name, value.Copy());
}

void
FullTcpHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    if (FullTcpL4Protocol::GetTypeId().LookupAttributeByName(name, &info))
    {
        SetL4Attribute(name, value);
    }
    else
    {
        SetSocketAttribute(name, value);
    }
}

Ptr<FullTcpL4Protocol>
FullTcpHelper::CreateProtocol() const
{
    Ptr<FullTcpL4Protocol> protocol = m_l4Factory.Create<FullTcpL4Protocol>();
    for (const auto& [name, value] : m_socketAttributes)
    {
        protocol->SetSocketAttribute(name, *value);
    }
    return protocol;
}

void
FullTcpHelper::Configure(Ptr<FullTcpL4Protocol> protocol) const
{
    if (!protocol)
    {
        return;
    }
    for (const auto& [name, value] : m_l4Attributes)
    {
        if (name != "IpProtocolNumber")
        {
            protocol->SetAttribute(name, *value);
        }
    }
    for (const auto& [name, value] : m_socketAttributes)
    {
        protocol->SetSocketAttribute(name, *value);
    }
}

void
FullTcpHelper::Install(Ptr<Node> node) const
{
    if (!node)
    {
        return;
    }
    if (!node->GetObject<Ipv4>() && !node->GetObject<Ipv6>())
    {
        NS_FATAL_ERROR("FullTcpHelper::Install: node " << node->GetId()
                                                       << " has no Internet stack; install "
                                                          "one first (InternetStackHelper)");
    }
    if (node->GetObject<FullTcpL4Protocol>())
    {
        NS_LOG_WARN("FullTcpHelper::Install: node " << node->GetId()
                                                    << " already has FullTcp; skipped");
        return;
    }
    node->AggregateObject(CreateProtocol());
}

void
FullTcpHelper::Install(NodeContainer c) const
{
    for (auto i = c.Begin(); i != c.End(); ++i)
    {
        Install(*i);
    }
}

void
FullTcpHelper::Install(const std::string& nodeName) const
{
    Install(Names::Find<Node>(nodeName));
}

void
FullTcpHelper::InstallAll() const
{
    Install(NodeContainer::GetGlobal());
}

int64_t
FullTcpHelper::AssignStreams(NodeContainer c, int64_t stream)
{
    int64_t current = stream;
    for (auto i = c.Begin(); i != c.End(); ++i)
    {
        if (Ptr<FullTcpL4Protocol> tcp = (*i)->GetObject<FullTcpL4Protocol>())
        {
            current += tcp->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
