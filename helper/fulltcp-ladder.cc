/*
 * Helper: ladder rows in time order, tutorial-style segment labels, plain-text ladder renderer
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The rows every ladder shows, the segment labels, and the plain-text ladder.
 */
#include "fulltcp-ladder.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpLadder");

uint32_t
FullTcpLadderShownSegments(const FullTcpConnectionRecord& r, uint32_t maxSegments)
{
    const auto count = static_cast<uint32_t>(r.GetSegments().size());
    return maxSegments == 0 ? count : std::min(maxSegments, count);
}

std::string
FullTcpLadderTime(Time t)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6f", t.GetSeconds());
    return buf;
}

std::vector<FullTcpLadderRow>
FullTcpLadderRows(const FullTcpConnectionRecord& r, uint32_t maxSegments)
{
    std::vector<FullTcpLadderRow> rows;
    const auto& states = r.GetStateChanges();
    for (uint32_t i = 0; i < states.size(); ++i)
    {
        rows.push_back({FullTcpLadderRow::STATE, states[i].time, states[i].order, i});
    }
    const auto& segs = r.GetSegments();
    const uint32_t shown = FullTcpLadderShownSegments(r, maxSegments);
    for (uint32_t i = 0; i < shown; ++i)
    {
        if (segs[i].sent)
        {
            rows.push_back({FullTcpLadderRow::SENT, *segs[i].sent, segs[i].sentOrder, i});
        }
        if (segs[i].arrived)
        {
            rows.push_back({FullTcpLadderRow::ARRIVED, *segs[i].arrived, segs[i].arrivedOrder, i});
        }
    }
    if (shown < segs.size())
    {
        const auto& first = segs[shown];
        const bool sent = first.sent.has_value();
        rows.push_back({FullTcpLadderRow::OMITTED,
                        sent ? *first.sent : *first.arrived,
                        sent ? first.sentOrder : first.arrivedOrder,
                        static_cast<uint32_t>(segs.size() - shown)});
    }
    std::stable_sort(rows.begin(),
                     rows.end(),
                     [](const auto& a, const auto& b)
                     {
                         return a.time != b.time ? a.time < b.time : a.order < b.order;
                     });
    return rows;
}

std::string
FullTcpFlagNames(uint8_t flags)
{
    // The tutorials' order: the control flag first, ACK last ("SYN+ACK", "FIN+ACK").
    static const std::pair<uint8_t, const char*> names[] = {
        {FullTcpHeader::SYN, "SYN"},
        {FullTcpHeader::FIN, "FIN"},
        {FullTcpHeader::RST, "RST"},
        {FullTcpHeader::PSH, "PSH"},
        {FullTcpHeader::URG, "URG"},
        {FullTcpHeader::ECE, "ECE"},
        {FullTcpHeader::CWR, "CWR"},
        {FullTcpHeader::ACK, "ACK"},
    };
    std::string out;
    for (const auto& [bit, name] : names)
    {
        if (flags & bit)
        {
            out += (out.empty() ? "" : "+");
            out += name;
        }
    }
    return out.empty() ? "none" : out;
}

std::string
FullTcpSegmentLabel(const FullTcpConnectionRecord& r, const FullTcpSegmentEvent& s, bool relative)
{
    std::ostringstream os;
    os << FullTcpFlagNames(s.flags) << " seq=" << r.ShowSeq(s.from, s.seq, relative);
    if (s.flags & FullTcpHeader::ACK)
    {
        os << " ack=" << r.ShowSeq(1 - s.from, s.ack, relative);
    }
    os << " len=" << s.length << " win=" << r.ScaledWindow(s);
    return os.str();
}

std::string
FullTcpOptionsLabel(const FullTcpConnectionRecord& r, const FullTcpSegmentEvent& s, bool relative)
{
    const FullTcpOptions& o = s.options;
    std::ostringstream os;
    if (auto mss = o.GetMss())
    {
        os << " mss " << *mss;
    }
    if (auto ws = o.GetWindowScale())
    {
        os << " wscale " << unsigned(*ws);
    }
    if (o.GetSackPermitted())
    {
        os << " sackOK";
    }
    if (auto ts = o.GetTimestamp())
    {
        os << " TS " << ts->value << "/" << ts->echo;
    }
    // SACK blocks acknowledge the other side's bytes (RFC 2018 §3).
    for (const auto& b : o.GetSackBlocks())
    {
        os << " SACK " << r.ShowSeq(1 - s.from, b.left, relative) << "-"
           << r.ShowSeq(1 - s.from, b.right, relative);
    }
    const std::string body = os.str();
    return body.empty() ? "" : "<" + body.substr(1) + ">";
}

namespace
{

constexpr std::size_t TIME_WIDTH = 12;  //!< "1000.000000 "
constexpr std::size_t STATE_WIDTH = 11; //!< "ESTABLISHED"
constexpr std::size_t MIN_MIDDLE = 40;  //!< narrowest arrow column

/// \return s padded with spaces to width (left-aligned, or right-aligned)
std::string
Pad(const std::string& s, std::size_t width, bool right = false)
{
    if (s.size() >= width)
    {
        return s;
    }
    const std::string fill(width - s.size(), ' ');
    return right ? fill + s : s + fill;
}

/// The text of an arrow: label and options.
std::string
ArrowText(const FullTcpConnectionRecord& r, const FullTcpSegmentEvent& s, bool relative)
{
    const std::string opts = FullTcpOptionsLabel(r, s, relative);
    return FullTcpSegmentLabel(r, s, relative) + (opts.empty() ? "" : " " + opts);
}

/// The arrow column of a segment row, exactly \p width characters wide.
std::string
Arrow(const std::string& text, uint8_t from, bool lost, std::size_t width)
{
    // Normal: "-- text ------>" / "<------ text --"; lost ones stop short: "-- text --X".
    const std::size_t used = text.size() + 6;
    const std::string dashes(width > used ? width - used : 0, '-');
    if (from == 0)
    {
        return lost ? Pad("-- " + text + " --X", width) : "-- " + text + " " + dashes + "->";
    }
    return lost ? Pad("X-- " + text + " --", width, true) : "<-" + dashes + " " + text + " --";
}

/// One line of the ladder, trailing spaces removed.
std::string
Line(const std::string& time,
     const std::string& left,
     const std::string& middle,
     const std::string& right,
     const std::string& note,
     std::size_t middleWidth)
{
    std::string line = Pad(time, TIME_WIDTH) + Pad(left, STATE_WIDTH, true) + " |"
                     + Pad(middle, middleWidth) + "| " + Pad(right, STATE_WIDTH) + "  " + note;
    line.erase(line.find_last_not_of(' ') + 1);
    return line + "\n";
}

} // namespace

std::string
FullTcpTextLadder(const FullTcpConnectionRecord& r, const FullTcpLadderOptions& options)
{
    const auto rows = FullTcpLadderRows(r, options.maxSegments);
    const auto& segs = r.GetSegments();
    const auto& states = r.GetStateChanges();

    std::size_t middle = MIN_MIDDLE;
    for (const auto& row : rows)
    {
        if (row.kind == FullTcpLadderRow::SENT || row.kind == FullTcpLadderRow::ARRIVED)
        {
            middle = std::max(middle, ArrowText(r, segs[row.index], options.relative).size() + 8);
        }
    }

    std::ostringstream os;
    for (uint8_t side = 0; side < 2; ++side)
    {
        auto node = r.GetNode(side);
        os << (side == 0 ? "client " : "server ") << r.GetEndpoint(side)
           << (node ? " (node " + std::to_string(*node) + ")" : "") << "\n";
    }
    os << "sequence numbers: "
       << (options.relative ? "relative (each side's ISN = 0)" : "absolute (wire values)") << "\n";
    const uint32_t shown = FullTcpLadderShownSegments(r, options.maxSegments);
    if (shown < segs.size())
    {
        os << "showing the first " << shown << " of " << segs.size() << " segments\n";
    }
    os << Line("time (s)", "client", "", "server", "arrives (s)", middle);

    // Each line starts in the state its first change leaves (LISTEN for a forked server).
    std::string initial[2];
    for (uint8_t side = 0; side < 2; ++side)
    {
        if (auto state = r.GetInitialState(side))
        {
            initial[side] = FullTcpStateName(*state);
        }
    }
    os << Line("", initial[0], "", initial[1], "", middle);

    for (const auto& row : rows)
    {
        const std::string time = FullTcpLadderTime(row.time);
        switch (row.kind)
        {
        case FullTcpLadderRow::STATE:
        {
            const auto& e = states[row.index];
            const std::string cause = std::string("(") + FullTcpStateCauseName(e.cause) + ")";
            const std::string state = FullTcpStateName(e.to);
            os << (e.side == 0 ? Line(time, state, " " + cause, "", "", middle)
                               : Line(time, "", Pad(cause + " ", middle, true), state, "", middle));
            break;
        }
        case FullTcpLadderRow::SENT:
        case FullTcpLadderRow::ARRIVED:
        {
            const auto& s = segs[row.index];
            if (row.kind == FullTcpLadderRow::ARRIVED && s.sent)
            {
                break; // drawn at its send row, with its arrival time beside it
            }
            std::string note = s.arrived ? FullTcpLadderTime(*s.arrived) : "lost";
            if (!s.sent)
            {
                note += " (send not traced)";
            }
            if (s.retransmission)
            {
                note += " retransmission";
            }
            const std::string arrow =
                Arrow(ArrowText(r, s, options.relative), s.from, s.IsLost(), middle);
            os << Line(time, "", arrow, "", note, middle);
            break;
        }
        case FullTcpLadderRow::OMITTED:
        {
            const std::string text =
                "... " + std::to_string(row.index) + " more segments not shown ...";
            const std::size_t left = middle > text.size() ? (middle - text.size()) / 2 : 0;
            os << Line(time, "", std::string(left, ' ') + text, "", "", middle);
            break;
        }
        }
    }
    return os.str();
}

} // namespace ns3
