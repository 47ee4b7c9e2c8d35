/*
 * Engine: Table 6 acceptability, PAWS R1, TS.Recent R3, RFC 5961 §7 limit, TSval clock
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-segment-checks.h"

#include <algorithm>

namespace ns3
{

namespace
{
using H = FullTcpHeader;
} // namespace

bool
FullTcpSegmentAcceptable(int64_t seq, int64_t segLen, int64_t rcvNxt, int64_t rcvWnd)
{
    const auto inWindow = [rcvNxt, rcvWnd](int64_t s)
    {
        return rcvNxt <= s && s < rcvNxt + rcvWnd;
    };
    if (segLen == 0)
    {
        return rcvWnd == 0 ? seq == rcvNxt : inWindow(seq);
    }
    return rcvWnd > 0 && (inWindow(seq) || inWindow(seq + segLen - 1));
}

bool
FullTcpPawsRejects(const FullTcpHeader& h, bool tsOk, uint32_t tsRecent, bool tsRecentValid)
{
    if (!tsOk || h.HasFlags(H::RST) || !tsRecentValid)
    {
        return false;
    }
    const auto ts = h.GetOptions().GetTimestamp();
    return ts && static_cast<int32_t>(ts->value - tsRecent) < 0;
}

std::optional<uint32_t>
FullTcpTsRecentUpdate(const FullTcpHeader& h,
                      int64_t seq,
                      int64_t lastAckSent,
                      bool tsOk,
                      uint32_t tsRecent,
                      bool tsRecentValid)
{
    const auto ts = h.GetOptions().GetTimestamp();
    if (!tsOk || !ts || seq > lastAckSent)
    {
        return std::nullopt;
    }
    if (static_cast<int32_t>(ts->value - tsRecent) >= 0 || !tsRecentValid)
    {
        return ts->value;
    }
    return std::nullopt;
}

FullTcpUnacceptableAnswer
FullTcpAnswerUnacceptable(
    const FullTcpHeader& h, int64_t seq, uint32_t len, int64_t rcvNxt, bool dsack)
{
    FullTcpUnacceptableAnswer answer;
    if (h.HasFlags(H::RST))
    {
        return answer;
    }
    if (len > 0 && seq < rcvNxt && dsack)
    {
        // RFC 2883 §4: tell the peer it sent these bytes twice.
        answer.dsack = FullTcpRange {seq, std::min<int64_t>(seq + len, rcvNxt)};
    }
    const bool retransmission = (len > 0 || h.HasFlags(H::FIN)) && !h.HasFlags(H::SYN);
    answer.reply = retransmission ? FullTcpReply::ACK : FullTcpReply::CHALLENGE_ACK;
    return answer;
}

bool
FullTcpChallengeAckAllowed(std::optional<Time>& last, Time interval, Time now)
{
    if (interval.IsStrictlyPositive() && last && now - *last < interval)
    {
        return false;
    }
    last = now;
    return true;
}

uint32_t
FullTcpTsVal(Time now, uint32_t offset)
{
    return static_cast<uint32_t>(now.GetMilliSeconds()) + offset;
}

bool
FullTcpHasMd5Option(const FullTcpHeader& h)
{
    const auto& unknown = h.GetOptions().GetUnknownOptions();
    return std::any_of(unknown.begin(),
                       unknown.end(),
                       [](const FullTcpUnknownOption& o)
                       {
                           return o.kind == 19; // TCPOPT_MD5SIG
                       });
}

} // namespace ns3
