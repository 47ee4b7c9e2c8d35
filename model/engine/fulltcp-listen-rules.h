/*
 * Engine: SEGMENT ARRIVES in LISTEN, RFC 9293 §3.10.7.2 (shared by the engine and the ns-3
 * listener, which applies it with the segment's addresses in scope)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LISTEN_RULES_H
#define FULLTCP_LISTEN_RULES_H

#include "ns3/fulltcp-connection-output.h"
#include "ns3/fulltcp-header.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief What a segment does to a listener, in the order it is to be done: send the reset,
 * report the drop, hand the SYN over for a child.
 */
struct FullTcpListenVerdict
{
    std::optional<FullTcpHeader> reset;    //!< <SEQ=SEG.ACK><CTL=RST> for an ACK
    std::optional<FullTcpDropReason> drop; //!< the segment (or its text) is dropped for this
    bool connectionRequest {false};        //!< a SYN: a child is to be forked from it
};

/**
 * \ingroup fulltcp
 * \brief SEGMENT ARRIVES in LISTEN (RFC 9293 §3.10.7.2): the one implementation, used by
 * FullTcpConnection in LISTEN and by the glue's listener socket, which needs the segment's
 * addresses to answer it and to fork the child.
 *
 * - "An incoming RST should be ignored" (RST_IN_LISTEN);
 * - "Any acknowledgment is bad ... <SEQ=SEG.ACK><CTL=RST>" (ACK_IN_LISTEN);
 * - a SYN is a connection request; with FIN it is a scan (SYN_FIN_IN_LISTEN, as Linux);
 *   its text is not accepted (SYN_TEXT: the peer sends it again after the handshake);
 * - anything else is dropped (NO_SYN_NO_RST).
 * \param h the segment's header \param len its text length
 * \return what to do
 */
FullTcpListenVerdict FullTcpListenSegmentArrives(const FullTcpHeader& h, uint32_t len);

} // namespace ns3

#endif /* FULLTCP_LISTEN_RULES_H */
