/*
 * Helper: FullTcpStateLog, state-transition CSV (time,node,local,remote,from,to,cause)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_STATE_LOG_H
#define FULLTCP_STATE_LOG_H

#include "ns3/address.h"
#include "ns3/fulltcp-state.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <fstream>
#include <string>

namespace ns3
{

class FullTcpL4Protocol;

/**
 * \ingroup fulltcp
 * \brief Writes every state transition of the nodes it is attached to as one CSV row
 * (FullTcpHelper::EnableStateLog()).
 *
 * The header is exactly `time,node,local,remote,from,to,cause`:
 *  - time: simulation seconds with 9 decimals (nanosecond resolution, e.g. `1.000250000`);
 *  - node: the node id;
 *  - local, remote: `addr:port`, IPv6 as `[addr]:port` (a listener's remote is the
 *    wildcard with port 0);
 *  - from, to: states in ns-3's spelling (TcpSocket::TcpStateName: CLOSED … TIME_WAIT);
 *  - cause: the FullTcpStateCause name (RFC 9293 event), e.g. `RCV_SYN_ACK`.
 *
 * It listens to FullTcpL4Protocol's StateChange trace, so connections forked by listeners,
 * TIME_WAIT records and connections created later are all logged. Each row is flushed, so
 * the file is complete whenever the simulation stops.
 */
class FullTcpStateLog : public SimpleRefCount<FullTcpStateLog>
{
  public:
    /// The CSV header line (without the newline).
    static constexpr const char* HEADER = "time,node,local,remote,from,to,cause";

    /**
     * \brief Create the file and write the header. A path that cannot be written is a
     * fatal error with the path in the message (before the simulation runs).
     * \param path the CSV file
     */
    explicit FullTcpStateLog(const std::string& path);

    /**
     * \brief Log every transition of a node's connections, present and future.
     * \param tcp the node's FullTcp protocol
     */
    void Attach(Ptr<FullTcpL4Protocol> tcp);

    /**
     * \brief Write one row (the StateChange trace sink).
     * \param nodeId node \param local this end \param remote the peer
     * \param from old state \param to new state \param cause why
     */
    void Write(uint32_t nodeId,
               const Address& local,
               const Address& remote,
               FullTcpState from,
               FullTcpState to,
               FullTcpStateCause cause);

    /**
     * \param address an InetSocketAddress or an Inet6SocketAddress
     * \return `addr:port`, or `[addr]:port` for IPv6 (as ss and URLs write them)
     */
    static std::string FormatAddress(const Address& address);

  private:
    std::ofstream m_file; //!< the CSV
};

} // namespace ns3

#endif /* FULLTCP_STATE_LOG_H */
