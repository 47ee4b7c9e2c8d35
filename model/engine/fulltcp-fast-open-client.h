/*
 * Engine: the client side of TCP Fast Open (RFC 7413 §4.2.1): what a SYN carries, what a SYN-ACK
 * teaches SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_FAST_OPEN_CLIENT_H
#define FULLTCP_FAST_OPEN_CLIENT_H

#include "ns3/fulltcp-fast-open-option.h"
#include "ns3/packet.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief An active open with Fast Open (RFC 7413 §4.2.1), as the socket asks for it
 * (FullTcpConnection::ConnectFastOpen()).
 *
 * The socket looks up its cookie cache (Linux tcp_fastopen_cookie_check()) and hands the
 * application's first bytes; the SYN takes what fits.
 */
struct FullTcpFastOpenRequest
{
    /// The server's cookie from the cache (RFC 7413 §4.1.3): the SYN carries it and data.
    /// None: the SYN asks for one (an empty option, §4.1.1) and carries no data.
    std::optional<FullTcpFastOpenOption> cookie;
    /// The server's MSS from the cache (Linux tcp_fastopen_cache_get()); 0: none known, the
    /// SYN's data is sized on our own MSS.
    uint16_t cachedMss {0};
    /// Linux TFO_CLIENT_NO_COOKIE (net.ipv4.tcp_fastopen 0x4): data on the SYN without any
    /// Fast Open option.
    bool noCookie {false};
    /// Without a cookie: ask for one with the experimental option (kind 254, magic 0xF989),
    /// as Linux after a request in the RFC 7413 option went unanswered (tcp_fastopen_cache_get():
    /// try_exp 1).
    bool requestExperimental {false};
    /// The application's bytes (null: none).
    Ptr<Packet> data;
};

/**
 * \ingroup fulltcp
 * \brief What a SYN-ACK taught about the server, for the cookie cache (Linux
 * tcp_fastopen_cache_set()): FullTcpConnectionOutput::FastOpenLearned().
 */
struct FullTcpFastOpenLearned
{
    uint16_t mss {0};                            //!< the SYN-ACK's MSS (0: it had none)
    std::optional<FullTcpFastOpenOption> cookie; //!< a valid cookie it carried
    /// Linux try_exp (tcp_rcv_fastopen_synack()): a cookie request without data got no cookie;
    /// 1 if it asked in the RFC 7413 option (try the experimental one next), 2 if in the
    /// experimental one (back to RFC 7413 for good); 0 otherwise.
    uint8_t tryExp {0};
};

/**
 * \ingroup fulltcp
 * \brief The client's Fast Open state of one connection (part of FullTcpTcb).
 */
struct FullTcpFastOpenClient
{
    /// Our first SYN carries this option: a cookie, or an empty one (a request). None: no
    /// option (not a Fast Open, or TFO_CLIENT_NO_COOKIE). Linux syn_fastopen.
    std::optional<FullTcpFastOpenOption> option;
    /// A Fast Open connect (the SYN-ACK's cookie and MSS go to the cache).
    bool requested {false};
    /// Just past the data our first SYN carried (1: none). Linux syn_data.
    int64_t synDataEnd {1};
};

/**
 * \param ownMss the MSS we offer \param cachedMss the server's MSS from the cache (0: none)
 * \return the bytes a SYN may carry: the MSS less MAX_TCP_OPTION_SPACE (40), room kept for
 *         options middle-boxes add (Linux tcp_send_syn_data())
 */
uint32_t FullTcpFastOpenSynSpace(uint16_t ownMss, uint16_t cachedMss);

} // namespace ns3

#endif /* FULLTCP_FAST_OPEN_CLIENT_H */
