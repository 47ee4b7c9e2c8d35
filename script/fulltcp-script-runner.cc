/*
 * Script: event loop after packetdrill's run_script.c: timing, injection, awaited segments
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The event loop of a script run, after packetdrill's run_script.c: events in order, each at
 * its time; relative times count from the previous event's actual time; a `>` line takes the
 * oldest segment FullTcp sent (segments are buffered as packetdrill's sniffer buffers them).
 */
#include "fulltcp-script-runner.h"

#include "fulltcp-raw-peer.h"
#include "fulltcp-script-icmp.h"
#include "fulltcp-script-shell.h"

#include "ns3/boolean.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/fulltcp-profile.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"

#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpScriptRunner");

namespace
{

/// The script side's ISN: any value works (scripts see relative numbers); a fixed one keeps
/// runs reproducible.
constexpr uint32_t REMOTE_ISN = 1000000;
/// Zero-delay event generations to let run before the next script event: a segment crosses
/// device, channel, IP and TCP in fewer (packetdrill's kernel processes an injected segment
/// before the next line runs).
constexpr uint32_t SETTLE_HOPS = 16;
/// The port bind() gives FullTcp's sockets (packetdrill's --bind_port default).
constexpr uint16_t BIND_PORT = 8080;

} // namespace

FullTcpScriptRunner::FullTcpScriptRunner(const FullTcpScript& script, const Options& options) :
    m_script(script), m_options(options), m_matcher(REMOTE_ISN)
{
}

FullTcpScriptRunner::~FullTcpScriptRunner() = default;

const std::string&
FullTcpScriptRunner::GetMessage() const
{
    return m_message;
}

std::string
FullTcpScriptRunner::At(Time t)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6f", t.GetSeconds());
    return buf;
}

void
FullTcpScriptRunner::BuildNetwork()
{
    NodeContainer nodes;
    nodes.Create(2);
    Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>(); // Delay 0: exact times
    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(nodes);
    const Ipv4Address address[2] = {m_options.localIp, m_options.remoteIp};
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<SimpleNetDevice> dev = CreateObject<SimpleNetDevice>();
        dev->SetAttribute("PointToPointMode", BooleanValue(true)); // no ARP
        dev->SetMtu(1500);                                         // Ethernet, as packetdrill's tun
        dev->SetAddress(Mac48Address::Allocate());
        dev->SetChannel(channel);
        nodes.Get(i)->AddDevice(dev);
        Ptr<Ipv4> ipv4 = nodes.Get(i)->GetObject<Ipv4>();
        const int32_t ifIndex = ipv4->AddInterface(dev);
        ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(address[i], Ipv4Mask("/32")));
        ipv4->SetUp(ifIndex);
        // packetdrill's addresses are on different subnets: everything goes out of the link.
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(address[1 - i], ifIndex);
    }
    FullTcpHelper fulltcp;
    FullTcpProfile::Apply(fulltcp, m_options.profile);
    fulltcp.Install(nodes.Get(0));
    FullTcpHelper::AssignStreams(NodeContainer(nodes.Get(0)), 1);
    m_peer = CreateObject<FullTcpRawPeer>();
    nodes.Get(1)->AggregateObject(m_peer);
    m_peer->TraceConnectWithoutContext("Rx", MakeCallback(&FullTcpScriptRunner::Received, this));
    m_calls = std::make_unique<FullTcpScriptSyscalls>(nodes.Get(0)->GetObject<FullTcpL4Protocol>(),
                                                      m_options.localIp,
                                                      m_options.remoteIp,
                                                      BIND_PORT,
                                                      BIND_PORT);
}

bool
FullTcpScriptRunner::Run()
{
    BuildNetwork();
    for (const std::string& initial : m_options.commands)
    {
        for (const std::string& command : FullTcpScriptShellCommands(initial))
        {
            std::string note;
            if (!m_calls->Command(command, note))
            {
                m_message = m_script.name + ": initial command failed: " + note;
                m_calls->Clear();
                Simulator::Destroy();
                return false;
            }
            if (m_options.verbose)
            {
                *m_options.log << "initial command: " << note << "\n";
            }
        }
    }
    Simulator::ScheduleNow(&FullTcpScriptRunner::Advance, this);
    // A bound for scripts that wait for a `*` segment while timers keep the simulation busy
    // (keepalive): longer than any TCP timer chain (the longest, data retries, is ~925 s).
    Simulator::Stop(Seconds(100000));
    Simulator::Run();
    if (!m_done)
    {
        // Nothing left to simulate and the script is not through: a `*` segment never came.
        m_message =
            m_script.name + ":"
            + std::to_string(m_cursor < m_script.events.size() ? m_script.events[m_cursor].line : 0)
            + ": the simulation ended before the script did (at " + At(Simulator::Now()) + ")";
    }
    m_calls->Clear();
    m_peer = nullptr;
    Simulator::Destroy();
    return m_passed;
}

void
FullTcpScriptRunner::Settle(uint32_t hops, void (FullTcpScriptRunner::*then)())
{
    if (hops == 0)
    {
        (this->*then)();
        return;
    }
    Simulator::ScheduleNow(&FullTcpScriptRunner::Settle, this, hops - 1, then);
}

Time
FullTcpScriptRunner::EventTime() const
{
    const FullTcpScriptTiming& t = m_script.events[m_cursor].timing;
    return t.kind == FullTcpScriptTiming::RELATIVE ? m_previous + Seconds(t.start)
                                                   : Seconds(t.start);
}

void
FullTcpScriptRunner::Advance()
{
    while (!m_done && m_cursor < m_script.events.size())
    {
        const FullTcpScriptEvent& e = m_script.events[m_cursor];
        if (e.kind == FullTcpScriptEvent::SEGMENT && !e.segment.inbound)
        {
            Expect();
            return;
        }
        const Time at = EventTime();
        if (at > Simulator::Now())
        {
            Simulator::Schedule(at - Simulator::Now(), &FullTcpScriptRunner::Advance, this);
            return;
        }
        if (!Execute(e)) // (a blocking call's end may count from the previous event)
        {
            return;
        }
        m_previous = Simulator::Now();
        ++m_cursor;
        Settle(SETTLE_HOPS, &FullTcpScriptRunner::Advance);
        return;
    }
    if (!m_done)
    {
        Finish();
    }
}

bool
FullTcpScriptRunner::Execute(const FullTcpScriptEvent& e)
{
    std::ostream& log = *m_options.log;
    if (m_options.verbose)
    {
        log << At(Simulator::Now()) << "  line " << e.line << ": " << e.text << "\n";
    }
    switch (e.kind)
    {
    case FullTcpScriptEvent::SEGMENT:
    {
        m_underTest.Inbound(e.segment.flags, BIND_PORT, m_remotePort, m_localPort);
        if (m_underTest.NewConnection())
        {
            m_matcher.NewConnection();
        }
        FullTcpHeader h;
        const std::string error = m_matcher.BuildInbound(e.segment, m_remotePort, m_localPort, h);
        if (!error.empty())
        {
            Fail(e, "cannot build the segment: " + error);
            return false;
        }
        m_peer->Send(
            h, Create<Packet>(e.segment.len), m_options.remoteIp, m_options.localIp, e.segment.ecn);
        return true;
    }
    case FullTcpScriptEvent::ICMP:
    {
        // ICMP over IP from the script side (ns-3's Icmpv4L4Protocol hands it to FullTcp's
        // ReceiveIcmp()), quoting a segment of the connection under test (run_packet.c
        // map_inbound_icmp_tcp_packet(): its sequence number relative to FullTcp's ISN).
        Ptr<Packet> p = FullTcpScriptIcmpMessage(e.icmp,
                                                 m_options.localIp,
                                                 m_options.remoteIp,
                                                 m_localPort,
                                                 m_remotePort,
                                                 m_matcher.LocalWire(e.icmp.seq));
        m_peer->GetObject<Ipv4>()->Send(p, m_options.remoteIp, m_options.localIp, 1, nullptr);
        return true;
    }
    case FullTcpScriptEvent::COMMAND:
    {
        for (const std::string& command : FullTcpScriptShellCommands(e.command))
        {
            std::string note;
            if (!m_calls->Command(command, note))
            {
                Fail(e, "command failed: " + note);
                return false;
            }
            if (m_options.verbose)
            {
                log << "            " << note << "\n";
            }
        }
        return true;
    }
    case FullTcpScriptEvent::CALL:
    {
        const FullTcpScriptTiming& t = e.timing;
        Time end = Simulator::Now();
        if (t.blockingEnd)
        {
            // packetdrill: `+a...b` counts both from the previous event, `a...b` neither;
            // `...+b` (FullTcp's extension) counts from the start of the call.
            end = t.blockingEndRelative                   ? end + Seconds(*t.blockingEnd)
                : t.kind == FullTcpScriptTiming::RELATIVE ? m_previous + Seconds(*t.blockingEnd)
                                                          : Seconds(*t.blockingEnd);
        }
        const size_t index = m_cursor;
        m_returnedAtOnce = false;
        auto done = std::make_shared<bool>(false);
        auto blocked = std::make_shared<bool>(false);
        int64_t fd = -1;
        if (!e.call.args.empty())
        {
            FullTcpScriptSyscalls::Evaluate(e.call.args[0], fd);
        }
        m_underTest.Starts(e.call.name, fd);
        m_calls->Start(e.call,
                       [this, index, end, done, blocked](const FullTcpScriptSyscalls::Outcome& o)
                       {
                           *done = true;
                           Returned(index, end, *blocked, o);
                       });
        if (!*done)
        {
            *blocked = true;
            ++m_blocked;
            m_latestReturn = Max(m_latestReturn, end);
            if (m_options.verbose)
            {
                log << "            blocks (expected to return at " << At(end) << ")\n";
            }
        }
        return !m_done;
    }
    }
    return true;
}

void
FullTcpScriptRunner::Returned(size_t index,
                              Time end,
                              bool blocked,
                              const FullTcpScriptSyscalls::Outcome& o)
{
    if (m_done)
    {
        return;
    }
    const FullTcpScriptEvent& e = m_script.events[index];
    m_blocked -= blocked ? 1 : 0;
    if (!o.failure.empty())
    {
        Fail(e, o.failure);
        return;
    }
    int64_t fd = -1;
    if (!e.call.args.empty())
    {
        FullTcpScriptSyscalls::Evaluate(e.call.args[0], fd);
    }
    m_underTest.Returned(e.call.name, fd, o.ret);
    const std::string got =
        std::to_string(o.ret) + (o.ret == -1 ? " " + o.errnoName : std::string());
    int64_t expected = 0;
    const FullTcpScriptExpr& want = e.call.result;
    if (want.kind != FullTcpScriptExpr::ELLIPSIS)
    {
        const bool known = FullTcpScriptSyscalls::Evaluate(want, expected);
        const std::string wanted = (known ? std::to_string(expected) : std::string("?"))
                                 + (e.call.errnoName.empty() ? "" : " " + e.call.errnoName);
        // run_system_call.c checks errno only when the script names one (`= -1` alone: any).
        if (!known || expected != o.ret
            || (o.ret == -1 && !e.call.errnoName.empty() && e.call.errnoName != o.errnoName))
        {
            Fail(e,
                 e.call.name + "() returned " + got + " but the script expects " + wanted,
                 "  script call:  " + e.text + "\n  actual:       " + e.call.name + "() = " + got
                     + " at " + At(Simulator::Now()));
            return;
        }
    }
    if (Abs(Simulator::Now() - end) > m_options.tolerance)
    {
        Fail(e,
             "timing error: " + e.call.name + "() returned at " + At(Simulator::Now())
                 + " but the script expects " + At(end) + " (tolerance "
                 + std::to_string(m_options.tolerance.GetMicroSeconds()) + " us)");
        return;
    }
    if (m_options.verbose && blocked)
    {
        *m_options.log << At(Simulator::Now()) << "  line " << e.line << " returned " << got
                       << "\n";
    }
}

void
FullTcpScriptRunner::Expect()
{
    const FullTcpScriptEvent& e = m_script.events[m_cursor];
    const FullTcpScriptTiming& t = e.timing;
    if (t.kind == FullTcpScriptTiming::ANY)
    {
        m_windowLow = Seconds(0);
        m_windowHigh = Time::Max();
    }
    else
    {
        const Time at = EventTime();
        Time last = at;
        if (t.rangeEnd)
        {
            last = t.rangeEndRelative ? m_previous + Seconds(*t.rangeEnd) : Seconds(*t.rangeEnd);
        }
        m_windowLow = at - m_options.tolerance;
        m_windowHigh = last + m_options.tolerance;
    }
    if (!m_sent.empty())
    {
        // Compare once the rest of this instant's segments have arrived too.
        m_awaiting = true;
        m_matchPending = true;
        m_sentSettled = m_sent.size();
        Settle(SETTLE_HOPS, &FullTcpScriptRunner::MatchAwaited);
        return;
    }
    m_awaiting = true;
    if (m_windowHigh != Time::Max())
    {
        m_timeout = Simulator::Schedule(Max(m_windowHigh - Simulator::Now(), Seconds(0)),
                                        &FullTcpScriptRunner::ExpectTimedOut,
                                        this);
    }
}

void
FullTcpScriptRunner::ExpectTimedOut()
{
    // A segment sent exactly at the deadline is still on its way: let it arrive first.
    Settle(SETTLE_HOPS, &FullTcpScriptRunner::CheckExpected);
}

void
FullTcpScriptRunner::CheckExpected()
{
    if (m_awaiting && !m_done)
    {
        const FullTcpScriptEvent& e = m_script.events[m_cursor];
        Fail(e,
             "timing error: expected segment not sent by " + At(m_windowHigh),
             "  script packet:  " + At(m_windowLow + m_options.tolerance) + " "
                 + FullTcpScriptMatcher::Describe(e.segment) + "\n  actual packet:  none");
    }
}

void
FullTcpScriptRunner::Received(const FullTcpHeader& header,
                              Ptr<const Packet> payload,
                              const Address&,
                              const Address&)
{
    if (m_done)
    {
        return;
    }
    m_sent.push_back(Sent {header, payload->GetSize(), Simulator::Now(), m_peer->GetLastEcn()});
    if (m_options.verbose)
    {
        *m_options.log << At(Simulator::Now())
                       << "  sent: " << m_matcher.Describe(header, payload->GetSize()) << "\n";
    }
    if (m_awaiting && !m_matchPending)
    {
        // Compare once every segment of this instant has arrived: a `>` line may stand for
        // several of them (see MatchSent()).
        m_matchPending = true;
        m_sentSettled = m_sent.size();
        Settle(SETTLE_HOPS, &FullTcpScriptRunner::MatchAwaited);
    }
}

void
FullTcpScriptRunner::MatchAwaited()
{
    if (m_sent.size() != m_sentSettled)
    {
        // More segments of this instant are still arriving (a GSO packet of many
        // segments): wait until they stop.
        m_sentSettled = m_sent.size();
        Settle(SETTLE_HOPS, &FullTcpScriptRunner::MatchAwaited);
        return;
    }
    m_matchPending = false;
    if (m_awaiting && !m_done)
    {
        // sniff_outbound_live_packet(): what another connection sent is not the script's.
        while (!m_sent.empty() && !m_underTest.Takes(m_sent.front().header))
        {
            if (m_options.verbose)
            {
                *m_options.log << At(m_sent.front().at) << "  not from the socket under test: "
                               << m_matcher.Describe(m_sent.front().header, m_sent.front().payload)
                               << "\n";
            }
            m_sent.pop_front();
        }
        if (m_underTest.NewConnection())
        {
            m_matcher.NewConnection();
        }
        m_sentSettled = m_sent.size();
        if (m_sent.empty())
        {
            if (m_timeout.IsExpired() && m_windowHigh != Time::Max())
            {
                m_timeout = Simulator::Schedule(Max(m_windowHigh - Simulator::Now(), Seconds(0)),
                                                &FullTcpScriptRunner::ExpectTimedOut,
                                                this);
            }
            return;
        }
        m_awaiting = false;
        m_timeout.Cancel();
        MatchSent();
    }
}

void
FullTcpScriptRunner::MatchSent()
{
    const FullTcpScriptEvent& e = m_script.events[m_cursor];
    Sent s = m_sent.front();
    m_sent.pop_front();
    // Segmentation offload: packetdrill sees Linux's TSO/GSO packets before they are cut into
    // MSS-sized segments, so a `>` line may expect more data than one segment. Back-to-back
    // segments FullTcp sent at the same instant, contiguous and otherwise alike, count as one,
    // with the flags of the last and the CWR of the first (packetdrill aggregate_packets()).
    const auto same =
        static_cast<uint8_t>(~(FullTcpHeader::PSH | FullTcpHeader::FIN | FullTcpHeader::CWR));
    while (e.segment.len > s.payload && !m_sent.empty())
    {
        const Sent& n = m_sent.front();
        if ((n.header.GetSourcePort() != s.header.GetSourcePort()
             || n.header.GetDestinationPort() != s.header.GetDestinationPort())
            && m_underTest.Takes(n.header))
        {
            // run_packet.c do_outbound_script_packet(): short of the expected length, a segment
            // of another connection discards what was taken so far (an old socket's SYN
            // retransmission before the new socket's SYN with data).
            if (m_underTest.NewConnection())
            {
                m_matcher.NewConnection();
            }
            s = n;
            m_sent.pop_front();
            continue;
        }
        if (n.at != s.at || s.header.HasFlags(FullTcpHeader::FIN)
            || n.header.GetSequenceNumber() != s.header.GetSequenceNumber() + s.payload
            || (n.header.GetFlags() & same) != (s.header.GetFlags() & same)
            || n.header.GetAckNumber() != s.header.GetAckNumber()
            || s.payload + n.payload > e.segment.len)
        {
            break;
        }
        const uint8_t cwr = s.header.GetFlags() & FullTcpHeader::CWR;
        s.header.SetFlags(static_cast<uint8_t>((n.header.GetFlags() & ~FullTcpHeader::CWR) | cwr));
        s.payload += n.payload;
        m_sent.pop_front();
    }
    const std::string actual = m_matcher.Describe(s.header, s.payload);
    const std::string diff = m_matcher.Compare(e.segment, s.header, s.payload);
    const std::string expected = FullTcpScriptMatcher::Describe(e.segment);
    const std::string detail = "  script packet:  " + At(m_windowLow + m_options.tolerance) + " "
                             + expected + "\n  actual packet:  " + At(s.at) + " "
                             + m_matcher.Describe(s.header, s.payload);
    if (!diff.empty())
    {
        Fail(e, "error handling packet: " + diff, detail);
        return;
    }
    if (e.segment.ecnGiven && s.ecn != e.segment.ecn)
    {
        static const char* const names[] = {"noecn", "ect1", "ect0", "ce"};
        Fail(e,
             std::string("error handling packet: ECN: expected ") + names[e.segment.ecn & 3]
                 + " but got " + names[s.ecn & 3],
             detail);
        return;
    }
    if (s.at < m_windowLow || s.at > m_windowHigh)
    {
        Fail(e,
             "timing error: expected segment at " + At(m_windowLow + m_options.tolerance)
                 + " but it was sent at " + At(s.at) + " (tolerance "
                 + std::to_string(m_options.tolerance.GetMicroSeconds()) + " us)",
             detail);
        return;
    }
    if (m_options.verbose)
    {
        *m_options.log << At(s.at) << "  line " << e.line << ": " << e.text << "  (matched)\n";
    }
    m_localPort = s.header.GetSourcePort();
    m_remotePort = s.header.GetDestinationPort();
    m_previous = s.at;
    ++m_cursor;
    Advance();
}

void
FullTcpScriptRunner::Finish()
{
    if (m_blocked > 0)
    {
        const Time deadline = m_latestReturn + m_options.tolerance;
        if (!m_finishing && Simulator::Now() <= deadline)
        {
            m_finishing = true;
            Simulator::Schedule(
                deadline - Simulator::Now() + NanoSeconds(1), &FullTcpScriptRunner::Finish, this);
            return;
        }
        m_done = true;
        m_message = m_script.name + ": a blocking call did not return: " + m_calls->Pending();
        Simulator::Stop();
        return;
    }
    m_done = true;
    m_passed = true;
    Simulator::Stop();
}

void
FullTcpScriptRunner::Fail(const FullTcpScriptEvent& e,
                          const std::string& what,
                          const std::string& detail)
{
    if (m_done)
    {
        return;
    }
    m_done = true;
    m_message = m_script.name + ":" + std::to_string(e.line) + ": " + what;
    if (!detail.empty())
    {
        m_message += "\n" + detail;
    }
    Simulator::Stop();
}

} // namespace ns3
