/*
 * Test (node): FullTcpState has ns3::TcpSocket::TcpStates_t's numbers and names
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The socket exposes the engine's state as ns-3's TcpStates_t (trace source "State", GetState()
 * of drop-in programs), so the two enumerations must agree. It is the node layer's promise: the
 * engine's own tests do not link ns-3's internet module.
 */
#include "ns3/fulltcp-state.h"
#include "ns3/tcp-socket.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;
using S = FullTcpState;

TEST(StateTable, StateValuesMatchNs3TcpStates)
{
    // The socket exposes the same numbers as ns3::TcpSocket::TcpStates_t.
    EXPECT_EQ(static_cast<int>(S::CLOSED), TcpSocket::CLOSED);
    EXPECT_EQ(static_cast<int>(S::LISTEN), TcpSocket::LISTEN);
    EXPECT_EQ(static_cast<int>(S::SYN_SENT), TcpSocket::SYN_SENT);
    EXPECT_EQ(static_cast<int>(S::SYN_RCVD), TcpSocket::SYN_RCVD);
    EXPECT_EQ(static_cast<int>(S::ESTABLISHED), TcpSocket::ESTABLISHED);
    EXPECT_EQ(static_cast<int>(S::CLOSE_WAIT), TcpSocket::CLOSE_WAIT);
    EXPECT_EQ(static_cast<int>(S::LAST_ACK), TcpSocket::LAST_ACK);
    EXPECT_EQ(static_cast<int>(S::FIN_WAIT_1), TcpSocket::FIN_WAIT_1);
    EXPECT_EQ(static_cast<int>(S::FIN_WAIT_2), TcpSocket::FIN_WAIT_2);
    EXPECT_EQ(static_cast<int>(S::CLOSING), TcpSocket::CLOSING);
    EXPECT_EQ(static_cast<int>(S::TIME_WAIT), TcpSocket::TIME_WAIT);
    EXPECT_EQ(FULLTCP_STATE_COUNT, static_cast<uint32_t>(TcpSocket::LAST_STATE));
    for (uint32_t i = 0; i < FULLTCP_STATE_COUNT; ++i)
    {
        EXPECT_STREQ(FullTcpStateName(static_cast<S>(i)), TcpSocket::TcpStateName[i]);
    }
}

} // namespace
