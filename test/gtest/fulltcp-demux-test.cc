/*
 * Test: demux lookup order, Linux bind conflicts, IPv4/IPv6 separation, removal, scale
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpDemux: lookup order (exact 4-tuple, specific listener, wildcard listener), the
 * bind-conflict rules of Linux without SO_REUSEADDR, IPv4/IPv6 separation, removal, scale.
 */
#include "fulltcp-ip-key-util.h"

#include "ns3/fulltcp-demux.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The IPv4-compatible IPv6 address ::a.b.c.d (RFC 4291 §2.5.5.1), built from its bytes.
FullTcpIpKey
V4Compatible(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    uint8_t bytes[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, a, b, c, d};
    return FullTcpIpKey(Ipv6Address(bytes));
}

const FullTcpIpKey ANY4 = FullTcpIpKey::GetAny(FullTcpIpKey::Family::IPV4);
const FullTcpIpKey ANY6 = FullTcpIpKey::GetAny(FullTcpIpKey::Family::IPV6);

/// A demux with a listener on (address, port) holding value.
void
AddListener(FullTcpDemux<int>& demux, const FullTcpIpKey& address, uint16_t port, int value)
{
    ASSERT_EQ(demux.Bind(address, port), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Listen(address, port, value), Socket::ERROR_NOTERROR);
}

} // namespace

TEST(FullTcpDemux, ExactMatchBeatsListener)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 1);
    const FullTcpFourTuple t {V4("10.0.0.1"), 80, V4("10.0.0.2"), 40000};
    ASSERT_EQ(demux.Accept(t, 2), Socket::ERROR_NOTERROR);

    auto r = demux.Lookup(t);
    EXPECT_EQ(r.match, FullTcpDemuxMatch::CONNECTION);
    ASSERT_NE(r.value, nullptr);
    EXPECT_EQ(*r.value, 2);

    // Another peer on the same local endpoint still reaches the listener.
    r = demux.Lookup({V4("10.0.0.1"), 80, V4("10.0.0.2"), 40001});
    EXPECT_EQ(r.match, FullTcpDemuxMatch::WILDCARD_LISTENER);
    ASSERT_NE(r.value, nullptr);
    EXPECT_EQ(*r.value, 1);
}

TEST(FullTcpDemux, SpecificListenerMatchesOnlyItsAddress)
{
    FullTcpDemux<int> demux;
    AddListener(demux, V4("10.0.0.1"), 80, 1);
    auto r = demux.Lookup({V4("10.0.0.1"), 80, V4("10.0.0.9"), 1234});
    EXPECT_EQ(r.match, FullTcpDemuxMatch::LISTENER);
    ASSERT_NE(r.value, nullptr);
    EXPECT_EQ(*r.value, 1);

    r = demux.Lookup({V4("10.0.0.2"), 80, V4("10.0.0.9"), 1234});
    EXPECT_EQ(r.match, FullTcpDemuxMatch::NONE);
    EXPECT_EQ(r.value, nullptr);
    EXPECT_EQ(demux.Lookup({V4("10.0.0.1"), 81, V4("10.0.0.9"), 1234}).match,
              FullTcpDemuxMatch::NONE);
}

TEST(FullTcpDemux, WildcardListenerMatchesEveryAddressOfItsFamily)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 4);
    AddListener(demux, ANY6, 80, 6);
    for (const char* a : {"10.0.0.1", "192.168.7.7", "127.0.0.1"})
    {
        const auto r = demux.Lookup({V4(a), 80, V4("10.0.0.9"), 1234});
        EXPECT_EQ(r.match, FullTcpDemuxMatch::WILDCARD_LISTENER) << a;
        ASSERT_NE(r.value, nullptr);
        EXPECT_EQ(*r.value, 4);
    }
    const auto r = demux.Lookup({V6("2001:db8::1"), 80, V6("2001:db8::9"), 1234});
    EXPECT_EQ(r.match, FullTcpDemuxMatch::WILDCARD_LISTENER);
    ASSERT_NE(r.value, nullptr);
    EXPECT_EQ(*r.value, 6);
}

// Linux without SO_REUSEADDR (inet_csk_bind_conflict): a wildcard and a specific address
// overlap, so a specific-address listener and a wildcard listener never share a port; which
// one "beats" the other therefore never arises. Both orders are refused.
TEST(FullTcpDemux, SpecificAndWildcardListenerOnOnePortAreAddrInUse)
{
    FullTcpDemux<int> specificFirst;
    AddListener(specificFirst, V4("10.0.0.1"), 80, 1);
    EXPECT_EQ(specificFirst.Bind(ANY4, 80), Socket::ERROR_ADDRINUSE);

    FullTcpDemux<int> wildcardFirst;
    AddListener(wildcardFirst, ANY4, 80, 1);
    EXPECT_EQ(wildcardFirst.Bind(V4("10.0.0.1"), 80), Socket::ERROR_ADDRINUSE);

    // A mere bind (no listen yet) holds the port just the same.
    FullTcpDemux<int> boundOnly;
    ASSERT_EQ(boundOnly.Bind(ANY4, 80), Socket::ERROR_NOTERROR);
    EXPECT_EQ(boundOnly.Bind(V4("10.0.0.1"), 80), Socket::ERROR_ADDRINUSE);
}

TEST(FullTcpDemux, SecondListenerOnSamePortIsAddrInUse)
{
    FullTcpDemux<int> demux;
    AddListener(demux, V4("10.0.0.1"), 80, 1);
    EXPECT_EQ(demux.Bind(V4("10.0.0.1"), 80), Socket::ERROR_ADDRINUSE);
    AddListener(demux, ANY6, 443, 2);
    EXPECT_EQ(demux.Bind(ANY6, 443), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.GetNListeners(), 2u);
}

TEST(FullTcpDemux, ListenersOnDifferentAddressesShareAPort)
{
    FullTcpDemux<int> demux;
    AddListener(demux, V4("10.0.0.1"), 80, 1);
    AddListener(demux, V4("10.0.0.2"), 80, 2);
    EXPECT_EQ(*demux.Lookup({V4("10.0.0.1"), 80, V4("10.9.9.9"), 5}).value, 1);
    EXPECT_EQ(*demux.Lookup({V4("10.0.0.2"), 80, V4("10.9.9.9"), 5}).value, 2);
}

TEST(FullTcpDemux, Ipv6AndIpv4KeysDoNotCollide)
{
    // 1.2.3.4, its IPv4-compatible and its IPv4-mapped IPv6 forms are three keys.
    const FullTcpIpKey v4 = V4("1.2.3.4");
    const FullTcpIpKey compatible = V4Compatible(1, 2, 3, 4);
    const FullTcpIpKey mapped(Ipv6Address::MakeIpv4MappedAddress(Ipv4Address("1.2.3.4")));
    EXPECT_NE(v4, compatible);
    EXPECT_NE(v4, mapped);
    EXPECT_NE(compatible, mapped);
    EXPECT_EQ(v4.GetLow(), compatible.GetLow());
    EXPECT_NE(ANY4, ANY6);

    FullTcpDemux<int> demux;
    const FullTcpIpKey peer4 = V4("5.6.7.8");
    const FullTcpIpKey peer6 = V4Compatible(5, 6, 7, 8);
    ASSERT_EQ(demux.Accept({v4, 80, peer4, 1000}, 4), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Accept({compatible, 80, peer6, 1000}, 6), Socket::ERROR_NOTERROR);
    EXPECT_EQ(*demux.Lookup({v4, 80, peer4, 1000}).value, 4);
    EXPECT_EQ(*demux.Lookup({compatible, 80, peer6, 1000}).value, 6);
    EXPECT_EQ(demux.Lookup({mapped, 80, peer6, 1000}).match, FullTcpDemuxMatch::NONE);

    // The wildcard listener of one family does not catch the other.
    AddListener(demux, ANY6, 22, 66);
    EXPECT_EQ(demux.Lookup({v4, 22, peer4, 1}).match, FullTcpDemuxMatch::NONE);
    EXPECT_EQ(demux.Lookup({mapped, 22, peer6, 1}).match, FullTcpDemuxMatch::WILDCARD_LISTENER);
}

// As ns-3's separate Ipv4EndPointDemux and Ipv6EndPointDemux (Linux with IPV6_V6ONLY).
TEST(FullTcpDemux, Ipv4AndIpv6HaveSeparatePortSpaces)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 4);
    EXPECT_EQ(demux.Bind(ANY6, 80), Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.Listen(ANY6, 80, 6), Socket::ERROR_NOTERROR);
    EXPECT_EQ(*demux.Lookup({V4("10.0.0.1"), 80, V4("10.0.0.2"), 9}).value, 4);
    EXPECT_EQ(*demux.Lookup({V6("2001:db8::1"), 80, V6("2001:db8::2"), 9}).value, 6);
}

TEST(FullTcpDemux, TakenFourTupleIsAddrInUse)
{
    FullTcpDemux<int> demux;
    const FullTcpFourTuple t {V4("10.0.0.1"), 5000, V4("10.0.0.2"), 80};
    ASSERT_EQ(demux.Accept(t, 1), Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.Accept(t, 2), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(*demux.FindConnection(t), 1);
    EXPECT_EQ(demux.GetNConnections(), 1u);
}

// POSIX connect(): EADDRINUSE for "addresses that are already in use" (Linux says
// EADDRNOTAVAIL). The bind rules keep a bound socket's port to itself, so only a connection
// inserted on that port behind the rules' back (here an Accept) can collide.
TEST(FullTcpDemux, ConnectBoundToTakenFourTupleFailsAndKeepsTheBind)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.Bind(ANY4, 7000), Socket::ERROR_NOTERROR);
    const FullTcpFourTuple t {V4("10.0.0.1"), 7000, V4("10.0.0.2"), 80};
    ASSERT_EQ(demux.Accept(t, 1), Socket::ERROR_NOTERROR);

    EXPECT_EQ(demux.ConnectBound(ANY4, t, 2), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(*demux.FindConnection(t), 1);
    EXPECT_EQ(demux.GetPorts().GetHolders(ANY4, 7000, FullTcpPortUse::BOUND), 1u);
    EXPECT_EQ(demux.ConnectBound(ANY4, {V4("10.0.0.1"), 7000, V4("10.0.0.2"), 81}, 2),
              Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.GetPorts().GetHolders(ANY4, 7000, FullTcpPortUse::BOUND), 0u);
}

TEST(FullTcpDemux, ConnectBoundWildcardTakesTheRoutedAddress)
{
    FullTcpDemux<int> demux;
    ASSERT_EQ(demux.Bind(ANY4, 5000), Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.Bind(V4("10.0.0.2"), 5000), Socket::ERROR_ADDRINUSE);
    ASSERT_EQ(demux.ConnectBound(ANY4, {V4("10.0.0.1"), 5000, V4("10.9.0.1"), 80}, 1),
              Socket::ERROR_NOTERROR);
    // The bind is gone (taken over), and the port is held at 10.0.0.1 only: as in Linux,
    // the wildcard became the source address, so another address may bind the port.
    EXPECT_FALSE(demux.Unbind(ANY4, 5000));
    EXPECT_EQ(demux.Bind(V4("10.0.0.1"), 5000), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.Bind(V4("10.0.0.2"), 5000), Socket::ERROR_NOTERROR);
}

TEST(FullTcpDemux, RemoveThenLookupMisses)
{
    FullTcpDemux<int> demux;
    AddListener(demux, V4("10.0.0.1"), 80, 1);
    const FullTcpFourTuple t {V4("10.0.0.1"), 80, V4("10.0.0.2"), 40000};
    ASSERT_EQ(demux.Accept(t, 2), Socket::ERROR_NOTERROR);

    EXPECT_TRUE(demux.RemoveConnection(t));
    EXPECT_FALSE(demux.RemoveConnection(t));
    EXPECT_EQ(demux.FindConnection(t), nullptr);
    EXPECT_EQ(demux.Lookup(t).match, FullTcpDemuxMatch::LISTENER);

    EXPECT_TRUE(demux.RemoveListener(V4("10.0.0.1"), 80));
    EXPECT_FALSE(demux.RemoveListener(V4("10.0.0.1"), 80));
    EXPECT_EQ(demux.Lookup(t).match, FullTcpDemuxMatch::NONE);
    EXPECT_EQ(demux.GetNConnections(), 0u);
    EXPECT_EQ(demux.GetNListeners(), 0u);
}

TEST(FullTcpDemux, RemovedListenerFreesItsPort)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 1);
    ASSERT_TRUE(demux.RemoveListener(ANY4, 80));
    EXPECT_EQ(demux.Bind(V4("10.0.0.1"), 80), Socket::ERROR_NOTERROR);
    EXPECT_TRUE(demux.Unbind(V4("10.0.0.1"), 80));
    EXPECT_FALSE(demux.Unbind(V4("10.0.0.1"), 80));
    EXPECT_EQ(demux.Bind(ANY4, 80), Socket::ERROR_NOTERROR);
}

// Linux __inet_inherit_port(): accepted connections hold the listener's port, so a restarted
// server gets EADDRINUSE while old connections (TIME_WAIT included) remain.
TEST(FullTcpDemux, AcceptedConnectionsKeepTheListenerPortInUse)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 1);
    const FullTcpFourTuple t {V4("10.0.0.1"), 80, V4("10.0.0.2"), 40000};
    ASSERT_EQ(demux.Accept(t, 2), Socket::ERROR_NOTERROR);
    ASSERT_TRUE(demux.RemoveListener(ANY4, 80));
    EXPECT_EQ(demux.Bind(ANY4, 80), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.Bind(V4("10.0.0.1"), 80), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(demux.Bind(V4("10.0.0.5"), 80), Socket::ERROR_NOTERROR);
    ASSERT_TRUE(demux.Unbind(V4("10.0.0.5"), 80));
    ASSERT_TRUE(demux.RemoveConnection(t));
    EXPECT_EQ(demux.Bind(ANY4, 80), Socket::ERROR_NOTERROR);
}

TEST(FullTcpDemux, ListenWithoutBindIsInval)
{
    FullTcpDemux<int> demux;
    EXPECT_EQ(demux.Listen(ANY4, 80, 1), Socket::ERROR_INVAL);
    AddListener(demux, ANY4, 80, 1);
    EXPECT_EQ(demux.Listen(ANY4, 80, 2), Socket::ERROR_INVAL); // the bind was taken over
    EXPECT_EQ(*demux.LookupListener(V4("10.0.0.1"), 80).value, 1);
    EXPECT_EQ(demux.Bind(ANY4, 0), Socket::ERROR_INVAL);
}

TEST(FullTcpDemux, MismatchedFamiliesAndWildcardConnectionsAreInval)
{
    FullTcpDemux<int> demux;
    EXPECT_EQ(demux.Accept({V4("10.0.0.1"), 80, V6("2001:db8::2"), 1}, 1), Socket::ERROR_INVAL);
    EXPECT_EQ(demux.Accept({ANY4, 80, V4("10.0.0.2"), 1}, 1), Socket::ERROR_INVAL);
    EXPECT_EQ(demux.Connect(V4("10.0.0.1"), V6("2001:db8::2"), 80, 1).error, Socket::ERROR_INVAL);
    EXPECT_EQ(demux.Connect(ANY6, V6("2001:db8::2"), 80, 1).error, Socket::ERROR_INVAL);

    ASSERT_EQ(demux.Bind(V4("10.0.0.1"), 5000), Socket::ERROR_NOTERROR);
    // The connection must use the bound address, and the bind must exist.
    EXPECT_EQ(demux.ConnectBound(V4("10.0.0.1"), {V4("10.0.0.3"), 5000, V4("10.0.0.2"), 80}, 1),
              Socket::ERROR_INVAL);
    EXPECT_EQ(demux.ConnectBound(ANY4, {V4("10.0.0.1"), 5000, V4("10.0.0.2"), 80}, 1),
              Socket::ERROR_INVAL);
    EXPECT_EQ(demux.ConnectBound(V4("10.0.0.1"), {V4("10.0.0.1"), 5001, V4("10.0.0.2"), 80}, 1),
              Socket::ERROR_INVAL);
    ASSERT_EQ(demux.Bind(ANY6, 5000), Socket::ERROR_NOTERROR);
    EXPECT_EQ(demux.ConnectBound(ANY6, {V4("10.0.0.1"), 5000, V4("10.0.0.2"), 80}, 1),
              Socket::ERROR_INVAL);
    EXPECT_EQ(demux.GetNConnections(), 0u);
}

// The protocol swaps a closed socket for a compact TIME_WAIT record in place.
TEST(FullTcpDemux, FoundConnectionValueIsAssignable)
{
    FullTcpDemux<int> demux;
    const FullTcpFourTuple t {V6("2001:db8::1"), 80, V6("2001:db8::2"), 40000};
    ASSERT_EQ(demux.Accept(t, 1), Socket::ERROR_NOTERROR);
    int* value = demux.FindConnection(t);
    ASSERT_NE(value, nullptr);
    *value = 99;
    EXPECT_EQ(*demux.Lookup(t).value, 99);
}

// A SYN for a 4-tuple in TIME_WAIT (RFC 6191) is handed to the listener past the record.
TEST(FullTcpDemux, LookupListenerSkipsConnections)
{
    FullTcpDemux<int> demux;
    AddListener(demux, V4("10.0.0.1"), 80, 1);
    const FullTcpFourTuple t {V4("10.0.0.1"), 80, V4("10.0.0.2"), 40000};
    ASSERT_EQ(demux.Accept(t, 2), Socket::ERROR_NOTERROR);
    const auto r = demux.LookupListener(t.localAddress, t.localPort);
    EXPECT_EQ(r.match, FullTcpDemuxMatch::LISTENER);
    EXPECT_EQ(*r.value, 1);
}

TEST(FullTcpDemux, ForEachVisitsEveryEntry)
{
    FullTcpDemux<int> demux;
    AddListener(demux, ANY4, 80, 1);
    ASSERT_EQ(demux.Accept({V4("10.0.0.1"), 80, V4("10.0.0.2"), 1}, 10), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Connect(V4("10.0.0.1"), V4("10.0.0.3"), 80, 100).error, Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Bind(ANY4, 81), Socket::ERROR_NOTERROR); // a bind holds no value
    int sum = 0;
    demux.ForEach(
        [&sum](int& v)
        {
            sum += v;
        });
    EXPECT_EQ(sum, 111);
}

TEST(FullTcpDemux, HoldsPtrValues)
{
    // Reference-counted values as the sockets are (a Packet: since ns-3.46 a bare Object
    // without a TypeId of its own aborts in ObjectBase::ConstructSelf()).
    FullTcpDemux<Ptr<Packet>> demux;
    Ptr<Packet> listener = Create<Packet>();
    Ptr<Packet> child = Create<Packet>();
    ASSERT_EQ(demux.Bind(ANY4, 80), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Listen(ANY4, 80, listener), Socket::ERROR_NOTERROR);
    const FullTcpFourTuple t {V4("10.0.0.1"), 80, V4("10.0.0.2"), 1};
    ASSERT_EQ(demux.Accept(t, child), Socket::ERROR_NOTERROR);
    EXPECT_EQ(*demux.Lookup(t).value, child);
    EXPECT_EQ(*demux.Lookup({V4("10.0.0.1"), 80, V4("10.0.0.2"), 2}).value, listener);
    demux = FullTcpDemux<Ptr<Packet>>(); // what DoDispose does: drop every reference
    EXPECT_EQ(child->GetReferenceCount(), 1u);
    EXPECT_EQ(listener->GetReferenceCount(), 1u);
}

TEST(FullTcpDemux, KeysConvertFromAndToAddress)
{
    const auto v4 = FullTcpIpKey::FromAddress(Ipv4Address("10.1.2.3"));
    ASSERT_TRUE(v4.has_value());
    EXPECT_EQ(v4->GetFamily(), FullTcpIpKey::Family::IPV4);
    EXPECT_EQ(Ipv4Address::ConvertFrom(v4->ToAddress()), Ipv4Address("10.1.2.3"));

    const auto v6 = FullTcpIpKey::FromAddress(Ipv6Address("2001:db8:0:1::ff"));
    ASSERT_TRUE(v6.has_value());
    EXPECT_EQ(v6->GetFamily(), FullTcpIpKey::Family::IPV6);
    EXPECT_EQ(Ipv6Address::ConvertFrom(v6->ToAddress()), Ipv6Address("2001:db8:0:1::ff"));

    // A socket address carries a port: not a key.
    EXPECT_FALSE(FullTcpIpKey::FromAddress(InetSocketAddress(Ipv4Address("10.1.2.3"), 80)));
    EXPECT_FALSE(FullTcpIpKey::FromAddress(Address()));

    EXPECT_TRUE(ANY4.IsAny());
    EXPECT_TRUE(ANY6.IsAny());
    EXPECT_TRUE(FullTcpIpKey().IsAny());
    EXPECT_FALSE(v6->IsAny());
}

TEST(FullTcpDemux, KeysAndMatchesPrintReadably)
{
    std::ostringstream os;
    os << FullTcpFourTuple {V4("10.0.0.1"), 80, V4("10.0.0.2"), 5000} << ' '
       << FullTcpLocalEndpoint {V6("2001:db8::1"), 443} << ' '
       << FullTcpDemuxMatch::WILDCARD_LISTENER;
    EXPECT_EQ(os.str(), "10.0.0.1:80 -> 10.0.0.2:5000 [2001:db8::1]:443 WILDCARD_LISTENER");
}

// 100,000 connections on one server port, half IPv4 and half IPv6: each is found by its
// 4-tuple (no timing asserted; a per-packet scan would make this test crawl).
TEST(FullTcpDemux, ScaleHundredThousandConnections)
{
    constexpr uint32_t N = 100000;
    FullTcpDemux<uint32_t> demux;
    ASSERT_EQ(demux.Bind(ANY4, 80), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Listen(ANY4, 80, N), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Bind(ANY6, 80), Socket::ERROR_NOTERROR);
    ASSERT_EQ(demux.Listen(ANY6, 80, N + 1), Socket::ERROR_NOTERROR);

    const FullTcpIpKey server4 = V4("10.0.0.1");
    const FullTcpIpKey server6 = V6("2001:db8::1");
    auto tupleOf = [&](uint32_t i)
    {
        const auto port = static_cast<uint16_t>(1024 + i % 50000);
        const uint32_t host = i / 50000 + 2;
        if (i % 2 == 0)
        {
            return FullTcpFourTuple {
                server4, 80, FullTcpIpKey(Ipv4Address(0x0a000000 | host)), port};
        }
        uint8_t bytes[16] = {0x20, 0x01, 0x0d, 0xb8};
        bytes[15] = static_cast<uint8_t>(host);
        return FullTcpFourTuple {server6, 80, FullTcpIpKey(Ipv6Address(bytes)), port};
    };

    for (uint32_t i = 0; i < N; ++i)
    {
        ASSERT_EQ(demux.Accept(tupleOf(i), i), Socket::ERROR_NOTERROR) << i;
    }
    EXPECT_EQ(demux.GetNConnections(), N);
    for (uint32_t i = 0; i < N; ++i)
    {
        const auto r = demux.Lookup(tupleOf(i));
        ASSERT_EQ(r.match, FullTcpDemuxMatch::CONNECTION) << i;
        ASSERT_EQ(*r.value, i);
    }
    const auto unknown = demux.Lookup({server6, 80, V6("2001:db8::99"), 7});
    EXPECT_EQ(unknown.match, FullTcpDemuxMatch::WILDCARD_LISTENER);
    EXPECT_EQ(*unknown.value, N + 1);

    for (uint32_t i = 0; i < N; ++i)
    {
        ASSERT_TRUE(demux.RemoveConnection(tupleOf(i))) << i;
    }
    EXPECT_EQ(demux.GetNConnections(), 0u);
    // Only the two listeners hold port 80 now.
    EXPECT_EQ(demux.GetPorts().GetHolders(ANY4, 80, FullTcpPortUse::EXPLICIT), 1u);
    EXPECT_EQ(demux.GetPorts().GetHolders(server4, 80, FullTcpPortUse::EXPLICIT), 0u);
    EXPECT_EQ(demux.GetPorts().GetHolders(ANY6, 80, FullTcpPortUse::EXPLICIT), 1u);
}
