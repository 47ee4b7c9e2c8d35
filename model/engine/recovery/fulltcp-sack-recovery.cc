/*
 * Engine: SACK-based loss recovery (RFC 6675: IsLost, pipe, NextSeg, rescue retransmission)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-sack-recovery.h"

#include "ns3/fulltcp-tcb.h"

#include <algorithm>

namespace ns3
{

namespace
{
using Kind = FullTcpSackScoreboard::SegmentKind;
} // namespace

FULLTCP_REGISTER_LOSS_RECOVERY(FullTcpSackRecovery, FullTcpSackRecovery::NAME);

std::string
FullTcpSackRecovery::GetName() const
{
    return NAME;
}

bool
FullTcpSackRecovery::IsDuplicateAck(const FullTcpAckInfo& ack, const FullTcpRecoverySender&) const
{
    // RFC 6675 §2: "DupAck: A segment that arrives carrying a SACK block that identifies
    // previously unacknowledged and un-SACKed octets".
    return ack.newlySacked > 0;
}

bool
FullTcpSackRecovery::LossDetected(const FullTcpRecoverySender& s) const
{
    // RFC 6675 §5 steps (1)-(2): DupThresh duplicate ACKs, or the first unacknowledged byte
    // deemed lost by IsLost(HighACK + 1).
    const FullTcpTcb& t = s.Tcb();
    return FullTcpDupAckRecovery::LossDetected(s)
        || t.scoreboard.IsLost(t.sndUna, s.DupThresh(), t.sndMss);
}

void
FullTcpSackRecovery::StartRecovery(FullTcpRecoverySender& s)
{
    // (4.2): cwnd = ssthresh, the pipe estimate counts the segments that left; (4.3): the
    // retransmission of the first unacknowledged segment makes HighRxt. A new recovery may
    // rescue again (rule 4).
    m_highRxt = s.EnterRecovery(0);
    m_rescueRxt.reset();
}

uint64_t
FullTcpSackRecovery::LossIndicator(const FullTcpRecoverySender& s) const
{
    // "Lost" is monotonic in RFC 6675 §4 IsLost(): a SACK that raises the boundary below
    // which the unSACKed bytes are lost indicates a further loss (RFC 9937 §6.2 safeACK).
    const FullTcpTcb& t = s.Tcb();
    return static_cast<uint64_t>(
        std::max<int64_t>(t.scoreboard.LostBelow(s.DupThresh(), t.sndMss), 0));
}

uint32_t
FullTcpSackRecovery::Pipe(const FullTcpRecoverySender& s) const
{
    const FullTcpTcb& t = s.Tcb();
    return static_cast<uint32_t>(
        t.scoreboard.Pipe(t.sndUna, t.sndNxt, m_highRxt, s.DupThresh(), t.sndMss));
}

bool
FullTcpSackRecovery::DoRecovery(FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    if (!t.inRecovery)
    {
        return false;
    }
    // RFC 6675 §5 step (C): "If cwnd - pipe >= 1 SMSS, the sender SHOULD transmit one or
    // more segments": NextSeg() picks each, and pipe is recomputed after it (C.4).
    const uint32_t smss = t.sndMss;
    while (Pipe(s) + smss <= t.cc.cwnd)
    {
        const auto newEnd = s.NextNewSegmentEnd(t.sndUna + t.sndWnd);
        const auto seg = t.scoreboard.NextSeg(
            {t.sndUna, t.sndNxt, m_highRxt, m_rescueRxt, newEnd.has_value(), s.DupThresh(), smss});
        if (!seg)
        {
            break;
        }
        switch (seg->kind)
        {
        case Kind::NEW_DATA:
            s.SendNewSegment(*newEnd);
            break;
        case Kind::LOST:
        case Kind::UNSACKED:
            // (C.3): HighRxt is the highest sequence number retransmitted.
            m_highRxt = std::max(m_highRxt, s.RetransmitFrom(seg->range.start, seg->range.end));
            break;
        case Kind::RESCUE:
            // Rule 4: once per recovery; "HighRxt MUST NOT be updated".
            s.RetransmitFrom(seg->range.start, seg->range.end);
            m_rescueRxt = t.recover;
            break;
        }
    }
    return true;
}

uint32_t
FullTcpSackRecovery::BytesInFlight(const FullTcpRecoverySender& s) const
{
    // During recovery the pipe of RFC 6675 §4 that clocks the sending; outside it the bytes
    // sent less those the peer SACKed (they have left the network).
    const FullTcpTcb& t = s.Tcb();
    if (t.inRecovery)
    {
        return Pipe(s);
    }
    return t.FlightSize() - static_cast<uint32_t>(t.scoreboard.SackedBytes());
}

} // namespace ns3
