/*
 * Engine: RST answering a segment that reaches no connection (RFC 9293 §3.10.7.1)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RST_RULES_H
#define FULLTCP_RST_RULES_H

#include "ns3/fulltcp-header.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The RST that answers a segment reaching no connection (RFC 9293 §3.10.7.1).
 *
 * A pure function, used by the L4 protocol for segments that match no endpoint and by the
 * engine wherever the RFC says "form a reset segment <SEQ=SEG.ACK><CTL=RST>":
 *  - "An incoming segment containing a RST is discarded" (never a RST in reply to a RST);
 *  - "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>";
 *  - "If the ACK bit is off, sequence number zero is used,
 *     <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>", SEG.LEN counting SYN and FIN (§3.3.1).
 *
 * Ports are swapped; window and options are left empty (as Linux tcp_v4_send_reset()).
 *
 * \param segment the received header
 * \param payloadSize the received payload length in bytes
 * \return the reset to send, or nothing when the segment itself is a RST
 */
std::optional<FullTcpHeader> FullTcpResetFor(const FullTcpHeader& segment, uint32_t payloadSize);

} // namespace ns3

#endif /* FULLTCP_RST_RULES_H */
