/*
 * Helper: SVG ladder diagram: sloped arrow per segment, lost ones crossed, states by the lines
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SVG ladder diagram (the tutorials' handshake and teardown pictures, Wireshark's flow
 * graph): two time lines, one sloped arrow per segment, states beside the lines.
 */
#include "fulltcp-ladder.h"
#include "fulltcp-svg.h"

#include <cmath>
#include <map>

namespace ns3
{

namespace
{

// Geometry, in SVG user units (pixels at 100 %).
constexpr double WIDTH = 1000;
constexpr double AXIS_X = 72;            //!< time axis
constexpr double LINE_X[2] = {270, 810}; //!< client and server time lines
constexpr double BOX_TOP = 58;           //!< endpoint boxes
constexpr double BOX_H = 28;
constexpr double INITIAL_Y = 112; //!< initial states
constexpr double FIRST_ROW_Y = 140;
constexpr double ROW_H = 32;
constexpr double LOST_REACH = 0.6; //!< how far across a lost segment gets (fraction)
constexpr double LOST_DROP = 0.5;  //!< and how far down (rows): it stays off the next row
constexpr double PI = 3.14159265358979323846;

const char* const CSS =
    "text{font-family:DejaVu Sans Mono,Menlo,Consolas,monospace;font-size:11px}"
    ".title{font-size:14px;font-weight:bold}.sub{fill:#555}"
    ".endpoint{fill:#eef3fb;stroke:#1f4e9c}.epname{font-weight:bold}"
    ".timeline{stroke:#333;stroke-width:2}.axis{stroke:#999}"
    ".tick{fill:#555;font-size:10px}"
    ".state{font-weight:bold;fill:#b71c1c;font-size:12px}"
    ".cause{fill:#777;font-size:9px}.opts{fill:#666;font-size:9px}"
    ".omitted{fill:#555;font-style:italic}"
    "line.seg,polyline.seg{stroke:#1f4e9c;stroke-width:1.5;fill:none}"
    ".syn line,.syn polyline{stroke:#2e7d32}.fin line,.fin polyline{stroke:#6a1b9a}"
    ".rst line,.rst polyline{stroke:#c62828}.pureack line,.pureack polyline{stroke:#555}"
    ".rtx line.seg{stroke-dasharray:6 3}"
    ".syn text.lbl{fill:#2e7d32}.fin text.lbl{fill:#6a1b9a}.rst text.lbl{fill:#c62828}"
    ".data text.lbl{fill:#1f4e9c}line.cross{stroke:#c62828;stroke-width:2.5}";

/// \return the CSS classes of a segment's group: kind, and lost / retransmission
std::string
SegmentClasses(const FullTcpSegmentEvent& s)
{
    std::string kind = "pureack";
    if (s.flags & FullTcpHeader::RST)
    {
        kind = "rst";
    }
    else if (s.flags & FullTcpHeader::SYN)
    {
        kind = "syn";
    }
    else if (s.flags & FullTcpHeader::FIN)
    {
        kind = "fin";
    }
    else if (s.length > 0)
    {
        kind = "data";
    }
    return "segment " + kind + (s.IsLost() ? " lost" : "") + (s.retransmission ? " rtx" : "");
}

/// An arrow head at \p tip, pointing along the direction from \p from.
void
ArrowHead(FullTcpSvg& svg, FullTcpSvg::Point from, FullTcpSvg::Point tip)
{
    const double a = std::atan2(tip.second - from.second, tip.first - from.first);
    const double len = 9;
    const double spread = 25 * PI / 180;
    svg.Polyline(
        {{tip.first - len * std::cos(a - spread), tip.second - len * std::sin(a - spread)},
         tip,
         {tip.first - len * std::cos(a + spread), tip.second - len * std::sin(a + spread)}},
        "seg");
}

/// Label above and options below the middle of a segment's line, along its slope.
void
ArrowLabels(FullTcpSvg& svg,
            FullTcpSvg::Point a,
            FullTcpSvg::Point b,
            const std::string& label,
            const std::string& opts)
{
    // atan, not atan2: text along a right-to-left arrow must still read left to right.
    const double deg = std::atan((b.second - a.second) / (b.first - a.first)) * 180 / PI;
    const FullTcpSvg::Point mid {(a.first + b.first) / 2, (a.second + b.second) / 2};
    svg.Text({mid.first, mid.second - 4}, label, "lbl", "middle", deg);
    if (!opts.empty())
    {
        svg.Text({mid.first, mid.second + 11}, opts, "opts", "middle", deg);
    }
}

/// A state beside its side's line, with the cause under it.
void
StateLabel(
    FullTcpSvg& svg, uint8_t side, double y, const std::string& state, const std::string& cause)
{
    const double x = side == 0 ? LINE_X[0] - 10 : LINE_X[1] + 10;
    const char* anchor = side == 0 ? "end" : "start";
    svg.Text({x, y + 4}, state, "state", anchor);
    if (!cause.empty())
    {
        svg.Text({x, y + 14}, cause, "cause", anchor);
    }
}

} // namespace

void
FullTcpSvgLadder(std::ostream& os,
                 const FullTcpConnectionRecord& r,
                 const FullTcpLadderOptions& options)
{
    const auto rows = FullTcpLadderRows(r, options.maxSegments);
    const auto& segs = r.GetSegments();
    const auto& states = r.GetStateChanges();

    std::map<uint32_t, double> arrivalY; // segment index -> y of its arrival row
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        if (rows[i].kind == FullTcpLadderRow::ARRIVED)
        {
            arrivalY[rows[i].index] = FIRST_ROW_Y + i * ROW_H;
        }
    }
    const double bottom = FIRST_ROW_Y + rows.size() * ROW_H + 10;
    const std::string title = "TCP connection " + r.GetEndpoint(0) + " <-> " + r.GetEndpoint(1);
    FullTcpSvg svg(os, WIDTH, bottom + 10, title, CSS);

    // Heading: which connection, how numbers are shown, what was left out.
    svg.Text({WIDTH / 2, 22}, title, "title", "middle");
    std::string sub = options.relative ? "sequence numbers relative (each side's ISN = 0)"
                                       : "sequence numbers absolute (wire values)";
    sub += "; one row per event, times at the left (not to scale)";
    const uint32_t shown = FullTcpLadderShownSegments(r, options.maxSegments);
    if (shown < segs.size())
    {
        sub += "; first " + std::to_string(shown) + " of " + std::to_string(segs.size())
             + " segments drawn";
    }
    svg.Text({WIDTH / 2, 40}, sub, "sub", "middle");

    // Endpoints and their time lines.
    for (uint8_t side = 0; side < 2; ++side)
    {
        auto node = r.GetNode(side);
        std::string name = std::string(side == 0 ? "client " : "server ") + r.GetEndpoint(side);
        if (node)
        {
            name += " (node " + std::to_string(*node) + ")";
        }
        svg.Rect({LINE_X[side] - 130, BOX_TOP}, 260, BOX_H, "endpoint");
        svg.Text({LINE_X[side], BOX_TOP + 18}, name, "epname", "middle");
        svg.Line({LINE_X[side], BOX_TOP + BOX_H}, {LINE_X[side], bottom}, "timeline");
        if (auto state = r.GetInitialState(side))
        {
            StateLabel(svg, side, INITIAL_Y, FullTcpStateName(*state), "");
        }
    }
    svg.Line({AXIS_X, FIRST_ROW_Y - 12}, {AXIS_X, bottom}, "axis");
    svg.Text({AXIS_X, FIRST_ROW_Y - 18}, "time (s)", "tick", "end");

    std::string lastTime;
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        const auto& row = rows[i];
        const double y = FIRST_ROW_Y + i * ROW_H;
        const std::string time = FullTcpLadderTime(row.time);
        if (time != lastTime)
        {
            svg.Line({AXIS_X - 3, y}, {AXIS_X + 3, y}, "axis");
            svg.Text({AXIS_X - 6, y + 4}, time, "tick", "end");
            lastTime = time;
        }
        switch (row.kind)
        {
        case FullTcpLadderRow::STATE:
        {
            const auto& e = states[row.index];
            svg.BeginGroup("statechange", time + " s");
            StateLabel(svg, e.side, y, FullTcpStateName(e.to), FullTcpStateCauseName(e.cause));
            svg.EndGroup();
            break;
        }
        case FullTcpLadderRow::SENT:
        case FullTcpLadderRow::ARRIVED:
        {
            const auto& s = segs[row.index];
            if (row.kind == FullTcpLadderRow::ARRIVED && s.sent)
            {
                break; // the arrow drawn from the send row ends here
            }
            const double x0 = LINE_X[s.from];
            const double x1 = LINE_X[1 - s.from];
            FullTcpSvg::Point a {x0, y};
            FullTcpSvg::Point b {x1, s.sent && s.arrived ? arrivalY[row.index] : y};
            if (s.IsLost())
            {
                b = {x0 + LOST_REACH * (x1 - x0), y + LOST_DROP * ROW_H};
            }
            const std::string label = FullTcpSegmentLabel(r, s, options.relative);
            std::string tip = label + "; sent "
                            + (s.sent ? FullTcpLadderTime(*s.sent) : "(not traced)") + ", "
                            + (s.arrived ? "arrived " + FullTcpLadderTime(*s.arrived) : "lost");
            svg.BeginGroup(SegmentClasses(s), tip);
            svg.Line(a, b, "seg");
            if (s.IsLost())
            {
                svg.Line({b.first - 6, b.second - 6}, {b.first + 6, b.second + 6}, "cross");
                svg.Line({b.first - 6, b.second + 6}, {b.first + 6, b.second - 6}, "cross");
            }
            else
            {
                ArrowHead(svg, a, b);
            }
            ArrowLabels(svg,
                        a,
                        b,
                        label + (s.retransmission ? " (retransmission)" : ""),
                        FullTcpOptionsLabel(r, s, options.relative));
            svg.EndGroup();
            break;
        }
        case FullTcpLadderRow::OMITTED:
            svg.Text({(LINE_X[0] + LINE_X[1]) / 2, y + 4},
                     "... " + std::to_string(row.index) + " more segments not drawn (cap "
                         + std::to_string(options.maxSegments) + ") ...",
                     "omitted",
                     "middle");
            break;
        }
    }
}

} // namespace ns3
