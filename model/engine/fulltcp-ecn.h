/*
 * Engine: Explicit Congestion Notification (RFC 3168 §6.1): modes, per-connection state, events
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_ECN_H
#define FULLTCP_ECN_H

#include "ns3/fulltcp-prr.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Whether a connection uses ECN (RFC 3168), as Linux's sysctl tcp_ecn for classic ECN.
 */
enum class FullTcpEcnMode : uint8_t
{
    OFF,     //!< never: SYNs ask for nothing, ECN-setup SYNs are answered without ECE (tcp_ecn = 0)
    ON,      //!< ask on active opens (SYN with ECE and CWR) and answer passive ones (tcp_ecn = 1)
    PASSIVE, //!< answer an ECN-setup SYN, never ask (tcp_ecn = 2, Linux's default)
};

/// \param m a mode \return its attribute spelling: "Off", "On" or "Passive"
const char* FullTcpEcnModeName(FullTcpEcnMode m);
/// \param name "Off", "On" or "Passive" (any case) \return the mode, or nothing if unknown
std::optional<FullTcpEcnMode> FullTcpEcnModeFromName(const std::string& name);
/// Print the mode's name.
std::ostream& operator<<(std::ostream& os, FullTcpEcnMode m);

/**
 * \ingroup fulltcp
 * \brief What ECN did, as the engine reports it (FullTcpConnectionOutput::EcnEvent()).
 */
enum class FullTcpEcnEvent : uint8_t
{
    /// An ACK with ECE made the sender reduce its window (RFC 3168 §6.1.2; Linux
    /// tcp_enter_cwr()): congestion state CWR. seq is the ACK's SEG.ACK.
    ECE_REDUCTION,
    /// A new data segment left with CWR set (RFC 3168 §6.1.2: the first after a window
    /// reduction). seq is its SEG.SEQ.
    CWR_SENT,
    /// A data segment arrived with CE in its IP header (RFC 3168 §6.1.3): ACKs carry ECE
    /// until the peer's CWR. seq is its SEG.SEQ.
    CE_RECEIVED,
};

/// \param e an event \return its name, e.g. "ECE_REDUCTION"
const char* FullTcpEcnEventName(FullTcpEcnEvent e);
/// Print the event's name.
std::ostream& operator<<(std::ostream& os, FullTcpEcnEvent e);

/**
 * \ingroup fulltcp
 * \brief The ECN state of one connection (Linux tp->ecn_flags: TCP_ECN_OK,
 * TCP_ECN_QUEUE_CWR, TCP_ECN_DEMAND_CWR, TCP_ECN_SEEN), with counters.
 */
struct FullTcpEcnState
{
    /// Our first SYN asked for ECN (ECE and CWR set, Linux tcp_ecn_send_syn()); the SYN-ACK
    /// decides whether it is used.
    bool requested {false};
    /// ECN is in use: both SYNs negotiated it (RFC 3168 §6.1.1; Linux TCP_ECN_OK).
    bool ok {false};
    /// Receiver: a CE arrived and every ACK carries ECE until a segment with CWR arrives
    /// (RFC 3168 §6.1.3; Linux TCP_ECN_DEMAND_CWR).
    bool demandCwr {false};
    /// Sender: the window was reduced, the next new data segment carries CWR (RFC 3168
    /// §6.1.2; Linux TCP_ECN_QUEUE_CWR).
    bool queueCwr {false};
    /// Receiver: an ECN-capable (ECT or CE) data segment arrived (Linux TCP_ECN_SEEN).
    bool seen {false};
    /// Sender: SND.NXT when the reduction for ECE began; CWR ends once the peer
    /// acknowledges beyond it (Linux tp->high_seq in TCP_CA_CWR).
    int64_t cwrEnd {0};
    /// Sender: Proportional Rate Reduction during CWR, with FullTcpConfig::prr (Linux
    /// tcp_cwnd_reduction() in TCP_CA_CWR).
    FullTcpPrr prr;
    /// FullTcpTcb::dataBytesSent already counted in PRR's prr_out.
    uint64_t prrSentMark {0};
    /// SND.UNA at PRR's previous ACK: an ACK that advances it is safe (RFC 9937 §6.2).
    int64_t prrUna {0};
    uint32_t eceReductions {0}; //!< reductions made for an ECE (ECE_REDUCTION events)
    uint32_t cwrSent {0};       //!< segments sent with CWR (CWR_SENT events)
    uint32_t ceReceived {0};    //!< data segments received with CE (CE_RECEIVED events)
    uint32_t eceSent {0};       //!< segments sent with ECE (not counting SYN-ACKs)
};

} // namespace ns3

#endif /* FULLTCP_ECN_H */
