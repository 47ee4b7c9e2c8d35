/*
 * Congestion: algorithm registry (Register, Create, Names) and the default OnEvent
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-congestion-control.h"

#include "ns3/log.h"

#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpCongestionControl");

namespace
{

/// The registry, created on first use (registration runs during static initialization).
std::map<std::string, FullTcpCongestionControlFactory::Maker>&
Registry()
{
    static std::map<std::string, FullTcpCongestionControlFactory::Maker> registry;
    return registry;
}

} // namespace

void
FullTcpCongestionControl::OnEvent(FullTcpCongestionState&,
                                  FullTcpCongestionEvent,
                                  const FullTcpCongestionContext&)
{
}

bool
FullTcpCongestionControlFactory::Register(const std::string& name, Maker maker)
{
    Registry()[name] = std::move(maker);
    return true;
}

std::unique_ptr<FullTcpCongestionControl>
FullTcpCongestionControlFactory::Create(const std::string& name)
{
    const auto it = Registry().find(name);
    return it == Registry().end() ? nullptr : it->second();
}

std::vector<std::string>
FullTcpCongestionControlFactory::Names()
{
    std::vector<std::string> names;
    for (const auto& entry : Registry())
    {
        names.push_back(entry.first);
    }
    return names;
}

} // namespace ns3
