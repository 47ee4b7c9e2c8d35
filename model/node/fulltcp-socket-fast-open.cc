/*
 * Node: the listener's Fast Open decision (RFC 7413 §4.2.2, Linux tcp_try_fastopen())
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Which SYN may open a connection with data, and which cookie the SYN-ACK carries, as Linux
 * net/ipv4/tcp_fastopen.c decides it for a listener: the server must be enabled
 * (net.ipv4.tcp_fastopen & TFO_SERVER_ENABLE) and the listener's Fast Open queue
 * (TCP_FASTOPEN, or listen() with TFO_SERVER_WO_SOCKOPT1) must have room.
 */
#include "fulltcp-socket.h"

#include "ns3/fulltcp-fast-open-cookie.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketFastOpen");

FullTcpPassiveFastOpen
FullTcpSocket::DecideFastOpen(const FullTcpHeader& syn,
                              Ptr<Packet> payload,
                              const FullTcpFourTuple& tuple)
{
    FullTcpPassiveFastOpen d;
    const std::optional<FullTcpFastOpenOption>& fo = syn.GetOptions().GetFastOpen();
    // tcp_parse_fastopen_option(): a cookie of a bad length counts as no option (len -1).
    const bool request = fo && fo->cookie.empty();
    const bool cookie = fo && FullTcpFastOpenCookieValid(fo->cookie);
    const bool synData = payload && payload->GetSize() > 0;
    // include/net/tcp.h: TFO_SERVER_ENABLE 2, TFO_SERVER_COOKIE_NOT_REQD 0x200.
    const bool serverEnabled = (m_fastOpen & 0x2) != 0;
    // tcp_fastopen_queue_check(): max_qlen 0 (no TCP_FASTOPEN) or a full queue: no Fast Open.
    const bool queueRoom = m_fastOpenMaxQueue > 0 && m_fastOpenQueued < m_fastOpenMaxQueue;
    // FullTcp computes IPv4 cookies only (__tcp_fastopen_cookie_gen_cipher()'s AF_INET case).
    const bool v4 = tuple.localAddress.GetFamily() == FullTcpIpKey::Family::IPV4;
    if (!serverEnabled || !(synData || request || cookie) || !queueRoom || !v4)
    {
        return d; // RFC 7413 §4.2.2: an ordinary SYN; its data is not acknowledged
    }
    if ((m_fastOpen & 0x200) != 0)
    {
        d.accept = true; // tcp_fastopen_no_cookie(): data accepted without a cookie
        d.data = payload;
        return d;
    }
    if (!request && !cookie)
    {
        return d;
    }
    // RFC 7413 §4.1.2: the cookie is a MAC of the client's address (Linux: also the
    // server's) under the server's secret.
    std::optional<FullTcpFastOpenKey> key = FullTcpFastOpenKey::Parse(m_fastOpenKey);
    if (!key)
    {
        // No key set: Linux makes a random one at first use (tcp_fastopen_init_key_once());
        // FullTcp takes the node's random SYN cookie secret.
        const auto secret = m_tcp->GetCookieKey();
        key.emplace();
        for (int i = 0; i < 8; ++i)
        {
            key->primary[i] = static_cast<uint8_t>(secret.first >> (8 * i));
            key->primary[8 + i] = static_cast<uint8_t>(secret.second >> (8 * i));
        }
    }
    const auto client = static_cast<uint32_t>(tuple.remoteAddress.GetLow());
    const auto server = static_cast<uint32_t>(tuple.localAddress.GetLow());
    FullTcpFastOpenOption valid;
    valid.cookie = FullTcpFastOpenCookie(key->primary, client, server);
    valid.experimental = fo->experimental; // the answer in the client's kind
    const int match = cookie ? FullTcpFastOpenCookieCheck(*key, client, server, fo->cookie) : 0;
    if (match == 0)
    {
        // A cookie request, or a bad cookie: the SYN-ACK brings a valid cookie and
        // acknowledges the SYN only (§4.2.2 "the server ... MUST ignore the data").
        d.cookie = valid;
        return d;
    }
    NS_LOG_LOGIC("Fast Open from " << tuple << (match == 2 ? " (backup key)" : ""));
    d.accept = true;
    d.data = payload;
    if (match == 2)
    {
        d.cookie = valid; // the backup key's cookie is replaced by the primary's
    }
    return d;
}

void
FullTcpSocket::FastOpenChildDone()
{
    if (m_fastOpenQueued > 0)
    {
        --m_fastOpenQueued;
    }
}

} // namespace ns3
