/*
 * Engine: scoreboard interval arithmetic, LostBelow() boundary, Pipe(), NextSeg() rules 1-4
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-sack-scoreboard.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSackScoreboard");

int64_t
FullTcpSackScoreboard::Add(FullTcpRange block)
{
    if (block.Length() == 0)
    {
        return 0;
    }
    const int64_t before = SackedBytes();
    m_sacked += FullTcpInterval(block.start, block.end);
    return SackedBytes() - before;
}

void
FullTcpSackScoreboard::AckedUpTo(int64_t una)
{
    if (!m_sacked.empty())
    {
        m_sacked -= FullTcpInterval(boost::icl::first(*m_sacked.begin()), una);
    }
}

void
FullTcpSackScoreboard::Clear()
{
    m_sacked.clear();
}

bool
FullTcpSackScoreboard::Empty() const
{
    return m_sacked.empty();
}

int64_t
FullTcpSackScoreboard::SackedBytes() const
{
    return boost::icl::length(m_sacked);
}

int64_t
FullTcpSackScoreboard::SackedIn(FullTcpRange range) const
{
    // A walk over the SACKed ranges, not an ICL intersection: no allocation, since the
    // congestion context asks for the pipe with every segment sent during recovery.
    int64_t sacked = 0;
    for (const auto& i : m_sacked)
    {
        const FullTcpRange r = FullTcpRangeOf(i);
        if (r.start >= range.end)
        {
            break;
        }
        sacked +=
            FullTcpRange {std::max(r.start, range.start), std::min(r.end, range.end)}.Length();
    }
    return sacked;
}

int64_t
FullTcpSackScoreboard::UnsackedIn(FullTcpRange range) const
{
    return range.Length() - SackedIn(range);
}

bool
FullTcpSackScoreboard::IsSacked(int64_t offset) const
{
    return boost::icl::contains(m_sacked, offset);
}

std::optional<int64_t>
FullTcpSackScoreboard::HighestSackedEnd() const
{
    if (m_sacked.empty())
    {
        return std::nullopt;
    }
    return FullTcpRangeOf(*m_sacked.rbegin()).end;
}

int64_t
FullTcpSackScoreboard::LostBelow(uint32_t dupThresh, uint32_t smss) const
{
    // Walk down from the highest SACKed range: below the k-th range from the top lie k
    // discontiguous SACKed ranges and the bytes of all k.
    const int64_t byteLimit = static_cast<int64_t>(dupThresh > 0 ? dupThresh - 1 : 0) * smss;
    uint32_t ranges = 0;
    int64_t bytes = 0;
    for (auto it = m_sacked.rbegin(); it != m_sacked.rend(); ++it)
    {
        const FullTcpRange r = FullTcpRangeOf(*it);
        ++ranges;
        bytes += r.Length();
        if (ranges >= dupThresh || bytes > byteLimit)
        {
            return r.start;
        }
    }
    return std::numeric_limits<int64_t>::min();
}

bool
FullTcpSackScoreboard::IsLost(int64_t offset, uint32_t dupThresh, uint32_t smss) const
{
    return !IsSacked(offset) && offset < LostBelow(dupThresh, smss);
}

int64_t
FullTcpSackScoreboard::Pipe(
    int64_t highAck, int64_t highData, int64_t highRxt, uint32_t dupThresh, uint32_t smss) const
{
    if (highData <= highAck)
    {
        return 0;
    }
    // The unSACKed bytes in [HighACK, HighData) count once when not lost (RFC 6675 §4
    // SetPipe (a)) and once more when already retransmitted (b).
    const int64_t lostBelow = std::max(LostBelow(dupThresh, smss), highAck);
    return UnsackedIn(FullTcpRange {lostBelow, highData})
         + UnsackedIn(FullTcpRange {highAck, std::min(std::max(highAck, highRxt), highData)});
}

std::optional<FullTcpRange>
FullTcpSackScoreboard::NextHole(int64_t from, int64_t limit) const
{
    if (from >= limit)
    {
        return std::nullopt;
    }
    FullTcpRangeSet holes;
    holes += FullTcpInterval(from, limit);
    holes -= m_sacked;
    if (holes.empty())
    {
        return std::nullopt;
    }
    return FullTcpRangeOf(*holes.begin());
}

std::optional<FullTcpSackScoreboard::Segment>
FullTcpSackScoreboard::NextSeg(const SenderState& s) const
{
    const auto highestSacked = HighestSackedEnd();
    // Rules 1 and 3 consider unSACKed data above HighRxt and below the highest SACKed byte
    // (1.a, 1.b).
    const int64_t from = std::max(s.highRxt, s.highAck);
    const auto hole = highestSacked ? NextHole(from, *highestSacked) : std::nullopt;
    const auto upToSmss = [&s](FullTcpRange r)
    {
        r.end = std::min(r.end, r.start + static_cast<int64_t>(s.smss));
        return r;
    };
    // (1) ... and lost (1.c).
    if (hole && IsLost(hole->start, s.dupThresh, s.smss))
    {
        FullTcpRange r = *hole;
        r.end = std::min(r.end, LostBelow(s.dupThresh, s.smss));
        return Segment {SegmentKind::LOST, upToSmss(r)};
    }
    // (2) previously unsent data, if the receiver's window allows.
    if (s.newDataReady)
    {
        return Segment {SegmentKind::NEW_DATA, FullTcpRange {s.highData, s.highData}};
    }
    // (3) unSACKed, above HighRxt, not yet deemed lost.
    if (hole)
    {
        return Segment {SegmentKind::UNSACKED, upToSmss(*hole)};
    }
    // (4) one rescue retransmission per recovery, holding the highest unSACKed offset.
    if (!s.rescueRxt || s.highAck > *s.rescueRxt)
    {
        // Not a segment this recovery already retransmitted (below HighRxt): when the only
        // hole is the one rule 1 just filled, a rescue would send it twice at once.
        FullTcpRangeSet holes;
        holes += FullTcpInterval(std::max(s.highAck, s.highRxt), s.highData);
        holes -= m_sacked;
        if (!holes.empty())
        {
            FullTcpRange last = FullTcpRangeOf(*holes.rbegin());
            last.start = std::max(last.start, last.end - static_cast<int64_t>(s.smss));
            return Segment {SegmentKind::RESCUE, last};
        }
    }
    return std::nullopt;
}

} // namespace ns3
