/*
 * Helper: Stevens time-sequence graph (tcptrace style) of one direction, as SVG
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TIME_SEQUENCE_H
#define FULLTCP_TIME_SEQUENCE_H

#include "fulltcp-segment-record.h"

#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \param r a connection \param sender 0 (client) or 1 (server)
 * \return whether that side sent payload bytes (a time-sequence graph of it says something)
 */
bool FullTcpSendsData(const FullTcpConnectionRecord& r, uint8_t sender);

/**
 * \ingroup fulltcp
 * \brief The Stevens time-sequence graph of one direction of a connection, as SVG.
 *
 * x is time (to scale), y the relative sequence number (the sender's ISN = 0), as in TCP/IP
 * Illustrated and tcptrace:
 *  - each data segment a vertical bar from seq to seq + len at its send time; bars of
 *    retransmissions in red, marked "R"; SYN and FIN as labelled ticks;
 *  - the ACK line: the peer's cumulative ACK as the sender received it (a step line);
 *  - the window line: ACK + the peer's advertised window, scaled by its negotiated window
 *    scale (RFC 7323 §2.3), i.e. the right edge of what the sender may send;
 *  - the SACK blocks the sender received, as purple bars at their arrival time;
 *  - what the sender's loss recovery did (FullTcpConnectionRecord::GetLossMarks()): each
 *    Tail Loss Probe as an orange band marked "TLP" behind its segment, each range RACK
 *    marked lost as a cross at the time of the mark, each undo of a spurious reduction as a
 *    dashed line across the plot, marked with its kind;
 *  - axes with ticks and labels, and a legend.
 *
 * \param os where to write the document
 * \param r the connection \param sender whose data to draw: 0 (client) or 1 (server)
 */
void FullTcpSvgTimeSequence(std::ostream& os, const FullTcpConnectionRecord& r, uint8_t sender);

} // namespace ns3

#endif /* FULLTCP_TIME_SEQUENCE_H */
