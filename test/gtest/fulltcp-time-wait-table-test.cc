/*
 * Test: TIME_WAIT table expiry order behind one event, 2·MSL close, FIN moves record back
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpTimeWaitTable: records kept in expiry order behind one ns-3 event. Each record
 * closes at its own 2·MSL (RFC 9293 §3.10.8) with the TIME_WAIT → CLOSED transition on the
 * protocol's StateChange trace; a retransmitted FIN moves its record to the back.
 */
#include "fulltcp-engine-fixture.h"

#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/fulltcp-time-wait.h"
#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"

#include <utility>

namespace fulltcp_test
{
namespace
{

/// A table of a protocol without a node (its segments go nowhere), fed with engines driven
/// to TIME_WAIT by the engine fixture, run on the ns-3 simulator.
class TimeWaitTableTest : public EngineTest
{
  protected:
    TimeWaitTableTest()
    {
        tcp->TraceConnectWithoutContext("StateChange",
                                        Callback<void,
                                                 uint32_t,
                                                 const Address&,
                                                 const Address&,
                                                 FullTcpState,
                                                 FullTcpState,
                                                 FullTcpStateCause>(
                                            [this](uint32_t,
                                                   const Address& local,
                                                   const Address&,
                                                   FullTcpState from,
                                                   FullTcpState to,
                                                   FullTcpStateCause c)
                                            {
                                                EXPECT_EQ(from, S::TIME_WAIT);
                                                EXPECT_EQ(to, S::CLOSED);
                                                closed.emplace_back(
                                                    InetSocketAddress::ConvertFrom(local).GetPort(),
                                                    Simulator::Now());
                                                causes.push_back(c);
                                            }));
    }

    void
    TearDown() override
    {
        table.Clear();
        tcp->Dispose();
        Simulator::Destroy();
        EngineTest::TearDown();
    }

    /// \param port local port of the record \return its 4-tuple
    static FullTcpFourTuple
    Tuple(uint16_t port)
    {
        return FullTcpFourTuple {FullTcpIpKey(Ipv4Address("10.0.0.1")),
                                 port,
                                 FullTcpIpKey(Ipv4Address("10.0.0.2")),
                                 kRemotePort};
    }

    /// Drive a fresh engine to TIME_WAIT at fixture time `at` and hand it to the table.
    void
    AdoptAt(Time at, uint16_t port)
    {
        Restart();
        now = at;
        DriveToTimeWait();
        ASSERT_NE(table.Adopt(Tuple(port), Conn(), FullTcpIpParams {}), nullptr);
    }

    Ptr<FullTcpL4Protocol> tcp {CreateObject<FullTcpL4Protocol>()}; //!< the owner (no node)
    FullTcpTimeWaitTable table {PeekPointer(tcp)};                  //!< under test
    std::vector<std::pair<uint16_t, Time>> closed; //!< (port, when) of each TIME_WAIT end
    std::vector<FullTcpStateCause> causes;         //!< and why
};

TEST_F(TimeWaitTableTest, RecordsCloseAtTheirOwnTwoMslInOrder)
{
    // Adopted out of order: the table still closes them by expiry.
    AdoptAt(Seconds(2), 2);
    AdoptAt(Seconds(0), 1);
    AdoptAt(Seconds(3), 3);
    EXPECT_EQ(table.Size(), 3u);
    Simulator::Run();
    const Time twoMsl = 2 * cfg.msl;
    EXPECT_EQ(closed,
              (std::vector<std::pair<uint16_t, Time>> {
                  {1, twoMsl}, {2, Seconds(2) + twoMsl}, {3, Seconds(3) + twoMsl}}));
    EXPECT_EQ(causes, std::vector<FullTcpStateCause>(3, C::TIMEOUT_2MSL));
    EXPECT_EQ(table.Size(), 0u);
}

TEST_F(TimeWaitTableTest, RetransmittedFinMovesItsRecordToTheBack)
{
    AdoptAt(Seconds(0), 1);
    AdoptAt(Seconds(1), 2);
    const FullTcpHeader fin = MakeHeader(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    Simulator::Schedule(Seconds(100),
                        [this, fin]()
                        {
                            table.SegmentArrives(Tuple(1),
                                                 FullTcpSegmentIn(fin, nullptr, Simulator::Now()),
                                                 nullptr);
                        });
    Simulator::Run();
    const Time twoMsl = 2 * cfg.msl;
    EXPECT_EQ(closed,
              (std::vector<std::pair<uint16_t, Time>> {{2, Seconds(1) + twoMsl},
                                                       {1, Seconds(100) + twoMsl}}));
}

TEST_F(TimeWaitTableTest, AcceptableRstClosesTheRecordAtOnce)
{
    AdoptAt(Seconds(0), 1);
    AdoptAt(Seconds(0), 2);
    const FullTcpHeader rst = MakeHeader(Flags(H::RST).Seq(kIrs + 2));
    Simulator::Schedule(Seconds(5),
                        [this, rst]()
                        {
                            table.SegmentArrives(Tuple(2),
                                                 FullTcpSegmentIn(rst, nullptr, Simulator::Now()),
                                                 nullptr);
                        });
    Simulator::Run();
    ASSERT_EQ(closed.size(), 2u);
    EXPECT_EQ(closed[0], std::make_pair(uint16_t {2}, Seconds(5)));
    EXPECT_EQ(causes[0], C::RCV_RST);
    EXPECT_EQ(closed[1], std::make_pair(uint16_t {1}, 2 * cfg.msl));
}

} // namespace
} // namespace fulltcp_test
