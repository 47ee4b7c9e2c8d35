/*
 * Engine: the client side of TCP Fast Open (RFC 7413 §4.2.1): data and cookie on the SYN, the
 * SYN-ACK SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: an active open whose SYN carries a cookie and the first bytes (or asks
 * for a cookie), and the SYN-ACK that acknowledges all, part or none of them, as Linux
 * tcp_send_syn_data() (tcp_output.c) and tcp_rcv_fastopen_synack() (tcp_input.c) do.
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

namespace
{
using S = FullTcpState;
} // namespace

void
FullTcpConnectionOutput::FastOpenLearned(const FullTcpFastOpenLearned&)
{
}

uint32_t
FullTcpFastOpenSynSpace(uint16_t ownMss, uint16_t cachedMss)
{
    // tcp_send_syn_data(): mss_clamp = the cached MSS (else advmss), then
    // "space = __tcp_mtu_to_mss(sk, pmtu) - MAX_TCP_OPTION_SPACE".
    const uint32_t mss = cachedMss > 0 ? std::min(ownMss, cachedMss) : ownMss;
    constexpr uint32_t MAX_TCP_OPTION_SPACE = 40;
    return mss > MAX_TCP_OPTION_SPACE ? mss - MAX_TCP_OPTION_SPACE : 0;
}

FullTcpError
FullTcpConnection::ConnectFastOpen(uint16_t localPort,
                                   uint16_t remotePort,
                                   uint32_t iss,
                                   const FullTcpFastOpenRequest& fo,
                                   Time now,
                                   uint32_t& taken)
{
    taken = 0;
    if (m_tcb.state != S::CLOSED && m_tcb.state != S::LISTEN)
    {
        return FullTcpError::ALREADY_OPEN;
    }
    FullTcpFastOpenClient& c = m_tcb.fastOpenClient;
    c.requested = true;
    // RFC 7413 §4.2.1: with a cookie the SYN carries it and data; without one it asks for a
    // cookie (an empty option) and carries none. TFO_CLIENT_NO_COOKIE: data, no option.
    if (!fo.noCookie)
    {
        FullTcpFastOpenOption request;
        request.experimental = fo.requestExperimental;
        c.option = fo.cookie.value_or(request);
    }
    const uint32_t size = fo.data ? fo.data->GetSize() : 0;
    if ((fo.cookie || fo.noCookie) && size > 0)
    {
        taken = std::min(size, FullTcpFastOpenSynSpace(m_config.mss, fo.cachedMss));
        if (taken > 0)
        {
            // The bytes are written before the connection opens (offsets 1 ... taken).
            QueueWrite(fo.data->CreateFragment(0, taken));
            c.synDataEnd = 1 + taken;
        }
    }
    const FullTcpError e = Connect(localPort, remotePort, iss, now);
    if (e != FullTcpError::OK)
    {
        taken = 0;
    }
    return e;
}

Ptr<Packet>
FullTcpConnection::FastOpenSynPart(FullTcpOptions& o) const
{
    const FullTcpFastOpenClient& c = m_tcb.fastOpenClient;
    // Only the first SYN: Linux retransmits the SYN without data and without the option
    // (tcp_send_syn_data(): "fo->cookie.len = -1; Exclude Fast Open option for SYN
    // retries"); the data waits in the retransmission queue.
    if (m_tcb.state != S::SYN_SENT || m_tcb.synRetransmitted)
    {
        return Create<Packet>();
    }
    if (c.option)
    {
        o.SetFastOpen(*c.option);
    }
    if (c.synDataEnd <= 1)
    {
        return Create<Packet>();
    }
    return m_tcb.sendQueue.Copy(static_cast<uint32_t>(1 - m_tcb.sendQueueFront),
                                static_cast<uint32_t>(c.synDataEnd - 1));
}

bool
FullTcpConnection::FastOpenSynAckArrives(const FullTcpHeader& h)
{
    const FullTcpFastOpenClient& c = m_tcb.fastOpenClient;
    if (!c.requested)
    {
        return false; // tcp_rcv_fastopen_synack(): "Ignore an unsolicited cookie"
    }
    // tcp_fastopen_cache_set(): the server's MSS and a valid cookie it sent (a bad length
    // counts as none, tcp_parse_fastopen_option()); only the SYN that carried the option
    // learns the cookie.
    FullTcpFastOpenLearned learned;
    learned.mss = h.GetOptions().GetMss().value_or(0);
    const std::optional<FullTcpFastOpenOption>& fo = h.GetOptions().GetFastOpen();
    if (c.option && fo && FullTcpFastOpenCookieValid(fo->cookie))
    {
        learned.cookie = fo;
    }
    else if (c.option && !m_tcb.synRetransmitted && c.synDataEnd <= 1)
    {
        // "We requested a cookie but didn't get it. If we did not use the (old) exp opt format
        // then try so next time (try_exp=1). Otherwise we go back to use the RFC7413 opt
        // (try_exp=2)."
        learned.tryExp = c.option->experimental ? 2 : 1;
    }
    m_out.FastOpenLearned(learned);
    // RFC 7413 §4.2.1: data the SYN-ACK does not acknowledge is sent again (Linux marks it
    // lost and retransmits it at once, in place of the ACK of the SYN-ACK).
    m_tcb.synDataAcked = c.synDataEnd > 1 && m_tcb.sndUna >= c.synDataEnd;
    return c.synDataEnd > 1 && m_tcb.sndUna < c.synDataEnd;
}

FullTcpIcmpResult
FullTcpConnection::SynPathMtuDropped(uint32_t pmtu)
{
    // tcp_v4_mtu_reduced(): tcp_sync_mss() to the new path MTU; tcp_advertise_mss() then
    // offers no more than the route carries (the MSS of our SYN, later our advmss).
    const uint32_t headers = m_config.ipHeaderSize + 20;
    const uint32_t mss =
        std::max<uint32_t>(pmtu > headers ? pmtu - headers : 0, m_config.minSndMss);
    if (mss >= m_config.mss)
    {
        return FullTcpIcmpResult::MSS_UNCHANGED;
    }
    m_config.mss = static_cast<uint16_t>(mss);
    // tcp_simple_retransmit(): "Us being here is an indication of a path MTU issue so we can
    // assume that the fastopen SYN was lost": the SYN goes again now, without data and option
    // (FastOpenSynPart()), the data waits for the handshake. A SYN without data is not
    // resent (its length fits any MSS).
    if (m_tcb.fastOpenClient.synDataEnd > 1 && !m_tcb.synRetransmitted)
    {
        RetransmitEarliest();
    }
    return FullTcpIcmpResult::MSS_LOWERED;
}

} // namespace ns3
