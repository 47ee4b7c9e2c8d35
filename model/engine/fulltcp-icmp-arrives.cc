/*
 * Engine: ICMP errors about a connection (RFC 5927 §4.1 acceptance, RFC 1122 §4.2.3.9 soft
 * and hard errors, RFC 1191 / RFC 8201 path MTU)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/fulltcp-connection.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpIcmpArrives");

namespace
{
using S = FullTcpState;
using K = FullTcpIcmpKind;
using R = FullTcpIcmpResult;
} // namespace

FullTcpIcmpResult
FullTcpConnection::IcmpArrives(const FullTcpIcmpError& error, Time now)
{
    InputScope input(*this, now);
    // RFC 5927 §4.1: "TCP SHOULD check that the TCP sequence number contained in the payload
    // of the ICMP error message is within the range SND.UNA =< SEG.SEQ < SND.NXT"; anything
    // else is forged or about a segment already acknowledged. CLOSED and LISTEN have
    // nothing in flight.
    const int64_t seq = m_tcb.snd.FromWire(error.quotedSeq, m_tcb.sndUna);
    if (m_tcb.state == S::CLOSED || m_tcb.state == S::LISTEN || seq < m_tcb.sndUna
        || seq >= m_tcb.sndNxt)
    {
        NS_LOG_LOGIC("ICMP " << error.kind << " quoting " << seq << " ignored: not in flight");
        return R::NOT_IN_FLIGHT;
    }
    if (m_tcb.state == S::SYN_RCVD && m_tcb.passive && m_config.linuxIcmpOpen
        && error.kind != K::PACKET_TOO_BIG && (m_tcb.fastOpenChild || error.requestFatal))
    {
        // Linux tcp_v4_err(): a connection request goes silently (tcp_req_err(), the
        // listener then answers the client's ACK with a RST); a Fast Open child, which the
        // application may hold already, ends with the error: its data stays readable, then
        // the error, then EPIPE (tcp_done_with_error()).
        m_tcb.softError = error.kind;
        SetState(S::CLOSED, FullTcpStateCause::RCV_ICMP_UNREACHABLE);
        return R::CONNECT_FAILED;
    }
    switch (error.kind)
    {
    case K::PACKET_TOO_BIG:
        return PathMtuDropped(error.mtu);
    case K::HARD:
        if (m_tcb.state == S::SYN_SENT)
        {
            // Port or protocol unreachable answering our SYN: no TCP will ever answer it, so
            // the open fails now rather than after the SYN retries (Linux tcp_v4_err()
            // reports ECONNREFUSED in SYN_SENT).
            SetState(S::CLOSED, FullTcpStateCause::RCV_ICMP_UNREACHABLE);
            return R::CONNECT_FAILED;
        }
        // Once synchronized a hard error is treated as a soft one (RFC 5461 §4, as Linux
        // without IP_RECVERR).
        [[fallthrough]];
    case K::SOFT:
        // RFC 1122 §4.2.3.9: "TCP MUST NOT abort the connection"; the error is remembered
        // and explains a later timeout (Linux sk_err_soft).
        m_tcb.softError = error.kind;
        return R::SOFT_ERROR;
    }
    return R::NOT_IN_FLIGHT;
}

FullTcpIcmpResult
FullTcpConnection::PathMtuDropped(uint32_t mtu)
{
    // RFC 1191 §3 / RFC 8201 §4: a packet-too-big only ever lowers the estimate, and never
    // below the smallest MTU a path may have (FullTcpConfig::minPathMtu). What TCP may send
    // is the MTU less the IP and TCP headers (RFC 1122 §3.4 MMS_S), at least MinSndMss, less
    // the options every segment carries (RFC 9293 §3.7.1; timestamps: 12 bytes), in Linux's
    // order (__tcp_mtu_to_mss() applies the floor, tcp_mtu_to_mss() takes off the options).
    const uint32_t pmtu = std::max(mtu, m_config.minPathMtu);
    if (m_tcb.state == S::SYN_SENT && m_config.linuxIcmpOpen)
    {
        return SynPathMtuDropped(pmtu); // fulltcp-fast-open-client.cc
    }
    const uint32_t headers = m_config.ipHeaderSize + 20;
    const uint32_t optionBytes = m_tcb.tsOk ? 12 : 0;
    const uint32_t floored =
        std::max<uint32_t>(pmtu > headers ? pmtu - headers : 0, m_config.minSndMss);
    const auto mss = static_cast<uint16_t>(
        std::min<uint32_t>(floored > optionBytes ? floored - optionBytes : 1, 0xffff));
    if (mss >= m_tcb.sndMss) // also in SYN_SENT, where SND.MSS (0) awaits the peer's SYN
    {
        return R::MSS_UNCHANGED;
    }
    NS_LOG_LOGIC("path MTU " << pmtu << ": SND.MSS " << m_tcb.sndMss << " -> " << mss);
    m_tcb.sndMss = mss;
    // Linux tcp_simple_retransmit(): what was sent larger than the new MSS is lost and goes
    // again now, with cwnd untouched ("we do not increase amount of data in network, but
    // units changed"). FullTcp keeps no segment boundaries, so everything in flight goes
    // again from SND.UNA in segments of the new size (the go-back-N of Output()).
    if (m_tcb.SynAcked() && m_tcb.sndNxt > m_tcb.sndUna)
    {
        m_tcb.rtxNxt = m_tcb.sndUna;
        Output();
    }
    return R::MSS_LOWERED;
}

} // namespace ns3
