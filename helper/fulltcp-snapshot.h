/*
 * Helper: FullTcpSnapshot, `ss -tan`-style table of a node's connections and its columns
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SNAPSHOT_H
#define FULLTCP_SNAPSHOT_H

#include "ns3/fulltcp-socket.h"
#include "ns3/ptr.h"

#include <ostream>
#include <vector>

namespace ns3
{

class Node;

/**
 * \ingroup fulltcp
 * \brief An `ss -tan`-style table of every FullTcp connection of a node
 * (FullTcpHelper::Snapshot()).
 *
 * One row per listener, connection and TIME_WAIT record, sorted: listeners first, then by
 * local and peer address. Columns:
 *  - State: ss's spelling (LISTEN, SYN-SENT, SYN-RECV, ESTAB, FIN-WAIT-1, FIN-WAIT-2,
 *    CLOSE-WAIT, LAST-ACK, CLOSING, TIME-WAIT, UNCONN for CLOSED);
 *  - Recv-Q, Send-Q: for a connection, bytes received and not yet read, bytes written and
 *    not yet acknowledged; for a listener, as ss shows it, the accept queue length and its
 *    limit (AcceptQueueLimit);
 *  - Local Address:Port, Peer Address:Port: IPv6 in brackets; a listener's peer is `*:*`
 *    style (`0.0.0.0:*`, `[::]:*`);
 *  - cwnd: congestion window in bytes; rto: current RTO in ms (as `ss -i`); both `-` for
 *    listeners and TIME_WAIT records;
 *  - retrans: segments this connection retransmitted (tcpi_total_retrans).
 */
class FullTcpSnapshot
{
  public:
    /**
     * \param node a node with FullTcp
     * \return one line per listener, connection and TIME_WAIT record, in table order
     *         (empty without FullTcp)
     */
    static std::vector<FullTcpSocketInfo> Collect(Ptr<Node> node);

    /**
     * \brief Print the table of a node now.
     * \param node the node \param os where
     */
    static void Print(Ptr<Node> node, std::ostream& os);

    /// \param state a state \return ss's name for it, e.g. "ESTAB"
    static const char* SsStateName(FullTcpState state);
};

} // namespace ns3

#endif /* FULLTCP_SNAPSHOT_H */
