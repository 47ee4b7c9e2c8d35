/*
 * Engine: the eleven states (RFC 9293 §3.3.2), transition causes, legal-transition API
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_STATE_H
#define FULLTCP_STATE_H

#include <cstdint>
#include <optional>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The eleven connection states of RFC 9293 §3.3.2, in ns-3's spelling and order.
 *
 * The numeric values equal ns3::TcpSocket::TcpStates_t, so the socket can expose a trace
 * that existing ns-3 trace sinks and scripts understand (a test checks the equality).
 */
enum class FullTcpState : uint8_t
{
    CLOSED = 0,  //!< no connection
    LISTEN,      //!< waiting for a connection request (passive OPEN)
    SYN_SENT,    //!< SYN sent, waiting for a matching SYN
    SYN_RCVD,    //!< SYN received and SYN sent, waiting for the ACK of our SYN
    ESTABLISHED, //!< open: data flows both ways
    CLOSE_WAIT,  //!< peer sent FIN, waiting for the local user's CLOSE
    LAST_ACK,    //!< FIN sent after the peer's FIN, waiting for its ACK
    FIN_WAIT_1,  //!< local CLOSE: FIN queued or sent, not yet acknowledged
    FIN_WAIT_2,  //!< our FIN acknowledged, waiting for the peer's FIN
    CLOSING,     //!< both FINs sent (simultaneous close), ours not yet acknowledged
    TIME_WAIT,   //!< both FINs done; linger 2·MSL to absorb old duplicates (RFC 9293 §3.6.1)
};

/// Number of states (for tables indexed by state).
constexpr uint32_t FULLTCP_STATE_COUNT = 11;

/**
 * \ingroup fulltcp
 * \brief Why a state transition happened: the event of RFC 9293 Figure 5 / §3.10.
 *
 * Every transition names its cause; together with the state it comes from, the cause
 * determines the next state (see FullTcpNextState()).
 */
enum class FullTcpStateCause : uint8_t
{
    APP_LISTEN,            //!< user passive OPEN (RFC 9293 §3.10.1)
    APP_CONNECT,           //!< user active OPEN, or SEND in LISTEN (§3.10.1, §3.10.2)
    APP_CLOSE,             //!< user CLOSE (§3.10.4)
    APP_SHUTDOWN,          //!< user closes only its sending side (half-close, §3.6)
    APP_CLOSE_UNREAD_DATA, //!< CLOSE with unread received data: RST (§3.6.1, RFC 2525 §2.17)
    APP_ABORT,             //!< user ABORT (§3.10.5)
    RCV_SYN,               //!< SYN received (LISTEN, simultaneous open, TIME_WAIT reuse)
    RCV_SYN_ACK,           //!< acceptable SYN-ACK received (SYN_SENT; simultaneous open)
    RCV_ACK_OF_SYN,        //!< the third ACK of the handshake (SYN_RCVD)
    RCV_FIN,               //!< FIN received (§3.10.7.4, eighth step)
    RCV_FIN_ACK,           //!< FIN that also acknowledges our FIN (FIN_WAIT_1 → TIME_WAIT)
    RCV_ACK_OF_FIN,        //!< ACK of our FIN (§3.10.7.4, fifth step)
    RCV_RST,               //!< acceptable RST received (§3.10.7.3, §3.10.7.4 second step)
    RCV_DATA_AFTER_CLOSE,  //!< new data after a full close: RST (§3.6.1, RFC 2525 §2.17)
    TIMEOUT_2MSL,          //!< TIME_WAIT linger ended (§3.10.8)
    TIMEOUT_FIN_WAIT_2,    //!< orphaned FIN_WAIT_2 gave up (Linux tcp_fin_timeout)
    RETRIES_EXHAUSTED,     //!< retransmission limit reached (§3.8.3, R2)
    /// ICMP port or protocol unreachable answering our SYN (RFC 1122 §4.2.3.9; Linux
    /// tcp_v4_err() ends a SYN_SENT connection on it), or, with FullTcpConfig::linuxIcmpOpen,
    /// an ICMP error ending an open in SYN_RCVD
    RCV_ICMP_UNREACHABLE,
    /// A listener's SYN creates this connection as a copy of the listener, in LISTEN (RFC 9293
    /// §3.10.7.2 "a new TCB"; ns-3's and BSD's fork). Not reported: the child's first reported
    /// transition is LISTEN → SYN_RCVD, the arrow of RFC 9293 Figure 5.
    FORK,
};

/// Number of causes (for tables indexed by cause).
constexpr uint32_t FULLTCP_STATE_CAUSE_COUNT = 19;

/**
 * \ingroup fulltcp
 * \brief The legal-transition table: RFC 9293 Figure 5 plus the §3.10 event rules.
 *
 * A pure function, in the style of INET's (state × event) table: a transition is legal
 * exactly when it equals the value returned here.
 *
 * \param from the current state
 * \param cause the event
 * \return the next state, or nothing when the event cannot cause a transition in that state
 */
std::optional<FullTcpState> FullTcpNextState(FullTcpState from, FullTcpStateCause cause);

/**
 * \param from state before \param to state after \param cause the event
 * \return whether the table allows this transition
 */
bool FullTcpIsLegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause);

/// \param s a state \return its ns-3 name, e.g. "SYN_RCVD"
const char* FullTcpStateName(FullTcpState s);
/// \param c a cause \return its name, e.g. "RCV_FIN_ACK"
const char* FullTcpStateCauseName(FullTcpStateCause c);

/// Print the state's name.
std::ostream& operator<<(std::ostream& os, FullTcpState s);
/// Print the cause's name.
std::ostream& operator<<(std::ostream& os, FullTcpStateCause c);

} // namespace ns3

#endif /* FULLTCP_STATE_H */
