/*
 * Helper: FullTcpHelper install, attribute forwarding, AssignStreams, state log, snapshots
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-helper.h"

#include "fulltcp-congestion-log.h"
#include "fulltcp-snapshot.h"
#include "fulltcp-state-log.h"

#include "ns3/abort.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <fstream>
#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpHelper");

namespace
{

/// The scheduled snapshot (a function, not a lambda: ns-3 <= 3.35 schedules no lambdas).
/// \param node the node \param os where
void
PrintSnapshot(Ptr<Node> node, std::ostream* os)
{
    FullTcpSnapshot::Print(node, *os);
}

/// The scheduled snapshot into a file it owns (closed once the table is written).
/// \param node the node \param file the file
void
PrintSnapshotToFile(Ptr<Node> node, std::shared_ptr<std::ofstream> file)
{
    FullTcpSnapshot::Print(node, *file);
}

} // namespace

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
    m_installed.Add(node);
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

void
FullTcpHelper::EnableStateLog(std::string path) const
{
    NS_ABORT_MSG_IF(m_installed.GetN() == 0,
                    "FullTcpHelper::EnableStateLog: call it after Install()");
    auto log = Create<FullTcpStateLog>(path);
    for (auto i = m_installed.Begin(); i != m_installed.End(); ++i)
    {
        // The protocol's StateChange covers every connection of the node, including the
        // ones that do not exist yet.
        log->Attach((*i)->GetObject<FullTcpL4Protocol>());
    }
}

void
FullTcpHelper::EnableCongestionLog(std::string prefix) const
{
    NS_ABORT_MSG_IF(m_installed.GetN() == 0,
                    "FullTcpHelper::EnableCongestionLog: call it after Install()");
    auto log = Create<FullTcpCongestionLog>(std::move(prefix));
    for (auto i = m_installed.Begin(); i != m_installed.End(); ++i)
    {
        // The protocol's SocketCreated covers sockets the applications create and the
        // children listeners fork, as long as they are created after this call.
        log->Attach((*i)->GetObject<FullTcpL4Protocol>());
    }
}

void
FullTcpHelper::Snapshot(Ptr<Node> node, Time at, std::ostream* os)
{
    NS_ABORT_MSG_IF(!node || !node->GetObject<FullTcpL4Protocol>(),
                    "FullTcpHelper::Snapshot: the node has no FullTcp");
    NS_ABORT_MSG_IF(!os, "FullTcpHelper::Snapshot: no output stream");
    Simulator::Schedule(Max(at - Simulator::Now(), Time(0)), &PrintSnapshot, node, os);
}

void
FullTcpHelper::Snapshot(Ptr<Node> node, Time at, const std::string& path)
{
    auto file = std::make_shared<std::ofstream>(path);
    NS_ABORT_MSG_IF(!*file, "FullTcpHelper::Snapshot: cannot write \"" << path << "\"");
    NS_ABORT_MSG_IF(!node || !node->GetObject<FullTcpL4Protocol>(),
                    "FullTcpHelper::Snapshot: the node has no FullTcp");
    Simulator::Schedule(Max(at - Simulator::Now(), Time(0)), &PrintSnapshotToFile, node, file);
}

} // namespace ns3
