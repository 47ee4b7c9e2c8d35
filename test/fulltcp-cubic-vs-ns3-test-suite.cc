/*
 * Tests: FullTcp's CUBIC against ns-3's own TcpCubic on TcpSocketBase, over one bottleneck
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One bulk transfer over a 10 Mb/s bottleneck with a 100 ms round trip and a DropTail queue
 * of one bandwidth-delay product, run twice with the same settings: FullTcp with its CUBIC
 * ("Cubic", RFC 9438), and ns-3's TcpSocketBase with ns3::TcpCubic. From each sender's
 * CongestionWindow and CongState traces the test extracts the loss epochs (entries into
 * Recovery or Loss), β (cwnd when congestion avoidance resumes over cwnd at the loss), the
 * epoch lengths, W_max after fast convergence (RFC 9438 §4.7), the time the epoch takes to
 * regain W_max against CUBIC's K (§4.2) and the shape (concave, then convex). It checks RFC
 * 9438 on each, that FullTcp's cwnd follows W_cubic(t), and that FullTcp's mean β and mean
 * epoch length are within a few per cent of ns-3's. doc/loss-recovery.rst ("CUBIC against
 * ns-3's TcpCubic") quotes the numbers; with FULLTCP_CUBIC_VS_NS3_OUTPUT=DIR the test writes
 * them (DIR/fulltcp-cubic-vs-ns3.txt) and the figure of both cwnd traces
 * (DIR/fulltcp-cubic-vs-ns3.svg, the one in doc/figures).
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-socket-factory.h"
#include "ns3/fulltcp-svg.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-cubic.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// RFC 9438 §5.1: C = 0.4 segments/s^3 (ns-3's TcpCubic "C", Linux bic_scale).
constexpr double CUBIC_C = 0.4;
/// RFC 9438 §4.6: β_cubic = 0.7.
constexpr double CUBIC_BETA = 0.7;

/// The path: 100 Mb/s access links of 1 ms, a 10 Mb/s bottleneck of 48 ms one way.
const char* const BOTTLENECK_RATE = "10Mbps";
const char* const BOTTLENECK_DELAY = "48ms";
/// The bottleneck's DropTail queue: one BDP, 10 Mb/s · 100 ms / 1500-byte packets.
constexpr uint32_t QUEUE_PACKETS = 83;
/// Payload per segment on both stacks (1500-byte IP packets with timestamps): ns-3's
/// SegmentSize is the payload, FullTcp's the MSS it announces (timestamps take 12).
constexpr uint32_t NS3_SEGMENT_SIZE = 1448;
constexpr uint32_t FULLTCP_SEGMENT_SIZE = 1460; //!< see NS3_SEGMENT_SIZE
/// Whether ns-3's TCP falls into the same two-epoch cycle as FullTcp, so that its epochs are
/// checked against RFC 9438 and compared: ns-3.37 (Debian 12's, the out-of-tree build) does;
/// ns-3.48 (in tree) cuts twice per loss episode (DoRun()). Releases in between were not run.
constexpr bool NS3_EPOCHS_AS_37 = FULLTCP_NS3_VERSION_MINOR <= 37;
/// Sender and receiver buffers: far above the largest window (no rwnd limit).
constexpr uint32_t BUFFERS = 4 << 20;
/// The transfer starts at 0.1 s and is cut at 80 s. Slow start overshoots to twice the
/// pipe, its recovery takes a few seconds (FullTcp's ends in a timeout), and the epochs fall
/// into their two-epoch cycle by 20 s: the epochs from WARMUP on are compared, 10 on each
/// stack.
const Time START = Seconds(0.1);
const Time WARMUP = Seconds(20);
const Time STOP = Seconds(80);
/// The round trip without queueing: 2·(1 + 48) ms of propagation and 1.3 ms of
/// serialisation (ns-3's TcpCubic adds its minimum RTT, delay_min, to t).
constexpr double BASE_RTT = 0.0993;

/// One loss epoch: from a congestion event to the next.
struct Epoch
{
    double lossAt {0};    //!< the event: CongState entered Recovery or Loss (s)
    double before {0};    //!< cwnd at the event: the largest since the last epoch (segments)
    double start {-1};    //!< congestion avoidance resumed: CongState back to Open (s)
    double after {0};     //!< cwnd then: ssthresh after fast recovery (segments)
    bool timeout {false}; //!< the event became a retransmission timeout
    double end {-1};      //!< the next event (s); -1 for the last epoch
    double wMax {0};      //!< W_max after fast convergence (RFC 9438 §4.7), segments
    double k {0};         //!< K = cbrt((W_max − cwnd_epoch) / C) (RFC 9438 §4.2), s
    double toWMax {-1};   //!< from start until cwnd reached W_max (s); -1: never

    /// \return whether fast convergence lowered W_max below cwnd at the event (§4.7)
    bool
    FastConvergence() const
    {
        return wMax < before;
    }

    /// \return β: cwnd when congestion avoidance resumes over cwnd at the event
    double
    Beta() const
    {
        return after / before;
    }

    /// \return the time between this event and the next (s)
    double
    Length() const
    {
        return end - lossAt;
    }
};

/// What one transfer did.
struct Flow
{
    std::string stack;                         //!< "FullTcp" or "ns-3"
    double smss {0};                           //!< cwnd's unit: the initial cwnd / 10
    std::vector<std::pair<double, double>> cw; //!< cwnd in segments, every change
    std::vector<Epoch> epochs;                 //!< the loss epochs, in order
    uint64_t received {0};                     //!< bytes the receiver read
    uint64_t receivedAtWarmup {0};             //!< bytes read by WARMUP

    /// \return the receiver's goodput from WARMUP to STOP, in Mb/s
    double
    GoodputMbps() const
    {
        return (received - receivedAtWarmup) * 8 / (STOP - WARMUP).GetSeconds() / 1e6;
    }
};

/// The sender's traces, turned into a Flow as they come.
struct Recorder
{
    Flow* run {nullptr};         //!< where it goes
    bool inEvent {false};        //!< between an event and the return to Open
    double peak {0};             //!< the largest cwnd since the last epoch started
    uint32_t lastCwnd {0};       //!< the last cwnd (bytes)
    uint64_t lastSsthresh {0};   //!< the last ssthresh (bytes)
    std::vector<uint32_t> bytes; //!< cwnd in bytes, parallel to run->cw

    /// \param now the sender's new cwnd
    void
    Cwnd(uint32_t, uint32_t now)
    {
        if (run->smss == 0)
        {
            run->smss = now / 10.0; // InitialCwnd is 10 segments on both
        }
        lastCwnd = now;
        const double t = Simulator::Now().GetSeconds();
        run->cw.emplace_back(t, now / run->smss);
        if (!inEvent)
        {
            peak = std::max(peak, now / run->smss);
        }
    }

    /// \param now the sender's new ssthresh
    void
    Ssthresh(uint32_t, uint32_t now)
    {
        lastSsthresh = now;
    }

    /// \param from the old state \param to the new one
    void
    CongState(TcpSocketState::TcpCongState_t from, TcpSocketState::TcpCongState_t to)
    {
        const double t = Simulator::Now().GetSeconds();
        const bool event = to == TcpSocketState::CA_RECOVERY || to == TcpSocketState::CA_LOSS;
        if (event && !inEvent)
        {
            // A congestion event: cwnd never shrank since the last epoch started, so its
            // largest value is the one at the event (a stack may report the cut cwnd before
            // the state).
            inEvent = true;
            Epoch e;
            e.lossAt = t;
            e.before = peak;
            e.timeout = to == TcpSocketState::CA_LOSS;
            if (!run->epochs.empty())
            {
                run->epochs.back().end = t;
            }
            run->epochs.push_back(e);
        }
        else if (event && inEvent)
        {
            run->epochs.back().timeout |= to == TcpSocketState::CA_LOSS;
        }
        else if (to == TcpSocketState::CA_OPEN && inEvent)
        {
            inEvent = false;
            Epoch& e = run->epochs.back();
            e.start = t;
            // Fast recovery ends with cwnd = ssthresh on both (RFC 6675 §5, RFC 6937; ns-3's
            // ReceivedAck() sets it after this trace, and the same ACK may grow it at once).
            e.after = (e.timeout ? lastCwnd : lastSsthresh) / run->smss;
            peak = e.after;
        }
        (void) from;
    }
};

/// The receiving application: counts what it reads.
struct Sink : public SimpleRefCount<Sink>
{
    Flow* run {nullptr}; //!< where the counts go

    /// \param s the accepted socket
    void
    Accepted(Ptr<Socket> s, const Address&)
    {
        s->SetRecvCallback(MakeCallback(&Sink::Read, this));
    }

    /// \param s a socket with data to read
    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                return;
            }
            run->received += p->GetSize();
            if (Simulator::Now() < WARMUP)
            {
                run->receivedAtWarmup = run->received;
            }
        }
    }
};

/**
 * \brief The cubic function of an epoch (RFC 9438 §4.2 Figure 1), in segments.
 * \param e the epoch \param t seconds since congestion avoidance resumed
 * \return W_cubic(t)
 */
double
WCubic(const Epoch& e, double t)
{
    const double d = t - e.k;
    return CUBIC_C * d * d * d + e.wMax;
}

/**
 * \brief Fill in what the traces imply: each epoch's end, W_max after fast convergence,
 * K, and the time to regain W_max.
 * \param run a finished run
 * \param integer W_max in whole segments, as ns-3's TcpCubic keeps it (uint32_t
 *        m_lastMaxCwnd from GetCwndInSegments())
 */
void
Analyse(Flow& run, bool integer)
{
    double wMax = 0;
    for (Epoch& e : run.epochs)
    {
        // RFC 9438 §4.7 fast convergence; §4.8: a timeout forgets W_max (ns-3.37's
        // CubicReset() too).
        double before = integer ? std::floor(e.before) : e.before;
        wMax = before < wMax ? before * (1 + CUBIC_BETA) / 2 : before;
        if (integer)
        {
            wMax = std::floor(wMax);
        }
        if (e.timeout)
        {
            wMax = 0;
        }
        e.wMax = wMax;
        e.k = e.wMax > e.after ? std::cbrt((e.wMax - e.after) / CUBIC_C) : 0;
        if (e.start < 0)
        {
            continue;
        }
        for (const auto& [t, w] : run.cw)
        {
            if (t >= e.start && (e.end < 0 || t < e.end) && w >= e.wMax - (integer ? 0 : 1e-9))
            {
                e.toWMax = t - e.start;
                break;
            }
        }
    }
}

/// \param run a run \return the epochs to compare: from WARMUP on, complete (a next event
/// ended them)
std::vector<const Epoch*>
Steady(const Flow& run)
{
    std::vector<const Epoch*> out;
    for (const Epoch& e : run.epochs)
    {
        if (e.lossAt >= WARMUP.GetSeconds() && e.start > 0 && e.end > 0)
        {
            out.push_back(&e);
        }
    }
    return out;
}

/// \param v values \return their mean (0 when empty)
double
Mean(const std::vector<double>& v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}

/// Which steady epochs a mean takes.
enum class Kind
{
    ALL,         //!< every one
    CONVERGENCE, //!< those whose W_max fast convergence lowered (§4.7)
    PLAIN,       //!< those whose W_max is cwnd at the event
};

/**
 * \param run a run \param f what to take of an epoch \param kind which epochs
 * \return the mean of f over the steady epochs of that kind
 */
template<typename F>
double
MeanOf(const Flow& run, F f, Kind kind = Kind::ALL)
{
    std::vector<double> v;
    for (const Epoch* e : Steady(run))
    {
        if (kind == Kind::ALL || e->FastConvergence() == (kind == Kind::CONVERGENCE))
        {
            v.push_back(f(*e));
        }
    }
    return Mean(v);
}

/// \param e an epoch \return its β
double
BetaOf(const Epoch& e)
{
    return e.Beta();
}

/// \param e an epoch \return its length (s)
double
LengthOf(const Epoch& e)
{
    return e.Length();
}

/**
 * \param run a run \param e one of its epochs \param a from (s after the epoch started)
 * \param b to \return cwnd at the first change at or after a, and at the last change before b
 */
std::pair<double, double>
CwndBetween(const Flow& run, const Epoch& e, double a, double b)
{
    double first = -1;
    double last = -1;
    for (const auto& [t, w] : run.cw)
    {
        if (t >= e.start + a && t < e.start + b)
        {
            if (first < 0)
            {
                first = w;
            }
            last = w;
        }
    }
    return {first, last};
}

/**
 * \brief The growth of cwnd over the two halves of a span: concave if the first half grew
 * more than the second, convex if less.
 * \param run a run \param e an epoch \param a from \param b to (s after the epoch started)
 * \return growth of the first half minus growth of the second (segments)
 */
double
Bend(const Flow& run, const Epoch& e, double a, double b)
{
    const double m = (a + b) / 2;
    const auto [w0, w1] = CwndBetween(run, e, a, m);
    const auto [w2, w3] = CwndBetween(run, e, m, b);
    return (w1 - w0) - (w3 - w2);
}

/**
 * \param run a run \param e an epoch
 * \return the largest |cwnd − W_cubic(t)| over the epoch after its first second (the
 * growth then has reached the target), in segments
 */
double
CubicDeviation(const Flow& run, const Epoch& e)
{
    double worst = 0;
    for (const auto& [t, w] : run.cw)
    {
        if (t >= e.start + 1 && t < e.end)
        {
            worst = std::max(worst, std::abs(w - WCubic(e, t - e.start)));
        }
    }
    return worst;
}

/**
 * \brief One bulk transfer over the bottleneck.
 * \param fulltcp FullTcp with its CUBIC, or ns-3's TcpSocketBase with ns3::TcpCubic
 * \return what the sender's traces and the receiver saw
 */
Flow
Transfer(bool fulltcp)
{
    Flow run;
    run.stack = fulltcp ? "FullTcp" : "ns-3";
    // sender (0) — router (1) — receiver (2); the router's device towards the receiver is
    // the bottleneck, with its DropTail queue and no queue disc in front of it.
    BottleneckPath path(BOTTLENECK_RATE, BOTTLENECK_DELAY, std::to_string(QUEUE_PACKETS) + "p");
    const NodeContainer& nodes = path.nodes;
    const NetDeviceContainer& first = path.access;
    const NetDeviceContainer& second = path.bottleneck;
    if (fulltcp)
    {
        FullTcpHelper helper;
        helper.Install(nodes.Get(0));
        helper.Install(nodes.Get(2));
    }
    else
    {
        // ns-3.37's defaults, written out: TcpCubic with PRR (TcpL4Protocol SocketType,
        // RecoveryType).
        for (uint32_t n : {0U, 2U})
        {
            Ptr<TcpL4Protocol> tcp = nodes.Get(n)->GetObject<TcpL4Protocol>();
            tcp->SetAttribute("SocketType", TypeIdValue(TcpCubic::GetTypeId()));
            tcp->SetAttribute("RecoveryType", TypeIdValue(TcpPrrRecovery::GetTypeId()));
        }
    }
    Ipv4AddressHelper a("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer i1 = a.Assign(first);
    a.SetBase("10.1.2.0", "255.255.255.0");
    Ipv4InterfaceContainer i2 = a.Assign(second);
    // Assign() gave each device a queue disc (pfifo_fast, 1000 packets): take the router's
    // off the bottleneck, so that the device's DropTail queue is the only one.
    TrafficControlHelper().Uninstall(second.Get(0));
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())->SetDefaultRoute(i1.GetAddress(1), 1);
    routing.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())->SetDefaultRoute(i2.GetAddress(0), 1);

    const TypeId tid = fulltcp ? FullTcpSocketFactory::GetTypeId() : TcpSocketFactory::GetTypeId();
    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(2), tid);
    Ptr<Socket> sender = Socket::CreateSocket(nodes.Get(0), tid);
    for (const Ptr<Socket>& s : {listener, sender})
    {
        // The same on both: segment size, buffers, SACK and timestamps (both defaults),
        // InitialCwnd 10 and delayed ACKs every second segment or 200 ms (ns-3's defaults).
        s->SetAttribute("SegmentSize",
                        UintegerValue(fulltcp ? FULLTCP_SEGMENT_SIZE : NS3_SEGMENT_SIZE));
        s->SetAttribute("SndBufSize", UintegerValue(BUFFERS));
        s->SetAttribute("RcvBufSize", UintegerValue(BUFFERS));
        s->SetAttribute("InitialCwnd", UintegerValue(10));
        s->SetAttribute("DelAckCount", UintegerValue(2));
        if (fulltcp)
        {
            // What ns-3's TCP does not have, off: Linux's quick-ACK mode, tail loss probes.
            // PRR as ns-3's default TcpPrrRecovery, RFC 6675 SACK recovery. HyStart off on
            // both (ns-3.37's delay threshold is delay_min itself, not an eighth: it would
            // not fire before the queue fills, while FullTcp's would), so that slow start
            // ends with a loss on both.
            s->SetAttribute("QuickAcks", UintegerValue(0));
            s->SetAttribute("Tlp", BooleanValue(false));
            s->SetAttribute("Prr", BooleanValue(true));
            s->SetAttribute("Recovery", StringValue("Sack"));
            s->SetAttribute("CongestionControl", StringValue("Cubic"));
            s->SetAttribute("CubicHystart", StringValue("None"));
        }
    }
    if (!fulltcp)
    {
        // ns-3's socket has its TcpCubic once created (TcpL4Protocol::CreateSocket).
        PointerValue cc;
        sender->GetAttribute("CongestionOps", cc);
        cc.Get<TcpCongestionOps>()->SetAttribute("HyStart", BooleanValue(false));
    }
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener->Listen();
    Ptr<Sink> sink = Create<Sink>();
    sink->run = &run;
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&Sink::Accepted, sink));

    Recorder rec;
    rec.run = &run;
    sender->TraceConnectWithoutContext("CongestionWindow", MakeCallback(&Recorder::Cwnd, &rec));
    sender->TraceConnectWithoutContext("SlowStartThreshold",
                                       MakeCallback(&Recorder::Ssthresh, &rec));
    sender->TraceConnectWithoutContext("CongState", MakeCallback(&Recorder::CongState, &rec));
    // More than the path carries in the time: the sender is never application-limited.
    Ptr<BulkSender> app = Create<BulkSender>(200000000);
    sender->SetConnectCallback(MakeCallback(&BulkSender::Pump, app),
                               MakeNullCallback<void, Ptr<Socket>>());
    sender->SetSendCallback(MakeCallback(&BulkSender::PumpSpace, app));
    ConnectAt(START, sender, InetSocketAddress(i2.GetAddress(1), 80));
    RunFor(STOP);
    DestroyAfterReleasing(sender, listener);
    Analyse(run, !fulltcp);
    return run;
}

/// \return where the figure and the numbers go (FULLTCP_CUBIC_VS_NS3_OUTPUT), or ""
std::string
OutputDir()
{
    const char* dir = std::getenv("FULLTCP_CUBIC_VS_NS3_OUTPUT");
    return dir ? dir : "";
}

/// \param v a value \param digits decimals \return it as text
std::string
Fixed(double v, int digits)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

/**
 * \brief Draw both cwnd traces over time, with each run's congestion events marked.
 * \param os where the SVG goes \param runs the runs (FullTcp first)
 */
void
DrawCwnd(std::ostream& os, const std::vector<const Flow*>& runs)
{
    const double width = 900;
    const double height = 420;
    const double left = 64;
    const double right = 20;
    const double top = 50;
    const double bottom = 46;
    double wMax = 0;
    for (const Flow* r : runs)
    {
        for (const auto& p : r->cw)
        {
            wMax = std::max(wMax, p.second);
        }
    }
    const double yTop = std::ceil(wMax / 50) * 50;
    const double tEnd = STOP.GetSeconds();
    auto x = [&](double t)
    {
        return left + t / tEnd * (width - left - right);
    };
    auto y = [&](double w)
    {
        return height - bottom - w / yTop * (height - top - bottom);
    };
    const std::string css = "text{font-family:sans-serif;font-size:12px}"
                            ".title{font-size:15px;font-weight:bold}"
                            ".grid{stroke:#ddd;stroke-width:1}"
                            ".axis{stroke:#000;stroke-width:1}"
                            ".fulltcp{fill:none;stroke:#1f77b4;stroke-width:1.4}"
                            ".ns3{fill:none;stroke:#d62728;stroke-width:1.4;stroke-dasharray:5,3}"
                            ".bdp{stroke:#2ca02c;stroke-width:1;stroke-dasharray:2,3}"
                            ".legendbox{fill:#fff;stroke:#999}";
    const std::string title = "CUBIC: FullTcp against ns-3's TcpCubic (10 Mb/s, 100 ms RTT, "
                              "DropTail queue of one BDP)";
    FullTcpSvg svg(os, width, height, title, css);
    svg.Text({width / 2, 24}, title, "title", "middle");
    svg.BeginGroup("xaxis");
    for (double t = 0; t <= tEnd + 1e-9; t += 5)
    {
        svg.Line({x(t), top}, {x(t), height - bottom}, "grid");
        svg.Text({x(t), height - bottom + 16}, Fixed(t, 0), "ticklabel", "middle");
    }
    svg.Text({(left + width - right) / 2, height - 10}, "time (s)", "ticklabel", "middle");
    svg.EndGroup();
    svg.BeginGroup("yaxis");
    for (double w = 0; w <= yTop + 1e-9; w += 50)
    {
        svg.Line({left, y(w)}, {width - right, y(w)}, "grid");
        svg.Text({left - 6, y(w) + 4}, Fixed(w, 0), "ticklabel", "end");
    }
    svg.Text({18, (top + height - bottom) / 2}, "cwnd (segments)", "ticklabel", "middle", -90);
    svg.EndGroup();
    svg.Line({left, height - bottom}, {width - right, height - bottom}, "axis");
    svg.Line({left, top}, {left, height - bottom}, "axis");
    // The pipe: BDP plus the queue, where the queue overflows.
    const double pipe = 2.0 * QUEUE_PACKETS;
    svg.Line({left, y(pipe)}, {width - right, y(pipe)}, "bdp");
    const char* classes[] = {"fulltcp", "ns3"};
    for (size_t i = 0; i < runs.size(); ++i)
    {
        // A step line: cwnd holds its value until the next change. Corners closer than half
        // a pixel to the last one drawn are left out (FullTcp's cwnd changes on every ACK).
        std::vector<FullTcpSvg::Point> pts;
        auto add = [&pts](double px, double py)
        {
            if (pts.empty() || std::abs(px - pts.back().first) >= 0.5
                || std::abs(py - pts.back().second) >= 0.5)
            {
                pts.emplace_back(px, py);
            }
        };
        double last = 0;
        for (const auto& [t, w] : runs[i]->cw)
        {
            if (!pts.empty())
            {
                add(x(t), y(last));
            }
            add(x(t), y(w));
            last = w;
        }
        pts.emplace_back(x(tEnd), y(last));
        svg.BeginGroup(std::string("trace ") + classes[i], runs[i]->stack + " cwnd");
        svg.Polyline(pts, classes[i]);
        svg.EndGroup();
    }
    const double lx = width - right - 300;
    const double ly = top + 8;
    svg.BeginGroup("legend");
    svg.Rect({lx, ly}, 290, 62, "legendbox");
    const std::string labels[] = {"FullTcp, CongestionControl \"Cubic\"",
                                  "ns-3 TcpSocketBase, ns3::TcpCubic",
                                  "BDP + queue (" + Fixed(pipe, 0) + " segments)"};
    const char* legend[] = {"fulltcp", "ns3", "bdp"};
    for (size_t i = 0; i < 3; ++i)
    {
        const double ey = ly + 18 + i * 17;
        svg.Line({lx + 8, ey - 4}, {lx + 36, ey - 4}, legend[i]);
        svg.Text({lx + 44, ey}, labels[i], "ticklabel");
    }
    svg.EndGroup();
}

/**
 * \param runs the runs \return the comparison as text: one line per epoch, then the means
 */
std::string
Report(const std::vector<const Flow*>& runs)
{
    std::ostringstream os;
    os << std::fixed;
    for (const Flow* r : runs)
    {
        os << r->stack << ": SMSS " << std::setprecision(0) << r->smss << " bytes, "
           << r->epochs.size() << " congestion events, goodput from " << WARMUP.GetSeconds()
           << " s " << std::setprecision(3) << r->GoodputMbps() << " Mb/s\n";
        os << "  event_s  before  after   beta  start_s  length_s  W_max  FC  K_s    "
              "to_W_max_s  bend_concave  bend_convex  dev_cubic\n";
        for (const Epoch& e : r->epochs)
        {
            os << "  " << std::setprecision(3) << std::setw(7) << e.lossAt << std::setw(8)
               << std::setprecision(1) << e.before << std::setw(7) << e.after << std::setw(7)
               << std::setprecision(3) << e.Beta() << std::setw(9) << e.start << std::setw(10)
               << (e.end > 0 ? e.Length() : -1) << std::setw(7) << std::setprecision(1) << e.wMax
               << (e.FastConvergence() ? "  yes" : "   no") << std::setw(7) << std::setprecision(3)
               << e.k << std::setw(12) << e.toWMax;
            if (e.end > 0 && e.start > 0)
            {
                const double reach = e.toWMax > 0 ? e.toWMax : e.end - e.start;
                os << std::setw(14) << std::setprecision(1) << Bend(*r, e, 0, reach)
                   << std::setw(13) << (e.toWMax > 0 ? Bend(*r, e, e.toWMax, e.end - e.start) : 0.0)
                   << std::setw(11) << CubicDeviation(*r, e);
            }
            os << (e.timeout ? "  timeout" : "") << "\n";
        }
        for (Kind kind : {Kind::ALL, Kind::CONVERGENCE, Kind::PLAIN})
        {
            size_t n = 0;
            for (const Epoch* e : Steady(*r))
            {
                n += kind == Kind::ALL || e->FastConvergence() == (kind == Kind::CONVERGENCE);
            }
            os << "  "
               << (kind == Kind::ALL           ? "steady"
                   : kind == Kind::CONVERGENCE ? "FC"
                                               : "plain")
               << " epochs " << n << ": mean beta " << std::setprecision(4)
               << MeanOf(*r, BetaOf, kind) << ", length " << std::setprecision(3)
               << MeanOf(*r, LengthOf, kind) << " s, cwnd at loss " << std::setprecision(1)
               << MeanOf(
                      *r,
                      [](const Epoch& e)
                      {
                          return e.before;
                      },
                      kind)
               << ", W_max "
               << MeanOf(
                      *r,
                      [](const Epoch& e)
                      {
                          return e.wMax;
                      },
                      kind)
               << ", K " << std::setprecision(3)
               << MeanOf(
                      *r,
                      [](const Epoch& e)
                      {
                          return e.k;
                      },
                      kind)
               << " s";
            if (kind == Kind::CONVERGENCE)
            {
                // Only these regain W_max (CheckRfc()).
                os << ", time to W_max "
                   << MeanOf(
                          *r,
                          [](const Epoch& e)
                          {
                              return e.toWMax;
                          },
                          kind)
                   << " s";
            }
            os << "\n";
        }
    }
    return os.str();
}

/// FullTcp's CUBIC and ns-3's TcpCubic over the same bottleneck: RFC 9438 on each, and the
/// same β and epoch length within a few per cent.
class CubicVsNs3TestCase : public TestCase
{
  public:
    CubicVsNs3TestCase() :
        TestCase("FullTcp's CUBIC and ns-3's TcpCubic over a 10 Mbps, 100 ms bottleneck: "
                 "β, epochs, the cubic's shape")
    {
    }

  private:
    /**
     * \brief RFC 9438 on one run.
     * \param r the run
     * \param ns3 ns-3's TcpCubic: W_max regained early (whole segments, t + delay_min);
     *        else FullTcp: regained at K, and cwnd follows W_cubic(t)
     */
    void
    CheckRfc(const Flow& r, bool ns3)
    {
        const std::vector<const Epoch*> steady = Steady(r);
        // Epochs of K ≈ 4-5 s between WARMUP and STOP: at least 6 complete ones.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(steady.size(), 6, r.stack << ": too few loss epochs");
        for (size_t i = 0; i < steady.size(); ++i)
        {
            const Epoch& e = *steady[i];
            std::ostringstream where;
            where << r.stack << ", epoch of the event at " << e.lossAt << " s";
            // §4.6: cwnd = β_cubic·cwnd, β_cubic = 0.7 (in whole segments: within one
            // segment of it).
            NS_TEST_EXPECT_MSG_EQ_TOL(e.Beta(), CUBIC_BETA, 1.0 / e.before + 0.005, where.str());
            if (ns3 && !NS3_EPOCHS_AS_37)
            {
                continue; // ns-3.48 cuts twice per loss episode (DoRun())
            }
            // One loss per epoch, at the pipe's size: BDP + queue, 2·83 segments.
            NS_TEST_EXPECT_MSG_EQ_TOL(
                e.before, 2.0 * QUEUE_PACKETS, 0.1 * 2 * QUEUE_PACKETS, where.str());
            if (!e.FastConvergence())
            {
                // W_max = cwnd at the event, which the last epoch's convex growth carried a
                // few segments past the pipe in the RTT the loss took to be noticed: this
                // epoch ends with a loss before cwnd regains it, in the concave region, and
                // the next event lowers W_max by fast convergence (§4.7). Then the cycle
                // repeats.
                NS_TEST_EXPECT_MSG_LT(e.toWMax, 0, where.str() << ": W_max regained");
                NS_TEST_EXPECT_MSG_GT(
                    Bend(r, e, 0, e.end - e.start), 0, where.str() << ": not concave");
                if (i + 1 < steady.size())
                {
                    NS_TEST_EXPECT_MSG_EQ(steady[i + 1]->FastConvergence(),
                                          true,
                                          where.str() << ": no fast convergence next");
                }
            }
            else
            {
                // W_max = cwnd·(1 + β)/2, below the pipe: regained, concave up to it (§4.4),
                // convex beyond it (§4.5) until the loss.
                NS_TEST_EXPECT_MSG_GT(e.toWMax, 0, where.str() << ": W_max not regained");
                NS_TEST_EXPECT_MSG_GT(
                    Bend(r, e, 0, e.toWMax), 0, where.str() << ": not concave before W_max");
                NS_TEST_EXPECT_MSG_LT(Bend(r, e, e.toWMax, e.end - e.start),
                                      0,
                                      where.str() << ": not convex after W_max");
                // §4.2: W_cubic(K) = W_max. FullTcp's cwnd, which grows towards W_cubic(t +
                // RTT) in bytes, regains it about K after the epoch began. ns-3's TcpCubic
                // computes W_cubic − W_max in whole segments (uint32_t delta, as Linux's
                // bictcp_update()), so its target is W_max from |t − K| < cbrt(1/C) on,
                // with t ahead by its minimum RTT: it regains W_max that much earlier.
                const double expected = ns3 ? e.k - std::cbrt(1 / CUBIC_C) - BASE_RTT : e.k;
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    e.toWMax, expected, 0.05 * e.k, where.str() << ": time to W_max, K = " << e.k);
            }
            if (!ns3)
            {
                // cwnd(t) follows W_cubic(t) = C·(t − K)^3 + W_max within a segment.
                NS_TEST_EXPECT_MSG_LT(CubicDeviation(r, e), 1, where.str() << ": off W_cubic");
            }
        }
    }

    void
    DoRun() override
    {
        const Flow full = Transfer(true);
        const Flow ns3 = Transfer(false);
        const std::vector<const Flow*> runs = {&full, &ns3};
        const std::string report = Report(runs);
        const std::string dir = OutputDir();
        if (!dir.empty())
        {
            std::ofstream(dir + "/fulltcp-cubic-vs-ns3.txt") << report;
        }
        std::ostringstream svg;
        DrawCwnd(svg, runs);
        std::ofstream(dir.empty() ? CreateTempDirFilename("fulltcp-cubic-vs-ns3.svg")
                                  : dir + "/fulltcp-cubic-vs-ns3.svg")
            << svg.str();
        NS_TEST_EXPECT_MSG_NE(
            svg.str().find("class=\"ns3\""), std::string::npos, "no ns-3 trace in the figure");

        NS_TEST_ASSERT_MSG_EQ(full.smss, NS3_SEGMENT_SIZE, "FullTcp's SMSS\n" << report);
        NS_TEST_ASSERT_MSG_EQ(ns3.smss, NS3_SEGMENT_SIZE, "ns-3's SMSS\n" << report);
        CheckRfc(full, false);
        CheckRfc(ns3, true);
        // The comparison. Mean β within 0.01 (ns-3 rounds ssthresh down to whole segments);
        // the link stays busy (β·2 BDP > BDP): goodput within 1 %.
        NS_TEST_EXPECT_MSG_EQ_TOL(MeanOf(full, BetaOf),
                                  MeanOf(ns3, BetaOf),
                                  0.01,
                                  "mean β\n"
                                      << report);
        NS_TEST_EXPECT_MSG_EQ_TOL(full.GoodputMbps(),
                                  ns3.GoodputMbps(),
                                  0.01 * ns3.GoodputMbps(),
                                  "goodput\n"
                                      << report);
        if (!NS3_EPOCHS_AS_37)
        {
            // ns-3.48's TCP (in an ns-3.48 tree) ends each loss episode with a second cut
            // about 0.3 s (three RTTs) after the first (173 → 121 → 84 segments): its epochs
            // alternate between 0.3 s and 9.4 s, and the epoch comparison below, which holds
            // with ns-3.37, does not apply (doc/loss-recovery.rst quotes both).
            return;
        }
        // The epochs alternate between two kinds on both stacks (CheckRfc()): each kind's
        // mean length within 3 %, the mean of all within 10 % (which kind the window holds
        // more of depends on the phase after slow start).
        for (Kind kind : {Kind::CONVERGENCE, Kind::PLAIN})
        {
            const double ns3Length = MeanOf(ns3, LengthOf, kind);
            NS_TEST_EXPECT_MSG_GT(ns3Length, 0, "no epoch of a kind\n" << report);
            NS_TEST_EXPECT_MSG_EQ_TOL(MeanOf(full, LengthOf, kind),
                                      ns3Length,
                                      0.03 * ns3Length,
                                      "mean length of one kind of epoch\n"
                                          << report);
        }
        const double ns3Length = MeanOf(ns3, LengthOf);
        NS_TEST_EXPECT_MSG_EQ_TOL(MeanOf(full, LengthOf),
                                  ns3Length,
                                  0.1 * ns3Length,
                                  "mean epoch length\n"
                                      << report);
    }
};

/// FullTcp's CUBIC against ns-3's TcpCubic.
class FullTcpCubicVsNs3TestSuite : public TestSuite
{
  public:
    FullTcpCubicVsNs3TestSuite() : TestSuite("fulltcp-cubic-vs-ns3", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new CubicVsNs3TestCase(), FullTcpTestDuration::QUICK);
    }
};

/// Static instance.
FullTcpCubicVsNs3TestSuite g_fullTcpCubicVsNs3TestSuite;

} // namespace
