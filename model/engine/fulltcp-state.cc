/*
 * Engine: FullTcpNextState table (RFC 9293 Figure 5 plus §3.10), state and cause names
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-state.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpState");

namespace
{

using S = FullTcpState;

/// True when s is one of the states in the list.
bool
In(S s, std::initializer_list<S> states)
{
    for (S x : states)
    {
        if (x == s)
        {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<FullTcpState>
FullTcpNextState(FullTcpState from, FullTcpStateCause cause)
{
    switch (cause)
    {
    case FullTcpStateCause::APP_LISTEN:
        // Figure 5: CLOSED --passive OPEN--> LISTEN.
        return from == S::CLOSED ? std::optional(S::LISTEN) : std::nullopt;
    case FullTcpStateCause::APP_CONNECT:
        // Figure 5: CLOSED --active OPEN / snd SYN--> SYN_SENT; LISTEN --SEND / snd SYN-->.
        return In(from, {S::CLOSED, S::LISTEN}) ? std::optional(S::SYN_SENT) : std::nullopt;
    case FullTcpStateCause::APP_CLOSE:
        // §3.10.4: LISTEN and SYN-SENT delete the TCB; SYN-RECEIVED and ESTABLISHED send
        // FIN and enter FIN-WAIT-1; CLOSE-WAIT sends FIN and enters LAST-ACK.
        if (In(from, {S::LISTEN, S::SYN_SENT}))
        {
            return S::CLOSED;
        }
        [[fallthrough]];
    case FullTcpStateCause::APP_SHUTDOWN:
        // A half-close takes the same path as CLOSE for the sending side.
        if (In(from, {S::SYN_RCVD, S::ESTABLISHED}))
        {
            return S::FIN_WAIT_1;
        }
        return from == S::CLOSE_WAIT ? std::optional(S::LAST_ACK) : std::nullopt;
    case FullTcpStateCause::APP_CLOSE_UNREAD_DATA:
        // RFC 2525 §2.17: a close that discards unread data resets the connection, in every
        // synchronized state that can still reach the peer (TIME_WAIT has nothing to reset).
        return In(from,
                  {S::ESTABLISHED,
                   S::CLOSE_WAIT,
                   S::FIN_WAIT_1,
                   S::FIN_WAIT_2,
                   S::CLOSING,
                   S::LAST_ACK})
                 ? std::optional(S::CLOSED)
                 : std::nullopt;
    case FullTcpStateCause::APP_ABORT:
        // §3.10.5: every state except CLOSED deletes the TCB.
        return from != S::CLOSED ? std::optional(S::CLOSED) : std::nullopt;
    case FullTcpStateCause::RCV_SYN:
        // §3.10.7.2 (LISTEN), §3.10.7.3 (simultaneous open), RFC 6191 (TIME_WAIT reuse:
        // the old incarnation ends so that a listener can accept the new one).
        if (In(from, {S::LISTEN, S::SYN_SENT}))
        {
            return S::SYN_RCVD;
        }
        return from == S::TIME_WAIT ? std::optional(S::CLOSED) : std::nullopt;
    case FullTcpStateCause::RCV_SYN_ACK:
        // §3.10.7.3: SYN-SENT with SND.UNA > ISS; SYN-RECEIVED when the peer's SYN-ACK of a
        // simultaneous open acknowledges our SYN.
        return In(from, {S::SYN_SENT, S::SYN_RCVD}) ? std::optional(S::ESTABLISHED) : std::nullopt;
    case FullTcpStateCause::RCV_ACK_OF_SYN:
        // §3.10.7.4 fifth step, SYN-RECEIVED.
        return from == S::SYN_RCVD ? std::optional(S::ESTABLISHED) : std::nullopt;
    case FullTcpStateCause::RCV_FIN:
        // §3.10.7.4 eighth step.
        switch (from)
        {
        case S::ESTABLISHED:
            return S::CLOSE_WAIT;
        case S::FIN_WAIT_1:
            return S::CLOSING;
        case S::FIN_WAIT_2:
            return S::TIME_WAIT;
        default:
            return std::nullopt;
        }
    case FullTcpStateCause::RCV_FIN_ACK:
        // §3.10.7.4 eighth step: "If our FIN has been ACKed ... enter TIME-WAIT".
        return from == S::FIN_WAIT_1 ? std::optional(S::TIME_WAIT) : std::nullopt;
    case FullTcpStateCause::RCV_ACK_OF_FIN:
        // §3.10.7.4 fifth step.
        switch (from)
        {
        case S::FIN_WAIT_1:
            return S::FIN_WAIT_2;
        case S::CLOSING:
            return S::TIME_WAIT;
        case S::LAST_ACK:
            return S::CLOSED;
        default:
            return std::nullopt;
        }
    case FullTcpStateCause::RCV_RST:
        // §3.10.7.3 and §3.10.7.4 second step: every state that has a peer. (A passive
        // SYN-RECEIVED "returns to LISTEN": its listener stays in LISTEN, the embryonic
        // connection itself is deleted, see doc/lifecycle.rst.)
        return In(from, {S::CLOSED, S::LISTEN}) ? std::nullopt : std::optional(S::CLOSED);
    case FullTcpStateCause::RCV_DATA_AFTER_CLOSE:
        // RFC 2525 §2.17: data that nobody will read, after a full CLOSE.
        return In(from, {S::FIN_WAIT_1, S::FIN_WAIT_2}) ? std::optional(S::CLOSED) : std::nullopt;
    case FullTcpStateCause::TIMEOUT_2MSL:
        return from == S::TIME_WAIT ? std::optional(S::CLOSED) : std::nullopt;
    case FullTcpStateCause::TIMEOUT_FIN_WAIT_2:
        return from == S::FIN_WAIT_2 ? std::optional(S::CLOSED) : std::nullopt;
    case FullTcpStateCause::FORK:
        // A child begins as a copy of its listener: a fresh (CLOSED) connection becomes LISTEN.
        return from == S::CLOSED ? std::optional(S::LISTEN) : std::nullopt;
    case FullTcpStateCause::RETRIES_EXHAUSTED:
        // §3.8.3: states with something (SYN, data, FIN) awaiting acknowledgment.
        return In(from,
                  {S::SYN_SENT,
                   S::SYN_RCVD,
                   S::ESTABLISHED,
                   S::CLOSE_WAIT,
                   S::LAST_ACK,
                   S::FIN_WAIT_1,
                   S::CLOSING})
                 ? std::optional(S::CLOSED)
                 : std::nullopt;
    case FullTcpStateCause::RCV_ICMP_UNREACHABLE:
        // RFC 1122 §4.2.3.9 leaves hard errors to the application; answering a SYN, nobody
        // will ever answer it, so the open fails (FullTcpConnection::IcmpArrives()).
        // FullTcpConfig::linuxIcmpOpen: also an open in SYN_RCVD (Linux tcp_req_err(),
        // tcp_done_with_error()).
        return from == S::SYN_SENT || from == S::SYN_RCVD ? std::optional(S::CLOSED) : std::nullopt;
    }
    return std::nullopt;
}

bool
FullTcpIsLegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause)
{
    const auto next = FullTcpNextState(from, cause);
    return next.has_value() && *next == to;
}

const char*
FullTcpStateName(FullTcpState s)
{
    static const char* const names[FULLTCP_STATE_COUNT] = {"CLOSED",
                                                           "LISTEN",
                                                           "SYN_SENT",
                                                           "SYN_RCVD",
                                                           "ESTABLISHED",
                                                           "CLOSE_WAIT",
                                                           "LAST_ACK",
                                                           "FIN_WAIT_1",
                                                           "FIN_WAIT_2",
                                                           "CLOSING",
                                                           "TIME_WAIT"};
    const auto i = static_cast<uint32_t>(s);
    return i < FULLTCP_STATE_COUNT ? names[i] : "INVALID_STATE";
}

const char*
FullTcpStateCauseName(FullTcpStateCause c)
{
    static const char* const names[FULLTCP_STATE_CAUSE_COUNT] = {"APP_LISTEN",
                                                                 "APP_CONNECT",
                                                                 "APP_CLOSE",
                                                                 "APP_SHUTDOWN",
                                                                 "APP_CLOSE_UNREAD_DATA",
                                                                 "APP_ABORT",
                                                                 "RCV_SYN",
                                                                 "RCV_SYN_ACK",
                                                                 "RCV_ACK_OF_SYN",
                                                                 "RCV_FIN",
                                                                 "RCV_FIN_ACK",
                                                                 "RCV_ACK_OF_FIN",
                                                                 "RCV_RST",
                                                                 "RCV_DATA_AFTER_CLOSE",
                                                                 "TIMEOUT_2MSL",
                                                                 "TIMEOUT_FIN_WAIT_2",
                                                                 "RETRIES_EXHAUSTED",
                                                                 "RCV_ICMP_UNREACHABLE",
                                                                 "FORK"};
    const auto i = static_cast<uint32_t>(c);
    return i < FULLTCP_STATE_CAUSE_COUNT ? names[i] : "INVALID_CAUSE";
}

std::ostream&
operator<<(std::ostream& os, FullTcpState s)
{
    return os << FullTcpStateName(s);
}

std::ostream&
operator<<(std::ostream& os, FullTcpStateCause c)
{
    return os << FullTcpStateCauseName(c);
}

} // namespace ns3
