/*
 * Helper: FullTcpHelper API: install beside an Internet stack, attributes, logs, drawings
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_HELPER_H
#define FULLTCP_HELPER_H

#include "fulltcp-trace-recorder.h"

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"

#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class FullTcpL4Protocol;

/**
 * \ingroup fulltcp
 * \brief Installs FullTcp on nodes that already have an Internet stack.
 *
 * Each node gets a FullTcpL4Protocol (under its IpProtocolNumber: 6 takes over ns-3 TCP's
 * slot on that node, 253 runs beside it) and a FullTcpSocketFactory, so applications use
 * FullTcp by naming "ns3::FullTcpSocketFactory":
 *
 * \code
 *   InternetStackHelper internet;
 *   internet.Install(nodes);
 *   FullTcpHelper fulltcp;
 *   fulltcp.Install(nodes);
 *   BulkSendHelper bulk("ns3::FullTcpSocketFactory", InetSocketAddress(server, 9));
 * \endcode
 *
 * To run an unmodified ns-3 TCP program on FullTcp, use FullTcpInternetStackHelper instead
 * (the drop-in mode).
 */
class FullTcpHelper
{
  public:
    FullTcpHelper();

    /**
     * \brief Set an attribute of the FullTcpL4Protocol of each node installed from now on.
     * \param name attribute of ns3::FullTcpL4Protocol, e.g. "IpProtocolNumber"
     * \param value its value
     */
    void SetL4Attribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of every socket created on the nodes installed from now on
     * (without touching the global defaults, so ns-3 TCP sockets elsewhere keep theirs).
     * \param name attribute of ns3::FullTcpSocket or ns3::TcpSocket, e.g. "SegmentSize"
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Shorthand: SetL4Attribute for ns3::FullTcpL4Protocol attributes, otherwise
     * SetSocketAttribute.
     * \param name the attribute \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// \param c nodes with an Internet stack and no FullTcp yet
    void Install(NodeContainer c) const;
    /// \param node a node with an Internet stack and no FullTcp yet
    void Install(Ptr<Node> node) const;
    /// \param nodeName the name of such a node (ns3::Names)
    void Install(const std::string& nodeName) const;
    /// Install on every node of the simulation.
    void InstallAll() const;

    /**
     * \brief Create (without aggregating) a FullTcpL4Protocol with this helper's attributes.
     * \return the protocol
     */
    Ptr<FullTcpL4Protocol> CreateProtocol() const;

    /**
     * \brief Apply this helper's attributes to a protocol created elsewhere (the drop-in
     * mode on ns-3 <= 3.38, where InternetStackHelper creates it). IpProtocolNumber is not
     * applied: the protocol is already registered under its number.
     * \param protocol the protocol (null is ignored)
     */
    void Configure(Ptr<FullTcpL4Protocol> protocol) const;

    /**
     * \brief Fix the random streams of FullTcp on these nodes (ISNs, port selection, SYN
     * cookies, timestamp offsets).
     * \param c the nodes \param stream first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(NodeContainer c, int64_t stream);

    /**
     * \brief Log every state transition of every connection on the nodes this helper
     * installed, present and future (children forked by listeners and TIME_WAIT records
     * included), as CSV: header `time,node,local,remote,from,to,cause` (FullTcpStateLog
     * has the format). Call it after Install().
     * \param path the CSV file (created or truncated now)
     */
    void EnableStateLog(std::string path) const;

    /**
     * \brief Write, for every connection of the nodes this helper installed that is created
     * from now on, a CSV of its congestion variables (cwnd, ssthresh, bytes in flight, SRTT,
     * RTTVAR, RTO, min RTT, pacing rate, RACK's reordering window, congestion state) and loss
     * events, one row per change: `<prefix>-<node>-<local>-<remote>.csv` (FullTcpCongestionLog
     * has the format). Call it after Install() and before the applications start.
     * \param prefix path prefix of the files (its folder must exist)
     */
    void EnableCongestionLog(std::string prefix) const;

    /**
     * \brief At a given time, print an `ss -tan`-style table of every FullTcp connection
     * of a node: listeners, connections and TIME_WAIT records (FullTcpSnapshot has the
     * columns).
     * \param node a node with FullTcp
     * \param at simulation time of the snapshot (now if already past)
     * \param os where to print (must outlive the simulation's run)
     */
    static void Snapshot(Ptr<Node> node, Time at, std::ostream* os = &std::cout);
    /**
     * \brief As Snapshot(), into a file (created or truncated now).
     * \param node a node with FullTcp \param at simulation time \param path the file
     */
    static void Snapshot(Ptr<Node> node, Time at, const std::string& path);

    /**
     * \brief Draw every connection of the nodes this helper installed as ladder diagrams:
     * `<prefix>-<n>-<client>-<server>.txt` and `.svg` (FullTcpTraceRecorder::WriteLadders),
     * written when the simulation is destroyed (Simulator::ScheduleDestroy) or on
     * WriteDrawings(). Call it after Install(); it covers connections that do not exist yet.
     * \param prefix path prefix of the files (its folder must exist)
     * \return the helper's recorder (the same for EnableTimeSequence()), e.g. to print
     *         GetTextLadder() after Simulator::Run()
     */
    Ptr<FullTcpTraceRecorder> EnableLadder(std::string prefix) const;
    /**
     * \brief As EnableLadder(), for Stevens time-sequence graphs:
     * `<prefix>-<n>-<client>-<server>-tseq-client.svg` / `-tseq-server.svg`
     * (FullTcpTraceRecorder::WriteTimeSequences), for each end that sent data.
     * \param prefix path prefix of the files
     * \return the helper's recorder
     */
    Ptr<FullTcpTraceRecorder> EnableTimeSequence(std::string prefix) const;
    /**
     * \brief Set an attribute of the helper's recorder (RelativeSequenceNumbers,
     * MaxSegments of ns3::FullTcpTraceRecorder). Call it after Install().
     * \param name the attribute \param value its value
     */
    void SetTraceRecorderAttribute(const std::string& name, const AttributeValue& value) const;
    /**
     * \brief The recorder behind EnableLadder() and EnableTimeSequence(), created on first
     * use and connected to the SegmentSent, SegmentReceived and StateChange traces of every
     * node installed so far.
     * \return the recorder
     */
    Ptr<FullTcpTraceRecorder> GetTraceRecorder() const;
    /// Write now what EnableLadder() and EnableTimeSequence() asked for (they also write at
    /// Simulator::Destroy()).
    void WriteDrawings() const;

  private:
    ObjectFactory m_l4Factory;                                                   //!< protocols
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_socketAttributes; //!< sockets
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_l4Attributes;     //!< as set
    /// Nodes this helper installed FullTcp on (Install() is const, as ns-3's helpers'
    /// Install; what they installed is bookkeeping, not configuration).
    mutable NodeContainer m_installed;

    /**
     * \brief EnableLadder() or EnableTimeSequence().
     * \param prefix path prefix \param ladder ladders (true) or time-sequence graphs
     * \return the recorder
     */
    Ptr<FullTcpTraceRecorder> EnableDrawing(const std::string& prefix, bool ladder) const;

    // The drawings' bookkeeping (mutable as m_installed: not configuration).
    mutable Ptr<FullTcpTraceRecorder> m_recorder;                 //!< one per helper
    mutable std::set<uint32_t> m_recordedNodes;                   //!< ids hooked to it
    mutable std::vector<std::pair<std::string, bool>> m_drawings; //!< prefix, ladder?
};

} // namespace ns3

#endif /* FULLTCP_HELPER_H */
