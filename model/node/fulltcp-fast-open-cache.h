/*
 * Node: the client's Fast Open cookie cache, per destination (RFC 7413 §4.1.3; Linux tcp_metrics)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_FAST_OPEN_CACHE_H
#define FULLTCP_FAST_OPEN_CACHE_H

#include "fulltcp-endpoint.h"

#include "ns3/fulltcp-fast-open-client.h"

#include <optional>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The cookies and MSS a node's Fast Open clients learned, one entry per server address
 * (RFC 7413 §4.1.3: "the client caches the cookie"; Linux keeps them in tcp_metrics, per
 * destination, tcp_fastopen_cache_get() and tcp_fastopen_cache_set()).
 *
 * One per FullTcpL4Protocol; `ip tcp_metrics flush` empties it (Clear()).
 */
class FullTcpFastOpenCache
{
  public:
    /// What is known of one server.
    struct Entry
    {
        uint16_t mss {0};                            //!< its MSS (0: not known)
        std::optional<FullTcpFastOpenOption> cookie; //!< its cookie (none: ask for one)
        /// Linux tcpm_fastopen.try_exp: 1 asks for a cookie in the experimental option, 2 (or
        /// 0) in the RFC 7413 one; it only grows, and only while no cookie is known.
        uint8_t tryExp {0};
    };

    /// \param server the server's address \return what is known of it (an empty entry if nothing)
    Entry Get(const FullTcpIpKey& server) const;

    /**
     * \brief A SYN-ACK taught something (tcp_fastopen_cache_set(): the MSS when the SYN-ACK had
     * one, the cookie when it carried a valid one; the rest is kept).
     * \param server the server's address \param learned what it taught
     */
    void Learn(const FullTcpIpKey& server, const FullTcpFastOpenLearned& learned);

    /// Forget everything (`ip tcp_metrics flush all`).
    void Clear();

  private:
    std::unordered_map<FullTcpIpKey, Entry> m_entries; //!< by server address
};

} // namespace ns3

#endif /* FULLTCP_FAST_OPEN_CACHE_H */
