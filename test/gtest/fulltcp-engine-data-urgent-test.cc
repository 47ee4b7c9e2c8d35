/*
 * Test: urgent pointer carried, urgent data in line (RFC 9293 §3.8.5) or out of band (Linux)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for the urgent pointer (RFC 9293 §3.8.5 with RFC 6093): parsed and carried,
 * urgent data delivered in line, no state change; with urgentOutOfBand (the Linux profile)
 * the last urgent byte leaves the stream as on a Linux socket without SO_OOBINLINE.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

TEST_F(DataTest, UrgentDataIsDeliveredInLine)
{
    DriveToEstablished();
    Seg s = PeerData(0, 10);
    s.flags |= H::URG;
    FullTcpHeader h = MakeHeader(s);
    h.SetUrgentPointer(4);
    Conn().SegmentArrives(FullTcpSegmentIn(h, Payload(s.data), now));
    // RCV.UP = SEG.SEQ + SEG.UP: the urgent data ends after 4 octets (RFC 6093).
    EXPECT_EQ(Tcb().rcvUp, 1 + 4);
    EXPECT_EQ(ReadAll(), Text(10)); // in line, with the rest
    EXPECT_EQ(State(), S::ESTABLISHED);
    EXPECT_TRUE(out.transitions.empty());
    EXPECT_EQ(out.events, (std::vector<E> {E::DATA_ARRIVED}));
}

TEST_F(DataTest, UrgentPointerOnlyMovesForward)
{
    DriveToEstablished();
    for (const auto& [offset, up] : std::vector<std::pair<uint32_t, uint16_t>> {{0, 8}, {10, 1}})
    {
        Seg s = PeerData(offset, 10);
        s.flags |= H::URG;
        FullTcpHeader h = MakeHeader(s);
        h.SetUrgentPointer(up);
        Conn().SegmentArrives(FullTcpSegmentIn(h, Payload(s.data), now));
    }
    EXPECT_EQ(Tcb().rcvUp, 1 + 11); // max(RCV.UP, SEG.UP)
}

TEST_F(InCloseWait, UrgentPointerAfterTheFinIsIgnored)
{
    FullTcpHeader h = MakeHeader(Flags(H::ACK | H::URG).Seq(kIrs + 2).Ack(kIss + 1));
    h.SetUrgentPointer(3);
    Conn().SegmentArrives(FullTcpSegmentIn(h, Create<Packet>(), now));
    EXPECT_FALSE(Conn().GetTcb().rcvUp);
}

TEST_F(DataTest, SendUrgentMarksTheSegmentsBeforeThePointer)
{
    DriveToEstablished();
    ASSERT_EQ(Conn().SendUrgent(Payload("!!"), now), FullTcpError::OK);
    ASSERT_EQ(out.sent.size(), 1u);
    const FullTcpHeader& h = out.sent.front().header;
    EXPECT_EQ(h.GetFlags(), H::ACK | H::PSH | H::URG);
    EXPECT_EQ(h.GetUrgentPointer(), 2u); // just past the urgent data
    EXPECT_EQ(Bytes(out.sent.front().payload), "!!");
    out.ClearHistory();
    Inject(PeerAck(2));
    Write("later");
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 3).Ack(kIrs + 1).Data("later"));
}

TEST_F(DataTest, SendUrgentFailsLikeSend)
{
    DriveToEstablished();
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    EXPECT_EQ(Conn().SendUrgent(Payload("!"), now), FullTcpError::CLOSING);
    EXPECT_FALSE(Conn().GetTcb().sndUp);
}

// ------------------------------------------------ urgentOutOfBand (Linux without SO_OOBINLINE)

/// Established with urgentOutOfBand, as the Linux profile.
class UrgentTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.urgentOutOfBand = true;
        DriveToEstablished();
    }

    /// The peer's data [offset, offset + n) with URG and urgent pointer up.
    void
    InjectUrgent(uint32_t offset, uint32_t n, uint16_t up)
    {
        Seg s = PeerData(offset, n);
        s.flags |= H::URG;
        FullTcpHeader h = MakeHeader(s);
        h.SetUrgentPointer(up);
        Conn().SegmentArrives(FullTcpSegmentIn(h, Payload(s.data), now));
    }

    /// \return up to n bytes read
    std::string
    Read(uint32_t n)
    {
        return Bytes(Conn().Receive(n, now));
    }
};

TEST_F(UrgentTest, UrgentByteLeavesTheStream)
{
    // Linux tcp_check_urg() (tcp_stdurg = 0): the byte before the pointer, offset 4, is the
    // urgent byte; a read stops before it, then skips it; MSG_OOB returns it once.
    InjectUrgent(0, 10, 5);
    EXPECT_EQ(Read(100), Text(10).substr(0, 4));
    const FullTcpUrgentRead r = Conn().ReceiveUrgent(now);
    EXPECT_EQ(r.status, FullTcpUrgentRead::BYTE);
    EXPECT_EQ(r.byte, static_cast<uint8_t>(Text(10)[4]));
    EXPECT_EQ(Conn().ReceiveUrgent(now).status, FullTcpUrgentRead::NONE);
    EXPECT_EQ(Read(100), Text(10).substr(5));
    EXPECT_EQ(Tcb().rcvUp, 1 + 5); // RCV.UP as without the option
}

TEST_F(UrgentTest, AReadPastTheUrgentByteForgetsIt)
{
    // tcp_recvmsg_locked(): once the reader is past the urgent byte, urg_data = 0.
    InjectUrgent(0, 10, 3);
    EXPECT_EQ(Read(100), Text(10).substr(0, 2));
    EXPECT_EQ(Read(100), Text(10).substr(3));
    EXPECT_EQ(Conn().ReceiveUrgent(now).status, FullTcpUrgentRead::NONE);
}

TEST_F(UrgentTest, AnUrgentByteNotYetArrivedWouldBlock)
{
    // tcp_recv_urg(): announced, not here: EAGAIN; tcp_urg() takes it from the segment that
    // brings it.
    InjectUrgent(0, 10, 15);
    EXPECT_EQ(Conn().ReceiveUrgent(now).status, FullTcpUrgentRead::NOT_YET);
    EXPECT_EQ(Read(100), Text(10));
    Inject(PeerData(10, 10));
    EXPECT_EQ(Read(100), Text(20).substr(10, 4));
    const FullTcpUrgentRead r = Conn().ReceiveUrgent(now);
    EXPECT_EQ(r.status, FullTcpUrgentRead::BYTE);
    EXPECT_EQ(r.byte, static_cast<uint8_t>(Text(20)[14]));
    EXPECT_EQ(Read(100), Text(20).substr(15));
}

TEST_F(UrgentTest, ANewUrgentPointerDropsTheOldUrgentByteNextInLine)
{
    // tcp_check_urg(): the unread urgent byte at the read position leaves the stream for
    // good; only the newest is out of band.
    InjectUrgent(0, 10, 1);
    InjectUrgent(10, 10, 5);
    EXPECT_EQ(Read(100), Text(20).substr(1, 13));
    EXPECT_EQ(Conn().ReceiveUrgent(now).byte, static_cast<uint8_t>(Text(20)[14]));
    EXPECT_EQ(Read(100), Text(20).substr(15));
}

TEST_F(DataTest, WithoutUrgentOutOfBandThereIsNoUrgentByteToRead)
{
    DriveToEstablished();
    Seg s = PeerData(0, 10);
    s.flags |= H::URG;
    FullTcpHeader h = MakeHeader(s);
    h.SetUrgentPointer(5);
    Conn().SegmentArrives(FullTcpSegmentIn(h, Payload(s.data), now));
    EXPECT_EQ(Conn().ReceiveUrgent(now).status, FullTcpUrgentRead::NONE);
    EXPECT_EQ(Bytes(Conn().Receive(100, now)), Text(10));
}

} // namespace
} // namespace fulltcp_test
