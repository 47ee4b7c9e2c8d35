/*
 * Helper: time-sequence drawing: data bars, ACK and window lines, SACK bars, axes, legend
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-time-sequence.h"

#include "fulltcp-svg.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTimeSequence");

namespace
{

// Geometry, in SVG user units.
constexpr double WIDTH = 900;
constexpr double HEIGHT = 560;
constexpr double LEFT = 90; //!< room for the sequence-number labels
constexpr double RIGHT = 30;
constexpr double TOP = 56;    //!< room for the title
constexpr double BOTTOM = 56; //!< room for the time labels
constexpr double TICKS = 6;   //!< about how many ticks an axis gets

const char* const CSS = "text{font-family:DejaVu Sans,Arial,sans-serif;font-size:11px}"
                        ".title{font-size:14px;font-weight:bold}.sub{fill:#555}"
                        ".axis{stroke:#333}.grid{stroke:#e4e4e4}.ticklabel{fill:#333}"
                        ".data{stroke:#1f4e9c;stroke-width:2}.rtx{stroke:#d50000;stroke-width:2.5}"
                        ".rtxmark{fill:#d50000;font-weight:bold;font-size:10px}"
                        ".ackline{stroke:#2e7d32;stroke-width:1.5;fill:none}"
                        ".winline{stroke:#f9a825;stroke-width:1.5;fill:none}"
                        ".sack{stroke:#8e24aa;stroke-width:4;stroke-opacity:0.6}"
                        ".ctl{stroke:#555;stroke-width:2}.ctllabel{fill:#555;font-size:9px}"
                        ".legendbox{fill:white;stroke:#999}"
                        ".probe{stroke:#ef6c00;stroke-width:6;stroke-opacity:0.55}"
                        ".probemark{fill:#ef6c00;font-weight:bold;font-size:10px}"
                        ".lost{stroke:#212121;stroke-width:1.5}"
                        ".lostmark{fill:#212121;font-size:9px}"
                        ".undo{stroke:#00897b;stroke-width:1.5;stroke-dasharray:5,4}"
                        ".undomark{fill:#00897b;font-size:10px}";

/// A linear map of data values to SVG coordinates.
struct Scale
{
    double lo, hi;   //!< data range
    double from, to; //!< coordinate range

    double
    operator()(double v) const
    {
        return from + (v - lo) / (hi - lo) * (to - from);
    }
};

/// \return tick positions covering [lo, hi] at a 1-2-5 step, about TICKS of them
std::vector<double>
NiceTicks(double lo, double hi, double* step)
{
    const double raw = (hi - lo) / TICKS;
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    *step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
    {
        *step = m * mag;
        if (*step >= raw)
        {
            break;
        }
    }
    std::vector<double> ticks;
    for (double v = std::ceil(lo / *step) * *step; v <= hi + *step * 1e-9; v += *step)
    {
        ticks.push_back(v);
    }
    return ticks;
}

/// \return v with as many decimals as the tick step needs
std::string
TickLabel(double v, double step)
{
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step))));
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, std::abs(v) < step * 1e-9 ? 0.0 : v);
    return buf;
}

/// \return when the segment shows up for its sender (send time, or arrival if untraced)
double
SendSeconds(const FullTcpSegmentEvent& s)
{
    return (s.sent ? *s.sent : *s.arrived).GetSeconds();
}

/// A corner of the ACK and window lines: what the sender learnt from one peer segment.
struct AckPoint
{
    double t;      //!< arrival time at the sender (s)
    double ack;    //!< cumulative ACK, relative
    double window; //!< ack + scaled window, relative
};

} // namespace

bool
FullTcpSendsData(const FullTcpConnectionRecord& r, uint8_t sender)
{
    const auto& segs = r.GetSegments();
    return std::any_of(segs.begin(),
                       segs.end(),
                       [sender](const FullTcpSegmentEvent& s)
                       {
                           return s.from == sender && s.length > 0;
                       });
}

void
FullTcpSvgTimeSequence(std::ostream& os, const FullTcpConnectionRecord& r, uint8_t sender)
{
    const uint8_t peer = 1 - sender;
    std::vector<const FullTcpSegmentEvent*> mine;
    std::vector<AckPoint> acks;
    double t0 = INFINITY;
    double t1 = -INFINITY;
    double yMax = 1;
    for (const auto& s : r.GetSegments())
    {
        if (s.from == sender)
        {
            mine.push_back(&s);
            const double t = SendSeconds(s);
            t0 = std::min(t0, t);
            t1 = std::max(t1, t);
            yMax = std::max<double>(yMax, r.ShowSeq(sender, s.seq, true) + s.SequenceLength());
        }
        else if (s.arrived && (s.flags & FullTcpHeader::ACK))
        {
            // The sender acts on the peer's ACKs when they arrive, and on the highest one
            // (an old reordered ACK does not move SND.UNA back, RFC 9293 §3.10.7.4).
            double ack = r.ShowSeq(sender, s.ack, true);
            if (!acks.empty())
            {
                ack = std::max(ack, acks.back().ack);
            }
            const double t = s.arrived->GetSeconds();
            acks.push_back({t, ack, ack + r.ScaledWindow(s)});
            t0 = std::min(t0, t);
            t1 = std::max(t1, t);
            yMax = std::max(yMax, acks.back().window);
        }
    }
    std::vector<const FullTcpLossMark*> marks;
    for (const auto& m : r.GetLossMarks())
    {
        if (m.side == sender)
        {
            marks.push_back(&m);
            t0 = std::min(t0, m.time.GetSeconds());
            t1 = std::max(t1, m.time.GetSeconds());
        }
    }
    std::stable_sort(acks.begin(),
                     acks.end(),
                     [](const AckPoint& a, const AckPoint& b)
                     {
                         return a.t < b.t;
                     });
    if (!(t0 < t1))
    {
        t0 = std::isfinite(t0) ? t0 : 0;
        t1 = t0 + 0.001;
    }
    const double pad = (t1 - t0) * 0.03;
    const Scale x {t0 - pad, t1 + pad, LEFT, WIDTH - RIGHT};
    const Scale y {0, yMax * 1.05, HEIGHT - BOTTOM, TOP};

    const std::string title =
        "Time-sequence graph: " + r.GetEndpoint(sender) + " -> " + r.GetEndpoint(peer);
    FullTcpSvg svg(os, WIDTH, HEIGHT, title, CSS);
    svg.Text({WIDTH / 2, 22}, title, "title", "middle");
    svg.Text({WIDTH / 2, 40},
             std::string("data sent by the ") + (sender == 0 ? "client" : "server")
                 + "; sequence numbers relative to its ISN",
             "sub",
             "middle");

    // Axes, grid and tick labels.
    double step = 0;
    svg.BeginGroup("xaxis");
    for (double v : NiceTicks(x.lo, x.hi, &step))
    {
        svg.Line({x(v), TOP}, {x(v), HEIGHT - BOTTOM}, "grid");
        svg.Text({x(v), HEIGHT - BOTTOM + 16}, TickLabel(v, step), "ticklabel", "middle");
    }
    svg.Text({(LEFT + WIDTH - RIGHT) / 2, HEIGHT - 14}, "time (s)", "ticklabel", "middle");
    svg.EndGroup();
    svg.BeginGroup("yaxis");
    for (double v : NiceTicks(y.lo, y.hi, &step))
    {
        svg.Line({LEFT, y(v)}, {WIDTH - RIGHT, y(v)}, "grid");
        svg.Text({LEFT - 6, y(v) + 4}, TickLabel(v, step), "ticklabel", "end");
    }
    svg.Text({18, (TOP + HEIGHT - BOTTOM) / 2},
             "relative sequence number (bytes)",
             "ticklabel",
             "middle",
             -90);
    svg.EndGroup();
    svg.Line({LEFT, HEIGHT - BOTTOM}, {WIDTH - RIGHT, HEIGHT - BOTTOM}, "axis");
    svg.Line({LEFT, TOP}, {LEFT, HEIGHT - BOTTOM}, "axis");

    // The window line under the ACK line, both as steps carried to the right edge.
    if (!acks.empty())
    {
        std::vector<FullTcpSvg::Point> ackLine;
        std::vector<FullTcpSvg::Point> winLine;
        for (std::size_t i = 0; i < acks.size(); ++i)
        {
            if (i > 0)
            {
                ackLine.emplace_back(x(acks[i].t), y(acks[i - 1].ack));
                winLine.emplace_back(x(acks[i].t), y(acks[i - 1].window));
            }
            ackLine.emplace_back(x(acks[i].t), y(acks[i].ack));
            winLine.emplace_back(x(acks[i].t), y(acks[i].window));
        }
        ackLine.emplace_back(x(x.hi), y(acks.back().ack));
        winLine.emplace_back(x(x.hi), y(acks.back().window));
        svg.Polyline(winLine, "winline");
        svg.Polyline(ackLine, "ackline");
    }

    // SACK blocks the sender received (RFC 2018 §3): what arrived above the ACK.
    for (const auto& s : r.GetSegments())
    {
        if (s.from != peer || !s.arrived)
        {
            continue;
        }
        for (const auto& b : s.options.GetSackBlocks())
        {
            const double t = x(s.arrived->GetSeconds());
            svg.Line({t, y(r.ShowSeq(sender, b.left, true))},
                     {t, y(r.ShowSeq(sender, b.right, true))},
                     "sack");
        }
    }

    // The segments: data bars with end caps (tcptrace's "I"), SYN/FIN ticks.
    for (const auto* s : mine)
    {
        const double t = x(SendSeconds(*s));
        const double lo = r.ShowSeq(sender, s->seq, true);
        if (s->length > 0)
        {
            const std::string cls = s->retransmission ? "rtx" : "data";
            const double top = y(lo + s->length);
            svg.Line({t, y(lo)}, {t, top}, cls);
            svg.Line({t - 3, y(lo)}, {t + 3, y(lo)}, cls);
            svg.Line({t - 3, top}, {t + 3, top}, cls);
            if (s->retransmission)
            {
                svg.Text({t, top - 4}, "R", "rtxmark", "middle");
            }
        }
        for (auto [bit, name] : {std::pair<uint8_t, const char*> {FullTcpHeader::SYN, "SYN"},
                                 std::pair<uint8_t, const char*> {FullTcpHeader::FIN, "FIN"}})
        {
            if (s->flags & bit)
            {
                const double at = y(lo + (bit == FullTcpHeader::FIN ? s->length : 0));
                svg.Line({t - 5, at}, {t + 5, at}, s->retransmission ? "rtx" : "ctl");
                svg.Text({t + 7, at + 3}, name, "ctllabel");
            }
        }
    }

    // What the sender's loss recovery did (the LossEvent trace): a Tail Loss Probe as a wide
    // orange band behind its segment, a range RACK marked lost as a cross at the time of the
    // mark, an undo as a dashed line across the plot.
    bool probes = false;
    bool lost = false;
    bool undos = false;
    for (const auto* m : marks)
    {
        const FullTcpLossEvent& e = m->event;
        const double t = x(m->time.GetSeconds());
        const double lo = y(r.ShowSeq(sender, e.start.GetValue(), true));
        const double hi = y(r.ShowSeq(sender, e.end.GetValue(), true));
        switch (e.kind)
        {
        case FullTcpLossEvent::Kind::TAIL_LOSS_PROBE:
            probes = true;
            svg.Line({t, lo}, {t, std::min(hi, lo - 2)}, "probe");
            svg.Text({t, std::min(hi, lo - 2) - 14}, "TLP", "probemark", "middle");
            break;
        case FullTcpLossEvent::Kind::RACK_LOST:
        {
            lost = true;
            const double mid = (lo + hi) / 2;
            svg.Line({t - 4, mid - 4}, {t + 4, mid + 4}, "lost");
            svg.Line({t - 4, mid + 4}, {t + 4, mid - 4}, "lost");
            break;
        }
        case FullTcpLossEvent::Kind::UNDO:
            undos = true;
            svg.Line({t, TOP}, {t, HEIGHT - BOTTOM}, "undo");
            svg.Text({t + 4, TOP + 12},
                     std::string("undo (") + FullTcpUndoKindName(e.undo) + ")",
                     "undomark");
            break;
        }
    }

    // Legend, top left inside the plot: the loss-recovery marks only when there are some.
    const double lx = LEFT + 12;
    const double ly = TOP + 8;
    std::vector<std::pair<const char*, const char*>> entries = {
        {"data", "data segment (seq..seq+len)"},
        {"rtx", "retransmission (R)"},
        {"ackline", "ACK received"},
        {"winline", "ACK + window"},
        {"sack", "SACK block received"},
    };
    if (probes)
    {
        entries.emplace_back("probe", "tail loss probe (TLP)");
    }
    if (lost)
    {
        entries.emplace_back("lost", "marked lost by RACK (x)");
    }
    if (undos)
    {
        entries.emplace_back("undo", "reduction undone");
    }
    svg.BeginGroup("legend");
    svg.Rect({lx, ly}, 190, 7 + 17 * entries.size(), "legendbox");
    for (std::size_t i = 0; i < entries.size(); ++i)
    {
        const double ey = ly + 16 + i * 17;
        svg.Line({lx + 8, ey - 4}, {lx + 30, ey - 4}, entries[i].first);
        svg.Text({lx + 38, ey}, entries[i].second, "ticklabel");
    }
    svg.EndGroup();
}

} // namespace ns3
