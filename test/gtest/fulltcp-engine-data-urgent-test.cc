/*
 * Test: urgent pointer carried, urgent data delivered in line (RFC 9293 §3.8.5, RFC 6093)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for the urgent pointer (RFC 9293 §3.8.5 with RFC 6093): parsed and carried,
 * urgent data delivered in line, no state change.
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

} // namespace
} // namespace fulltcp_test
