/*
 * Node: RFC 4022 TCP-MIB counters of a node and the protocol-level drop reasons
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_MIB_H
#define FULLTCP_MIB_H

#include "ns3/fulltcp-ecn.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-loss-event.h"
#include "ns3/fulltcp-state.h"
#include "ns3/fulltcp-undo.h"

#include <array>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Why FullTcpL4Protocol dropped a segment that reached no connection, or was
 * malformed (its "Drop" trace and FullTcpMib::drops). Drops inside a connection have their
 * own reasons (FullTcpDropReason, the socket's "Drop" trace).
 */
enum class FullTcpL4DropReason : uint8_t
{
    MALFORMED,           //!< the header failed strict parsing (FullTcpMib::parseErrors: which)
    BAD_CHECKSUM,        //!< the checksum did not verify (RFC 9293 §3.1)
    NOT_UNICAST,         //!< to a broadcast or multicast address (RFC 1122 §4.2.3.10)
    NO_ENDPOINT,         //!< matched no connection and no listener: RST (RFC 9293 §3.10.7.1)
    SYN_QUEUE_FULL,      //!< listener: half-open children reached SynQueueLimit, no cookies
    ACCEPT_QUEUE_FULL,   //!< listener: children not yet accepted reached AcceptQueueLimit
    APPLICATION_REFUSED, //!< listener: the accept callback said no (RST sent)
    BAD_SYN_COOKIE,      //!< listener: an ACK carried no valid SYN cookie (RFC 4987 §3.6)
};

/// Number of FullTcpL4DropReason values (for tables indexed by reason).
constexpr uint32_t FULLTCP_L4_DROP_REASON_COUNT = 8;

/**
 * \ingroup fulltcp
 * The listener's subset of FullTcpL4DropReason (SYN_QUEUE_FULL … BAD_SYN_COOKIE), under the
 * name the listen-backlog code and its tests use.
 */
using FullTcpListenDrop = FullTcpL4DropReason;

/// \param r a drop reason \return its name, e.g. "NO_ENDPOINT"
const char* FullTcpL4DropReasonName(FullTcpL4DropReason r);
/// Print the drop reason's name.
std::ostream& operator<<(std::ostream& os, FullTcpL4DropReason r);

/**
 * \ingroup fulltcp
 * \brief The TCP-MIB counters of one node (RFC 4022 §3, whose definitions are RFC 1213's
 * tcp group), plus FullTcp's drop reasons and listen-queue counters.
 *
 * FullTcpL4Protocol keeps one and feeds it from exactly two places: the state-change path
 * (CountTransition(), for every connection of the node, forked children and TIME_WAIT
 * records included) and the segment paths (CountReceived(), CountSent(), CountDrop(),
 * CountParseError()). Read it with FullTcpL4Protocol::GetMib().
 */
struct FullTcpMib
{
    /// tcpActiveOpens: direct transitions CLOSED → SYN_SENT.
    uint64_t activeOpens {0};
    /// tcpPassiveOpens: direct transitions LISTEN → SYN_RCVD (a listener's forked child).
    uint64_t passiveOpens {0};
    /// tcpAttemptFails: SYN_SENT or SYN_RCVD → CLOSED, plus SYN_RCVD → LISTEN.
    uint64_t attemptFails {0};
    /// tcpEstabResets: ESTABLISHED or CLOSE_WAIT → CLOSED.
    uint64_t estabResets {0};
    /// tcpCurrEstab (a gauge): connections now in ESTABLISHED or CLOSE_WAIT.
    uint64_t currEstab {0};
    /// tcpInSegs: segments received, including those received in error.
    uint64_t inSegs {0};
    /// tcpOutSegs: segments sent, excluding those containing only retransmitted octets.
    uint64_t outSegs {0};
    /// tcpRetransSegs: segments sent containing one or more previously transmitted octets.
    uint64_t retransSegs {0};
    /// tcpInErrs: segments received in error (bad checksum, malformed header).
    uint64_t inErrs {0};
    /// tcpOutRsts: segments sent containing the RST flag.
    uint64_t outRsts {0};

    /// Segments dropped by the protocol, by FullTcpL4DropReason.
    std::array<uint64_t, FULLTCP_L4_DROP_REASON_COUNT> drops {};
    /// Malformed segments by FullTcpParseError (BAD_CHECKSUM included); NONE stays 0.
    std::array<uint64_t, 12> parseErrors {};
    /// SYN cookies sent (RFC 4987 §3.6; Linux SyncookiesSent).
    uint64_t synCookiesSent {0};
    /// Connections opened from a valid SYN cookie (Linux SyncookiesRecv).
    uint64_t synCookiesAccepted {0};
    /// ECN (RFC 3168 §6.1): window reductions for an ECE (FullTcpEcnEvent::ECE_REDUCTION).
    uint64_t ecnEchoReductions {0};
    /// ECN: segments sent with CWR (FullTcpEcnEvent::CWR_SENT).
    uint64_t ecnCwrSent {0};
    /// ECN: data segments received with CE (FullTcpEcnEvent::CE_RECEIVED).
    uint64_t ecnCeReceived {0};
    /// Tail Loss Probes sent (RFC 8985 §7; Linux TCPLossProbes).
    uint64_t lossProbes {0};
    /// Spurious reductions undone, every connection's FullTcpUndoCounters summed (Linux
    /// TCPFullUndo, TCPPartialUndo, TCPDSACKUndo, TCPLossUndo, TCPSpuriousRTOs).
    FullTcpUndoCounters undo;

    /// \return SYNs and ACKs a full accept queue dropped (Linux ListenOverflows)
    uint64_t ListenOverflows() const;
    /// \return everything listeners did not take, all four reasons (Linux ListenDrops)
    uint64_t ListenDrops() const;

    /**
     * \brief Count one state transition of any connection of the node.
     * \param from old state \param to new state
     */
    void CountTransition(FullTcpState from, FullTcpState to);
    /// Count one segment handed to the protocol by IP (before any check).
    void CountReceived();
    /**
     * \brief Count one segment sent.
     * \param header its header \param retransmission whether it carries only octets sent
     *        before (then it is a RetransSegs, not an OutSegs)
     */
    void CountSent(const FullTcpHeader& header, bool retransmission);
    /// \param reason why the protocol dropped a segment
    void CountDrop(FullTcpL4DropReason reason);
    /// \param error why a received header did not parse (BAD_CHECKSUM included)
    void CountParseError(FullTcpParseError error);
    /// \param event what ECN did on a connection of the node
    void CountEcn(FullTcpEcnEvent event);
    /// \param event what loss recovery did on a connection of the node: lossProbes, undo
    void CountLossEvent(const FullTcpLossEvent& event);

    /**
     * \brief Print every counter, one "Name value" line each, in RFC 4022's names
     * (ActiveOpens …) followed by the drop reasons (as `nstat` prints Linux's).
     * \param os where
     */
    void Print(std::ostream& os) const;
};

/// Print the counters (FullTcpMib::Print).
std::ostream& operator<<(std::ostream& os, const FullTcpMib& mib);

} // namespace ns3

#endif /* FULLTCP_MIB_H */
