/*
 * Test: engine Fast Open client rules, RFC 7413 §4.2.1 (Linux tcp_send_syn_data,
 * tcp_rcv_fastopen_synack) SPDX-License-Identifier: GPL-2.0-only
 *
 * The client side of Fast Open in the engine: what the SYN carries (cookie, request, data),
 * what a SYN-ACK that acknowledges all, part or none of the data makes the client send, and
 * what it reports for the cookie cache.
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{
namespace
{

/// A Fast Open connect with the peer's cookie "abcd" cached (or none), on options-off config.
class FastOpenClient : public EngineTest
{
  protected:
    static FullTcpFastOpenOption
    Cookie()
    {
        FullTcpFastOpenOption o;
        o.cookie = {0xab, 0xcd, 0x12, 0x34};
        return o;
    }

    /// Connect with Fast Open: data, the cached cookie (if any) and MSS. \return bytes taken
    uint32_t
    ConnectFastOpen(const std::string& data,
                    std::optional<FullTcpFastOpenOption> cookie,
                    uint16_t cachedMss = 0)
    {
        FullTcpFastOpenRequest fo;
        fo.cookie = cookie;
        fo.cachedMss = cachedMss;
        fo.data = Payload(data);
        uint32_t taken = 0;
        EXPECT_EQ(Conn().ConnectFastOpen(kLocalPort, kRemotePort, kIss, fo, now, taken),
                  FullTcpError::OK);
        return taken;
    }

    /// The SYN we expect: MSS, then the Fast Open option, then the data.
    Seg
    Syn(const std::optional<FullTcpFastOpenOption>& fo, const std::string& data)
    {
        Seg s = Flags(H::SYN).Seq(kIss).Mss(cfg.mss).Data(data);
        if (fo)
        {
            s.Opts().SetFastOpen(*fo);
        }
        return s;
    }
};

TEST_F(FastOpenClient, CookieCachedSynCarriesCookieAndData)
{
    // RFC 7413 §4.2.1: "the client ... sends the SYN with the Fast Open option (cookie) and
    // data".
    EXPECT_EQ(ConnectFastOpen("hello", Cookie()), 5u);
    EXPECT_SENT(Syn(Cookie(), "hello"));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Conn().GetTcb().sndNxt, 6); // the SYN and its 5 bytes are in flight
}

TEST_F(FastOpenClient, NoCookieSynRequestsOneAndCarriesNoData)
{
    // RFC 7413 §4.1.1: an empty option asks for a cookie; tcp_send_syn_data() falls back to a
    // SYN without data.
    EXPECT_EQ(ConnectFastOpen("hello", std::nullopt), 0u);
    EXPECT_SENT(Syn(FullTcpFastOpenOption {}, ""));
    EXPECT_EQ(Conn().GetTcb().sndNxt, 1);
}

TEST_F(FastOpenClient, SynDataIsCachedMssLessOptionSpace)
{
    // tcp_send_syn_data(): the cached MSS less MAX_TCP_OPTION_SPACE (40).
    const std::string data(200, 'x');
    EXPECT_EQ(ConnectFastOpen(data, Cookie(), 140), 100u);
    EXPECT_SENT(Syn(Cookie(), data.substr(0, 100)));
}

TEST_F(FastOpenClient, SynAckAckingAllDataGetsPlainAckAndReportsCookie)
{
    ConnectFastOpen("hello", Cookie());
    out.ClearHistory();
    FullTcpFastOpenOption fresh;
    fresh.cookie = {1, 2, 3, 4, 5, 6, 7, 8};
    Seg synAck = Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 6).Mss(kPeerMss);
    synAck.Opts().SetFastOpen(fresh);
    Inject(synAck);

    EXPECT_SENT(Flags(H::ACK).Seq(kIss + 6).Ack(kIrs + 1).NoOptions());
    EXPECT_NOTHING_SENT();
    EXPECT_TRUE(Conn().GetTcb().synDataAcked); // TCPI_OPT_SYN_DATA
    ASSERT_EQ(out.learned.size(), 1u);
    EXPECT_EQ(out.learned[0].mss, kPeerMss);
    EXPECT_EQ(out.learned[0].cookie, fresh);
}

TEST_F(FastOpenClient, SynAckAckingOnlySynResendsDataCarryingTheAck)
{
    // tcp_rcv_fastopen_synack(): the data is marked lost and retransmitted at once; that
    // segment acknowledges the SYN-ACK, no pure ACK goes.
    ConnectFastOpen("hello", Cookie());
    out.ClearHistory();
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));

    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("hello"));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(Conn().GetTcb().synDataAcked);
}

TEST_F(FastOpenClient, SynRetransmissionCarriesNeitherDataNorOption)
{
    // tcp_send_syn_data(): "Exclude Fast Open option for SYN retries"; the data waits.
    ConnectFastOpen("hello", Cookie());
    out.ClearHistory();
    Advance(cfg.initialRto);

    EXPECT_SENT(Flags(H::SYN).Seq(kIss).Mss(cfg.mss).Data(""));
    EXPECT_NOTHING_SENT();
}

TEST_F(FastOpenClient, UnsolicitedCookieOnPlainConnectIsNotReported)
{
    // tcp_rcv_fastopen_synack(): "Ignore an unsolicited cookie".
    DriveToSynSent();
    Seg synAck = Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss);
    synAck.Opts().SetFastOpen(Cookie());
    Inject(synAck);

    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(out.learned.empty());
}

} // namespace
TEST_F(FastOpenClient, UnansweredCookieRequestAsksToTryTheExperimentalOption)
{
    // tcp_rcv_fastopen_synack(): a request in the RFC 7413 option, answered without a cookie:
    // try_exp 1 (the next request uses kind 254).
    ConnectFastOpen("", std::nullopt);
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    ASSERT_EQ(out.learned.size(), 1u);
    EXPECT_EQ(out.learned[0].tryExp, 1);
}

TEST_F(FastOpenClient, UnansweredExperimentalRequestGoesBackToTheRfcOption)
{
    // ... and one in the experimental option: try_exp 2 (back to kind 34).
    FullTcpFastOpenRequest fo;
    fo.requestExperimental = true;
    uint32_t taken = 0;
    ASSERT_EQ(Conn().ConnectFastOpen(kLocalPort, kRemotePort, kIss, fo, now, taken),
              FullTcpError::OK);
    FullTcpFastOpenOption exp;
    exp.experimental = true;
    EXPECT_SENT(Syn(exp, ""));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    ASSERT_EQ(out.learned.size(), 1u);
    EXPECT_EQ(out.learned[0].tryExp, 2);
}

// ------------------------------------------------- ICMP during the open (linuxIcmpOpen)

TEST_F(FastOpenClient, LinuxFragNeededResendsTheSynWithoutItsData)
{
    cfg.linuxIcmpOpen = true;
    ASSERT_EQ(ConnectFastOpen(std::string(1000, 'x'), Cookie()), 1000u);
    out.sent.clear();
    // tcp_v4_mtu_reduced() -> tcp_simple_retransmit(): the SYN again at once, without data and
    // option, offering the MSS of MTU 840 (840 - 40); the data waits for the handshake.
    const FullTcpIcmpError e {FullTcpIcmpKind::PACKET_TOO_BIG, kIss, 840, false};
    EXPECT_EQ(Conn().IcmpArrives(e, now), FullTcpIcmpResult::MSS_LOWERED);
    EXPECT_SENT(Flags(H::SYN).Seq(kIss).Mss(800));
    EXPECT_NOTHING_SENT();
}

TEST_F(FastOpenClient, RfcFragNeededLeavesTheSynToItsTimer)
{
    ASSERT_EQ(ConnectFastOpen(std::string(1000, 'x'), Cookie()), 1000u);
    out.sent.clear();
    const FullTcpIcmpError e {FullTcpIcmpKind::PACKET_TOO_BIG, kIss, 840, false};
    EXPECT_EQ(Conn().IcmpArrives(e, now), FullTcpIcmpResult::MSS_UNCHANGED);
    EXPECT_NOTHING_SENT();
}

} // namespace fulltcp_test
