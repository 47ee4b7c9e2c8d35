/*
 * Test: the passive Fast Open child (RFC 7413 §4.2.2): SYN data acknowledged, cookie on the
 * SYN-ACK, sending in SYN_RCVD
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The listener's decision (fulltcp-socket-fast-open.cc) reaches the engine through
 * AcceptSyn()'s FullTcpPassiveFastOpen; each test injects one SYN and checks the exact reply.
 */
#include "fulltcp-engine-fixture.h"

namespace fulltcp_test
{

namespace
{

FullTcpFastOpenOption
Cookie(bool experimental = false)
{
    FullTcpFastOpenOption fo;
    fo.cookie = {0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb};
    fo.experimental = experimental;
    return fo;
}

/// A listener accepted a SYN carrying "0123456789" with a valid cookie.
class FastOpenChildTest : public EngineTest
{
  protected:
    /// \return whether AcceptSyn() made the child (SYN_RCVD, the data received)
    bool
    AcceptChildWithSynData()
    {
        FullTcpPassiveFastOpen fo;
        fo.accept = true;
        fo.data = Payload("0123456789");
        return Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now, fo)
            == FullTcpError::OK;
    }
};

} // namespace

TEST_F(FastOpenChildTest, FastOpenSynAckAcknowledgesTheSynData)
{
    ASSERT_TRUE(AcceptChildWithSynData());

    // tcp_fastopen_add_skb(): rcv_nxt covers the data; the SYN-ACK acks it, no cookie.
    EXPECT_SENT(Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 11).Win(kBuf - 10).Mss(1460));
    EXPECT_EQ(State(), S::SYN_RCVD);
    EXPECT_TRUE(Conn().GetTcb().synDataAcked);
    EXPECT_EQ(ReadAll(), "0123456789"); // readable before the handshake completes
}

TEST_F(EngineTest, FastOpenCookieRequestGetsTheCookieOnTheSynAck)
{
    FullTcpPassiveFastOpen fo;
    fo.cookie = Cookie();
    ASSERT_EQ(Conn().AcceptSyn(
                  MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss).Data("abc")), kIss, now, fo),
              FullTcpError::OK);

    // The data is not accepted (no accept): ack covers the SYN only; the cookie follows the
    // other options, then nop,nop (tcp_options_write()).
    Seg want = Flags(H::SYN | H::ACK).Seq(kIss).Ack(kIrs + 1).Win(kBuf).Mss(1460);
    want.Opts().SetFastOpen(Cookie());
    EXPECT_SENT(want);
    EXPECT_FALSE(Conn().GetTcb().synDataAcked);
    EXPECT_EQ(ReadAll(), "");
}

TEST_F(EngineTest, FastOpenExperimentalCookieKeepsItsKind)
{
    FullTcpPassiveFastOpen fo;
    fo.cookie = Cookie(true);
    ASSERT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now, fo),
              FullTcpError::OK);
    ASSERT_FALSE(out.sent.empty());
    const auto& got = out.sent.front().header.GetOptions().GetFastOpen();
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->experimental);
}

TEST_F(FastOpenChildTest, FastOpenChildSendsInSynRcvd)
{
    ASSERT_TRUE(AcceptChildWithSynData());
    out.sent.clear();

    // RFC 7413 §4.2.2: the server may send before the handshake completes.
    ASSERT_EQ(Conn().Send(Payload(std::string(100, 'x')), now), FullTcpError::OK);
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 11).Data(std::string(100, 'x')));
    EXPECT_EQ(State(), S::SYN_RCVD);
}

TEST_F(EngineTest, OrdinaryChildDoesNotSendInSynRcvd)
{
    ASSERT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now),
              FullTcpError::OK);
    out.sent.clear();
    ASSERT_EQ(Conn().Send(Payload(std::string(100, 'x')), now), FullTcpError::OK);
    EXPECT_NOTHING_SENT(); // §3.10.2: queued until ESTABLISHED
}

TEST_F(FastOpenChildTest, FastOpenChildEstablishesOnTheAckOfItsData)
{
    ASSERT_TRUE(AcceptChildWithSynData());
    ASSERT_EQ(Conn().Send(Payload(std::string(100, 'x')), now), FullTcpError::OK);
    out.sent.clear();

    Inject(Flags(H::ACK).Seq(kIrs + 11).Ack(kIss + 101));
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_EQ(Conn().GetTcb().sndUna, 101);
}

TEST_F(FastOpenChildTest, FastOpenChildResetInSynRcvdIsReported)
{
    ASSERT_TRUE(AcceptChildWithSynData());
    out.sent.clear();

    // The application holds the child since its SYN: a RST is its ECONNRESET (tcp_reset()),
    // not the silent end of an ordinary child.
    Inject(Flags(H::RST | H::ACK).Seq(kIrs + 11).Ack(kIss + 1));
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_TRUE(Saw(E::RESET));
}

// ------------------------------------------------- ICMP in SYN_RCVD (linuxIcmpOpen)

TEST_F(FastOpenChildTest, LinuxIcmpErrorEndsTheFastOpenChild)
{
    cfg.linuxIcmpOpen = true;
    ASSERT_TRUE(AcceptChildWithSynData());
    out.sent.clear();
    // tcp_v4_err() -> tcp_done_with_error(): the application holds the child, which ends with
    // the error; nothing is sent.
    const FullTcpIcmpError e {FullTcpIcmpKind::SOFT, kIss, 0, false};
    EXPECT_EQ(Conn().IcmpArrives(e, now), FullTcpIcmpResult::CONNECT_FAILED);
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_TRUE(Saw(E::UNREACHABLE));
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, LinuxFatalIcmpDropsAConnectionRequestSilently)
{
    cfg.linuxIcmpOpen = true;
    ASSERT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now),
              FullTcpError::OK);
    out.sent.clear();
    // tcp_req_err(): a host unreachable quoting the SYN-ACK drops the request, unreported.
    const FullTcpIcmpError e {FullTcpIcmpKind::SOFT, kIss, 0, true};
    EXPECT_EQ(Conn().IcmpArrives(e, now), FullTcpIcmpResult::CONNECT_FAILED);
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_TRUE(out.events.empty());
    EXPECT_NOTHING_SENT();
}

TEST_F(EngineTest, LinuxIcmpThatIsNotFatalLeavesAConnectionRequest)
{
    cfg.linuxIcmpOpen = true;
    ASSERT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now),
              FullTcpError::OK);
    // tcp_req_err() aborts only on net/host unreachable, time exceeded, parameter problem.
    const FullTcpIcmpError e {FullTcpIcmpKind::HARD, kIss, 0, false};
    EXPECT_EQ(Conn().IcmpArrives(e, now), FullTcpIcmpResult::SOFT_ERROR);
    EXPECT_EQ(State(), S::SYN_RCVD);
}

} // namespace fulltcp_test
