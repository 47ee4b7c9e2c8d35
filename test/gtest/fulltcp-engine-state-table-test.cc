/*
 * Test: legal-transition table and random input never leaving it
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The legal-transition table (RFC 9293 Figure 5 and §3.10) and the proof that the engine
 * never leaves it, even under random input.
 */
#include "fulltcp-engine-fixture.h"

#include <queue>
#include <random>
#include <set>

namespace fulltcp_test
{
namespace
{

std::vector<S>
AllStates()
{
    std::vector<S> v;
    for (uint32_t i = 0; i < FULLTCP_STATE_COUNT; ++i)
    {
        v.push_back(static_cast<S>(i));
    }
    return v;
}

std::vector<C>
AllCauses()
{
    std::vector<C> v;
    for (uint32_t i = 0; i < FULLTCP_STATE_CAUSE_COUNT; ++i)
    {
        v.push_back(static_cast<C>(i));
    }
    return v;
}

/// States reachable from `from` through the table.
std::set<S>
Reachable(S from)
{
    std::set<S> seen {from};
    std::queue<S> todo;
    todo.push(from);
    while (!todo.empty())
    {
        const S s = todo.front();
        todo.pop();
        for (C c : AllCauses())
        {
            if (const auto next = FullTcpNextState(s, c); next && seen.insert(*next).second)
            {
                todo.push(*next);
            }
        }
    }
    return seen;
}

TEST(StateTable, EveryFigure5TransitionIsLegal)
{
    // RFC 9293 Figure 5, edge by edge, plus FIN_WAIT_1 → TIME_WAIT on FIN+ACK (§3.10.7.4).
    // "rcv RST" in SYN-RECEIVED "returns to LISTEN": the listener never left LISTEN, the
    // embryonic child goes to CLOSED (doc/lifecycle.rst).
    const std::vector<Transition> figure5 = {
        {S::CLOSED, S::LISTEN, C::APP_LISTEN},
        {S::CLOSED, S::SYN_SENT, C::APP_CONNECT},
        {S::LISTEN, S::SYN_RCVD, C::RCV_SYN},
        {S::LISTEN, S::SYN_SENT, C::APP_CONNECT},
        {S::LISTEN, S::CLOSED, C::APP_CLOSE},
        {S::SYN_SENT, S::SYN_RCVD, C::RCV_SYN},
        {S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK},
        {S::SYN_SENT, S::CLOSED, C::APP_CLOSE},
        {S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN},
        {S::SYN_RCVD, S::FIN_WAIT_1, C::APP_CLOSE},
        {S::SYN_RCVD, S::CLOSED, C::RCV_RST},
        {S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE},
        {S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN},
        {S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN},
        {S::FIN_WAIT_1, S::CLOSING, C::RCV_FIN},
        {S::FIN_WAIT_1, S::TIME_WAIT, C::RCV_FIN_ACK},
        {S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN},
        {S::CLOSING, S::TIME_WAIT, C::RCV_ACK_OF_FIN},
        {S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL},
        {S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE},
        {S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN},
    };
    for (const auto& t : figure5)
    {
        EXPECT_TRUE(FullTcpIsLegalTransition(t.from, t.to, t.cause)) << t;
    }
}

TEST(StateTable, TableRejectsTransitionsFigure5DoesNotHave)
{
    EXPECT_FALSE(FullTcpIsLegalTransition(S::LISTEN, S::ESTABLISHED, C::RCV_SYN_ACK));
    EXPECT_FALSE(FullTcpIsLegalTransition(S::ESTABLISHED, S::TIME_WAIT, C::RCV_FIN));
    EXPECT_FALSE(FullTcpIsLegalTransition(S::CLOSE_WAIT, S::CLOSED, C::RCV_ACK_OF_FIN));
    EXPECT_FALSE(FullTcpIsLegalTransition(S::FIN_WAIT_2, S::CLOSED, C::TIMEOUT_2MSL));
    EXPECT_FALSE(FullTcpIsLegalTransition(S::LISTEN, S::CLOSED, C::RCV_RST)); // RST ignored
    EXPECT_FALSE(FullTcpIsLegalTransition(S::TIME_WAIT, S::CLOSED, C::RETRIES_EXHAUSTED));
    EXPECT_FALSE(FullTcpIsLegalTransition(S::FIN_WAIT_2, S::CLOSED, C::RETRIES_EXHAUSTED));
}

TEST(StateTable, ClosedIsLeftOnlyByAnOpen)
{
    for (C c : AllCauses())
    {
        const auto next = FullTcpNextState(S::CLOSED, c);
        if (next)
        {
            EXPECT_TRUE(*next == S::LISTEN || *next == S::SYN_SENT) << c;
        }
    }
}

TEST(StateTable, ForkOnlyStartsAFreshConnectionAsItsListenersCopy)
{
    // AcceptSyn()'s child goes through the choke point too: CLOSED --FORK--> LISTEN, and from
    // no other state.
    for (S s : AllStates())
    {
        const auto next = FullTcpNextState(s, C::FORK);
        EXPECT_EQ(next, s == S::CLOSED ? std::optional<S>(S::LISTEN) : std::nullopt) << s;
    }
}

TEST(StateTable, NoTransitionLeadsBackIntoListen)
{
    for (S s : AllStates())
    {
        for (C c : AllCauses())
        {
            const auto next = FullTcpNextState(s, c);
            EXPECT_FALSE(next && *next == S::LISTEN && s != S::CLOSED) << s << " " << c;
        }
    }
}

TEST(StateTable, NoStateTransitionsToItself)
{
    for (S s : AllStates())
    {
        for (C c : AllCauses())
        {
            const auto next = FullTcpNextState(s, c);
            EXPECT_FALSE(next && *next == s) << s << " " << c;
        }
    }
}

TEST(StateTable, EveryStateIsReachableFromClosedAndReachesClosed)
{
    EXPECT_EQ(Reachable(S::CLOSED).size(), FULLTCP_STATE_COUNT);
    for (S s : AllStates())
    {
        EXPECT_TRUE(Reachable(s).count(S::CLOSED)) << s;
        if (s != S::CLOSED)
        {
            // ABORT ends everything (§3.10.5).
            EXPECT_EQ(FullTcpNextState(s, C::APP_ABORT), S::CLOSED) << s;
        }
    }
}

TEST(StateTable, NamesAreDistinctAndKnown)
{
    std::set<std::string> names;
    for (S s : AllStates())
    {
        names.insert(FullTcpStateName(s));
    }
    for (C c : AllCauses())
    {
        names.insert(FullTcpStateCauseName(c));
    }
    EXPECT_EQ(names.size(), FULLTCP_STATE_COUNT + FULLTCP_STATE_CAUSE_COUNT);
    EXPECT_EQ(names.count("INVALID_STATE") + names.count("INVALID_CAUSE"), 0u);
    EXPECT_STREQ(FullTcpStateName(static_cast<S>(FULLTCP_STATE_COUNT)), "INVALID_STATE");
    // The engine's timer slots print as they always did (logs, traces).
    EXPECT_STREQ(FullTcpTimerName(T::RETRANSMIT), "RETRANSMIT");
    EXPECT_STREQ(FullTcpTimerName(T::DELAYED_ACK), "DELAYED_ACK");
    EXPECT_STREQ(FullTcpTimerName(T::KEEPALIVE), "KEEPALIVE");
    EXPECT_STREQ(FullTcpTimerName(T::LINGER), "LINGER");
    for (uint32_t e = 0; e <= static_cast<uint32_t>(E::TIMED_OUT); ++e)
    {
        EXPECT_STRNE(FullTcpAppEventName(static_cast<E>(e)), "INVALID_EVENT");
    }
    for (uint32_t r = 0; r <= static_cast<uint32_t>(D::PAWS_REJECTED); ++r)
    {
        EXPECT_STRNE(FullTcpDropReasonName(static_cast<D>(r)), "INVALID_REASON");
    }
}

// ------------------------------------------------------------------ random input

/// A starting state for the random walk.
struct FuzzStart
{
    const char* name;            //!< for the test name
    void (EngineTest::*drive)(); //!< its driver
};

class RandomInput : public EngineTest,
                    public ::testing::WithParamInterface<std::tuple<FuzzStart, uint32_t>>
{
};

TEST_P(RandomInput, EngineNeverTakesAnIllegalTransition)
{
    const auto& [start, seed] = GetParam();
    cfg.timestamps = seed % 2 == 0;
    cfg.windowScaling = seed % 3 == 0;
    cfg.challengeAckInterval = seed % 4 == 0 ? Seconds(0) : cfg.challengeAckInterval;
    (this->*start.drive)();
    std::mt19937 rng(seed);
    auto pick = [&rng](uint32_t n)
    {
        return std::uniform_int_distribution<uint32_t>(0, n - 1)(rng);
    };
    for (int step = 0; step < 1000; ++step)
    {
        if (State() == S::CLOSED)
        {
            Restart(); // a closed connection only answers with resets: start over
            (this->*start.drive)();
        }
        const FullTcpTcb& tcb = Conn().GetTcb();
        const uint32_t rcvNxt = tcb.rcv.ToWire(tcb.rcvNxt);
        const uint32_t sndNxt = tcb.snd.ToWire(tcb.sndNxt);
        switch (pick(10))
        {
        case 0:
            Advance(MilliSeconds(pick(5000)));
            break;
        case 1:
        {
            const uint32_t what = pick(6);
            if (what == 0)
            {
                Conn().Send(Payload(std::string(pick(3000), 's')), now);
            }
            else if (what == 1)
            {
                Conn().Receive(pick(3000), now);
            }
            else if (what == 2)
            {
                Conn().Close(now);
            }
            else if (what == 3)
            {
                Conn().ShutdownSend(now);
            }
            else if (what == 4 && pick(10) == 0)
            {
                Conn().Abort(now);
            }
            break;
        }
        default:
        {
            // Segments near the connection's sequence numbers, with arbitrary flags.
            // RST on one segment in eight, so that connections live long enough to matter.
            uint8_t flags = static_cast<uint8_t>(pick(256));
            if (pick(8) != 0)
            {
                flags &= ~H::RST;
            }
            Seg s = Flags(flags)
                        .Seq(pick(4) == 0 ? static_cast<uint32_t>(rng()) : rcvNxt + pick(40) - 20)
                        .Ack(pick(4) == 0 ? static_cast<uint32_t>(rng()) : sndNxt + pick(40) - 20)
                        .Win(static_cast<uint16_t>(pick(4) == 0 ? 0 : pick(65536)))
                        .Data(std::string(pick(3) == 0 ? pick(1500) : 0, 'p'));
            if (pick(2) == 0)
            {
                s.Ts(static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng()));
            }
            if (pick(4) == 0)
            {
                s.Mss(static_cast<uint16_t>(pick(65536))).Ws(static_cast<uint8_t>(pick(256)));
            }
            Inject(s);
            break;
        }
        }
        // Invariants that hold in every state.
        ASSERT_LE(tcb.sndUna, tcb.sndNxt);
        ASSERT_LE(tcb.rcvQueue.Size(), cfg.rcvBufSize);
        ASSERT_LE(tcb.sendQueue.Size(), cfg.sndBufSize);
        ASSERT_TRUE(out.illegal.empty()) << out.illegal.front() << " at step " << step;
        out.sent.clear();
    }
}

const FuzzStart kStarts[] = {
    {"SynSent", &EngineTest::DriveToSynSent},
    {"SynRcvdPassive", &EngineTest::DriveToSynRcvdPassive},
    {"SynRcvdActive", &EngineTest::DriveToSynRcvdActive},
    {"Established", &EngineTest::DriveToEstablished},
    {"FinWait1", &EngineTest::DriveToFinWait1},
    {"FinWait2", &EngineTest::DriveToFinWait2},
    {"Closing", &EngineTest::DriveToClosing},
    {"TimeWait", &EngineTest::DriveToTimeWait},
    {"CloseWait", &EngineTest::DriveToCloseWait},
    {"LastAck", &EngineTest::DriveToLastAck},
};

INSTANTIATE_TEST_SUITE_P(EveryState,
                         RandomInput,
                         ::testing::Combine(::testing::ValuesIn(kStarts), ::testing::Range(1u, 9u)),
                         [](const ::testing::TestParamInfo<std::tuple<FuzzStart, uint32_t>>& info)
                         {
                             return std::string(std::get<0>(info.param).name) + "Seed"
                                  + std::to_string(std::get<1>(info.param));
                         });

} // namespace
} // namespace fulltcp_test
