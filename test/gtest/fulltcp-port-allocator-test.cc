/*
 * Test: RFC 6335 range, RFC 6056 Algorithm 3, ports shared across peers, conflicts, exhaustion
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ports: the RFC 6335 ephemeral range, RFC 6056 Algorithm 3 selection, ports shared across
 * peers (a 4-tuple, not a port, must be unique), bind conflicts, exhaustion as an error.
 */
#include "fulltcp-ip-key-util.h"

#include "ns3/fulltcp-demux.h"
#include "ns3/fulltcp-port-allocator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

using namespace ns3;

namespace
{

const FullTcpIpKey ANY4 = FullTcpIpKey::GetAny(FullTcpIpKey::Family::IPV4);
const FullTcpIpKey CLIENT = V4("10.0.0.1");

/// Local ports of n connections from CLIENT to (remote, port).
std::vector<uint16_t>
ConnectPorts(FullTcpDemux<int>& demux, const FullTcpIpKey& remote, uint16_t port, int n)
{
    std::vector<uint16_t> ports;
    for (int i = 0; i < n; ++i)
    {
        const FullTcpPortResult r = demux.Connect(CLIENT, remote, port, i);
        EXPECT_EQ(r.error, Socket::ERROR_NOTERROR) << i;
        ports.push_back(r.port);
    }
    return ports;
}

} // namespace

TEST(FullTcpPortAllocator, DefaultRangeIsRfc6335DynamicPorts)
{
    FullTcpPortAllocator ports;
    EXPECT_EQ(ports.GetEphemeralFirst(), 49152);
    EXPECT_EQ(ports.GetEphemeralLast(), 65535);
}

TEST(FullTcpPortAllocator, InvalidRangeIsRejected)
{
    FullTcpPortAllocator ports;
    EXPECT_EQ(ports.SetEphemeralRange(0, 100), Socket::ERROR_INVAL);
    EXPECT_EQ(ports.SetEphemeralRange(50001, 50000), Socket::ERROR_INVAL);
    EXPECT_EQ(ports.GetEphemeralFirst(), 49152);
    EXPECT_EQ(ports.GetEphemeralLast(), 65535);
    EXPECT_EQ(ports.SetEphemeralRange(1, 65535), Socket::ERROR_NOTERROR);
    EXPECT_EQ(ports.SetEphemeralRange(50000, 50000), Socket::ERROR_NOTERROR);
    EXPECT_EQ(ports.GetEphemeralFirst(), 50000);
    EXPECT_EQ(ports.GetEphemeralLast(), 50000);
}

// inet_csk_bind_conflict() without SO_REUSEADDR: addresses overlap when equal or when one
// is the wildcard; every holder counts, whatever its kind.
TEST(FullTcpPortAllocator, CanBindFollowsLinuxConflictRules)
{
    for (FullTcpPortUse use : {FullTcpPortUse::BOUND, FullTcpPortUse::EXPLICIT})
    {
        FullTcpPortAllocator ports;
        ports.Acquire(V4("10.0.0.1"), 80, use);
        EXPECT_FALSE(ports.CanBind(V4("10.0.0.1"), 80));
        EXPECT_FALSE(ports.CanBind(ANY4, 80));
        EXPECT_TRUE(ports.CanBind(V4("10.0.0.2"), 80));
        EXPECT_TRUE(ports.CanBind(V4("10.0.0.1"), 81));
        EXPECT_TRUE(ports.CanBind(V6("2001:db8::1"), 80));

        ports.Acquire(ANY4, 443, use);
        EXPECT_FALSE(ports.CanBind(ANY4, 443));
        EXPECT_FALSE(ports.CanBind(V4("10.0.0.2"), 443));
        EXPECT_TRUE(ports.CanBind(FullTcpIpKey::GetAny(FullTcpIpKey::Family::IPV6), 443));
    }
    FullTcpPortAllocator ports;
    ports.Acquire(CLIENT, 50000, FullTcpPortUse::AUTO);
    EXPECT_FALSE(ports.CanBind(CLIENT, 50000));
    EXPECT_FALSE(ports.CanBind(ANY4, 50000));
    EXPECT_TRUE(ports.CanBind(V4("10.0.0.2"), 50000));
    EXPECT_FALSE(ports.CanBind(V4("10.0.0.2"), 0));
}

TEST(FullTcpPortAllocator, ReleaseOfAnUnheldPortFails)
{
    FullTcpPortAllocator ports;
    EXPECT_FALSE(ports.Release(CLIENT, 80, FullTcpPortUse::BOUND));
    ports.Acquire(CLIENT, 80, FullTcpPortUse::BOUND);
    EXPECT_FALSE(ports.Release(CLIENT, 80, FullTcpPortUse::EXPLICIT));
    EXPECT_FALSE(ports.Release(ANY4, 80, FullTcpPortUse::BOUND));
    EXPECT_EQ(ports.GetHolders(CLIENT, 80, FullTcpPortUse::BOUND), 1u);
    EXPECT_TRUE(ports.Release(CLIENT, 80, FullTcpPortUse::BOUND));
    EXPECT_EQ(ports.GetHolders(CLIENT, 80, FullTcpPortUse::BOUND), 0u);
    EXPECT_TRUE(ports.CanBind(ANY4, 80));
}

// RFC 6056 §3.3.3: port = first + (next_ephemeral + offset) % size, next_ephemeral++.
TEST(FullTcpPortAllocator, SelectionFollowsRfc6056Algorithm3)
{
    const FullTcpIpKey server = V4("10.9.0.1");
    FullTcpDemux<int> fromZero;
    fromZero.SetSelectionSecret(0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0);
    const uint16_t p0 = fromZero.Connect(CLIENT, server, 80, 0).port;

    // The same offset, next_ephemeral started 7 further: 7 ports further (modulo the range).
    FullTcpDemux<int> fromSeven;
    fromSeven.SetSelectionSecret(0x0123456789abcdefULL, 0xfedcba9876543210ULL, 7);
    const uint16_t p7 = fromSeven.Connect(CLIENT, server, 80, 0).port;
    EXPECT_EQ((p0 - 49152 + 7) % 16384, p7 - 49152);

    // Each probe advances next_ephemeral: consecutive connections to one peer take
    // consecutive ports, wrapping from the top of the range to the bottom.
    FullTcpDemux<int> small;
    ASSERT_EQ(small.SetEphemeralRange(40000, 40009), Socket::ERROR_NOTERROR);
    const std::vector<uint16_t> ports = ConnectPorts(small, server, 80, 10);
    for (size_t i = 1; i < ports.size(); ++i)
    {
        EXPECT_EQ(ports[i] - 40000, (ports[i - 1] - 40000 + 1) % 10) << i;
    }
}

TEST(FullTcpPortAllocator, SelectionIsReproducibleForOneSecret)
{
    auto run = [](uint64_t k0, uint32_t next)
    {
        FullTcpDemux<int> demux;
        demux.SetSelectionSecret(k0, 42, next);
        std::vector<uint16_t> ports;
        for (const char* peer : {"10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.0.1"})
        {
            ports.push_back(demux.Connect(CLIENT, V4(peer), 80, 0).port);
        }
        ports.push_back(demux.BindEphemeral(ANY4).port);
        return ports;
    };
    EXPECT_EQ(run(1, 1000), run(1, 1000));
    EXPECT_NE(run(1, 1000), run(2, 1000));
    EXPECT_NE(run(1, 1000), run(1, 2000));
}

// F() depends on the peer, so different peers start at different places in the range.
TEST(FullTcpPortAllocator, DifferentPeersStartAtDifferentOffsets)
{
    std::set<uint16_t> firstPorts;
    for (const char* peer : {"10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.0.4"})
    {
        FullTcpDemux<int> demux;
        demux.SetSelectionSecret(7, 8, 0);
        firstPorts.insert(demux.Connect(CLIENT, V4(peer), 80, 0).port);
    }
    EXPECT_EQ(firstPorts.size(), 4u);
}

TEST(FullTcpPortAllocator, SameLocalPortReusedForDifferentPeers)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(50000, 50000), Socket::ERROR_NOTERROR);
    const std::vector<FullTcpFourTuple> peers = {
        {CLIENT, 0, V4("10.9.0.1"), 80},
        {CLIENT, 0, V4("10.9.0.1"), 8080},
        {CLIENT, 0, V4("10.9.0.2"), 80},
    };
    for (size_t i = 0; i < peers.size(); ++i)
    {
        const FullTcpPortResult r =
            demux.Connect(CLIENT, peers[i].remoteAddress, peers[i].remotePort, int(i));
        ASSERT_EQ(r.error, Socket::ERROR_NOTERROR) << i;
        EXPECT_EQ(r.port, 50000);
    }
    for (size_t i = 0; i < peers.size(); ++i)
    {
        FullTcpFourTuple t = peers[i];
        t.localPort = 50000;
        const auto found = demux.Lookup(t);
        ASSERT_EQ(found.match, FullTcpDemuxMatch::CONNECTION);
        EXPECT_EQ(*found.value, int(i));
    }
    // IPv6 has its own port space: the same port again.
    const FullTcpPortResult v6 = demux.Connect(V6("2001:db8::1"), V6("2001:db8::2"), 80, 9);
    EXPECT_EQ(v6.error, Socket::ERROR_NOTERROR);
    EXPECT_EQ(v6.port, 50000);
}

// Linux __inet_hash_connect(): a port that bind() or listen() holds is never lent to a
// connection, even from another local address.
TEST(FullTcpPortAllocator, ConnectNeverUsesABoundOrListeningPort)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40002), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Bind(ANY4, 40000), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Listen(ANY4, 40000, 0), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Bind(V4("10.0.0.9"), 40001), Socket::ERROR_NOTERROR);
    for (const char* peer : {"10.9.0.1", "10.9.0.2", "10.9.0.3"})
    {
        const FullTcpPortResult r = demux.Connect(CLIENT, V4(peer), 80, 1);
        ASSERT_EQ(r.error, Socket::ERROR_NOTERROR);
        EXPECT_EQ(r.port, 40002);
    }
    EXPECT_EQ(demux.Connect(CLIENT, V4("10.9.0.1"), 80, 1).error, Socket::ERROR_ADDRNOTAVAIL);
}

// A port that Connect() chose is held like any other: it cannot be bound at that address.
TEST(FullTcpPortAllocator, ConnectedPortCannotBeBoundAtItsAddress)
{
    FullTcpDemux<int> demux;
    const uint16_t port = demux.Connect(CLIENT, V4("10.9.0.1"), 80, 1).port;
    EXPECT_EQ(demux.Bind(CLIENT, port), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.Bind(ANY4, port), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.Bind(V4("10.0.0.2"), port), Socket::ERROR_NOTERROR);
    // ... and a port with an explicit holder is no longer shared with new connections.
    EXPECT_NE(demux.Connect(CLIENT, V4("10.9.0.2"), 80, 2).port, port);
}

// 50,000 connections from one client to 4 server endpoints (2 addresses x 2 ports): more
// than the 16,384 ports of the range, because ports are reused across peers. ns-3's own
// demux stops at ~16k (a port is unique per local port there).
TEST(FullTcpPortAllocator, MoreThan16kConnectionsFromOneClient)
{
    constexpr int N = 50000;
    FullTcpDemux<int> demux;
    demux.SetSelectionSecret(0x5eed, 0xcafe, 12345);
    const std::vector<std::pair<FullTcpIpKey, uint16_t>> servers = {
        {V4("10.9.0.1"), 80},
        {V4("10.9.0.1"), 8080},
        {V4("10.9.0.2"), 80},
        {V4("10.9.0.2"), 8080},
    };
    std::vector<FullTcpFourTuple> tuples;
    std::map<uint16_t, int> usesPerPort;
    for (int i = 0; i < N; ++i)
    {
        const auto& [server, serverPort] = servers[i % servers.size()];
        const FullTcpPortResult r = demux.Connect(CLIENT, server, serverPort, i);
        ASSERT_EQ(r.error, Socket::ERROR_NOTERROR) << i;
        ASSERT_GE(r.port, 49152);
        tuples.push_back({CLIENT, r.port, server, serverPort});
        ++usesPerPort[r.port];
    }
    EXPECT_EQ(demux.GetNConnections(), size_t(N));
    EXPECT_EQ(usesPerPort.size(), 16384u);
    for (const auto& [port, uses] : usesPerPort)
    {
        ASSERT_LE(uses, 4) << port;
    }
    for (int i = 0; i < N; ++i)
    {
        const auto r = demux.Lookup(tuples[i]);
        ASSERT_EQ(r.match, FullTcpDemuxMatch::CONNECTION) << i;
        ASSERT_EQ(*r.value, i);
    }
}

TEST(FullTcpPortAllocator, ExhaustedRangeReportsError)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40009), Socket::ERROR_NOTERROR);
    const std::vector<uint16_t> ports = ConnectPorts(demux, V4("10.9.0.1"), 80, 10);
    EXPECT_EQ(std::set<uint16_t>(ports.begin(), ports.end()).size(), 10u);

    // Linux connect(): EADDRNOTAVAIL when no port is left for this peer.
    const FullTcpPortResult r = demux.Connect(CLIENT, V4("10.9.0.1"), 80, 10);
    EXPECT_EQ(r.error, Socket::ERROR_ADDRNOTAVAIL);
    EXPECT_EQ(demux.GetNConnections(), 10u);
    // Another peer still gets a port.
    EXPECT_EQ(demux.Connect(CLIENT, V4("10.9.0.2"), 80, 11).error, Socket::ERROR_NOTERROR);
}

TEST(FullTcpPortAllocator, ReleasedPortIsReusable)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40000), Socket::ERROR_NOTERROR);
    const FullTcpIpKey server = V4("10.9.0.1");
    ASSERT_EQ(demux.Connect(CLIENT, server, 80, 1).port, 40000);
    ASSERT_EQ(demux.Connect(CLIENT, server, 80, 2).error, Socket::ERROR_ADDRNOTAVAIL);
    ASSERT_TRUE(demux.RemoveConnection({CLIENT, 40000, server, 80}));
    EXPECT_EQ(demux.Connect(CLIENT, server, 80, 3).port, 40000);
}

TEST(FullTcpPortAllocator, EphemeralBindStaysInRangeAndSkipsHeldPorts)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40009), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Bind(ANY4, 40003), Socket::ERROR_NOTERROR);
    std::set<uint16_t> ports;
    for (int i = 0; i < 9; ++i)
    {
        const FullTcpPortResult r = demux.BindEphemeral(ANY4);
        ASSERT_EQ(r.error, Socket::ERROR_NOTERROR) << i;
        EXPECT_GE(r.port, 40000);
        EXPECT_LE(r.port, 40009);
        EXPECT_NE(r.port, 40003);
        EXPECT_EQ(demux.GetPorts().GetHolders(ANY4, r.port, FullTcpPortUse::BOUND), 1u);
        ports.insert(r.port);
    }
    EXPECT_EQ(ports.size(), 9u);
}

// Linux's bind() with port 0 reports an exhausted range as EADDRINUSE.
TEST(FullTcpPortAllocator, ExhaustedBindRangeIsAddrInUse)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40001), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.BindEphemeral(ANY4).error, Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.BindEphemeral(ANY4).error, Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.BindEphemeral(ANY4).error, Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.BindEphemeral(CLIENT).error, Socket::ERROR_ADDRINUSE);
    // The IPv6 port space is untouched.
    EXPECT_EQ(demux.BindEphemeral(FullTcpIpKey::GetAny(FullTcpIpKey::Family::IPV6)).error,
              Socket::ERROR_NOTERROR);
}

// The same rules as an explicit bind: a specific address may take a port that another
// specific address holds.
TEST(FullTcpPortAllocator, EphemeralBindFollowsTheConflictRules)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.SetEphemeralRange(40000, 40000), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.BindEphemeral(V4("10.0.0.1")).port, 40000);
    EXPECT_EQ(demux.BindEphemeral(V4("10.0.0.2")).port, 40000);
    EXPECT_EQ(demux.BindEphemeral(V4("10.0.0.2")).error, Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.BindEphemeral(ANY4).error, Socket::ERROR_ADDRINUSE);
    // A bound ephemeral port listens like any bound port.
    EXPECT_EQ(demux.Listen(V4("10.0.0.1"), 40000, 1), Socket::ERROR_NOTERROR);
}
