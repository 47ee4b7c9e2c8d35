/*
 * Node: the client's Fast Open cookie cache, per destination (RFC 7413 §4.1.3; Linux tcp_metrics)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-fast-open-cache.h"

namespace ns3
{

FullTcpFastOpenCache::Entry
FullTcpFastOpenCache::Get(const FullTcpIpKey& server) const
{
    const auto it = m_entries.find(server);
    return it == m_entries.end() ? Entry {} : it->second;
}

void
FullTcpFastOpenCache::Learn(const FullTcpIpKey& server, const FullTcpFastOpenLearned& learned)
{
    Entry& e = m_entries[server];
    if (learned.mss > 0)
    {
        e.mss = learned.mss;
    }
    if (learned.cookie)
    {
        e.cookie = learned.cookie;
    }
    else if (learned.tryExp > e.tryExp && !e.cookie)
    {
        e.tryExp = learned.tryExp; // tcp_fastopen_cache_set()
    }
}

void
FullTcpFastOpenCache::Clear()
{
    m_entries.clear();
}

} // namespace ns3
