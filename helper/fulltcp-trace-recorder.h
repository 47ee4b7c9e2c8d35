/*
 * Helper: FullTcpTraceRecorder, groups protocol traces by connection and writes drawings
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TRACE_RECORDER_H
#define FULLTCP_TRACE_RECORDER_H

#include "fulltcp-ladder.h"
#include "fulltcp-segment-record.h"

#include "ns3/object.h"
#include "ns3/packet.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Records every FullTcp connection from the protocol's traces and draws it: text and
 * SVG ladder diagrams, Stevens time-sequence graphs.
 *
 * Connect OnSegmentSent, OnSegmentReceived, OnStateChange and OnLossEvent to the SegmentSent,
 * SegmentReceived, StateChange and LossEvent traces of the FullTcpL4Protocol of each node to
 * watch (FullTcpHelper does it). The recorder groups the events by connection (the unordered
 * pair of endpoints; a new SYN on a finished pair starts a new record), matches each sent
 * segment with its arrival, and keeps the state changes of both ends. After the simulation
 * (or at any time) it writes, for connection n (from 1, in the order they appeared):
 *  - `<prefix>-<n>-<client>-<server>.txt`: the text ladder (FullTcpTextLadder());
 *  - `<prefix>-<n>-<client>-<server>.svg`: the SVG ladder (FullTcpSvgLadder());
 *  - `<prefix>-<n>-<client>-<server>-tseq-client.svg` and `...-tseq-server.svg`: the
 *    time-sequence graph of the data each end sent (FullTcpSvgTimeSequence()), for the ends
 *    that sent data;
 * where an endpoint is written `10.1.1.1_49153` (IPv6: `2001-db8--1_80`).
 *
 * Events of a listening socket itself (its remote port is 0) belong to no connection and
 * are not recorded; a forked connection's first change (LISTEN -> SYN_RCVD) shows LISTEN.
 */
class FullTcpTraceRecorder : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FullTcpTraceRecorder();

    /**
     * \brief Sink of FullTcpL4Protocol's SegmentSent trace: a node's FullTcp sent a segment.
     * \param nodeId the node \param payload its payload (may be null: none)
     * \param header its TCP header \param local sender's endpoint \param remote receiver's
     */
    void OnSegmentSent(uint32_t nodeId,
                       Ptr<const Packet> payload,
                       const FullTcpHeader& header,
                       const Address& local,
                       const Address& remote);
    /**
     * \brief Sink of the SegmentReceived trace: a node accepted a segment after parsing.
     * \param nodeId the node \param payload its payload (may be null: none)
     * \param header its TCP header \param local receiver's endpoint \param remote sender's
     */
    void OnSegmentReceived(uint32_t nodeId,
                           Ptr<const Packet> payload,
                           const FullTcpHeader& header,
                           const Address& local,
                           const Address& remote);
    /**
     * \brief Sink of the StateChange trace.
     * \param nodeId the node \param local its endpoint \param remote the peer's
     * \param from state before \param to state after \param cause why
     */
    void OnStateChange(uint32_t nodeId,
                       const Address& local,
                       const Address& remote,
                       FullTcpState from,
                       FullTcpState to,
                       FullTcpStateCause cause);

    /**
     * \brief Sink of the LossEvent trace: a connection's loss recovery acted.
     * \param nodeId the node \param local its endpoint \param remote the peer's
     * \param event what happened
     */
    void OnLossEvent(uint32_t nodeId,
                     const Address& local,
                     const Address& remote,
                     const FullTcpLossEvent& event);

    /**
     * \brief OnSegmentSent at an explicit time (the trace sinks pass Simulator::Now()).
     * \param t time \param nodeId node \param length payload bytes
     * \param header TCP header \param local sender \param remote receiver
     */
    void RecordSent(Time t,
                    uint32_t nodeId,
                    uint32_t length,
                    const FullTcpHeader& header,
                    const Address& local,
                    const Address& remote);
    /**
     * \brief OnSegmentReceived at an explicit time.
     * \param t time \param nodeId node \param length payload bytes
     * \param header TCP header \param local receiver \param remote sender
     */
    void RecordReceived(Time t,
                        uint32_t nodeId,
                        uint32_t length,
                        const FullTcpHeader& header,
                        const Address& local,
                        const Address& remote);
    /**
     * \brief OnStateChange at an explicit time.
     * \param t time \param nodeId node \param local its endpoint \param remote the peer's
     * \param from state before \param to state after \param cause why
     */
    void RecordStateChange(Time t,
                           uint32_t nodeId,
                           const Address& local,
                           const Address& remote,
                           FullTcpState from,
                           FullTcpState to,
                           FullTcpStateCause cause);

    /**
     * \brief OnLossEvent at an explicit time.
     * \param t time \param nodeId node \param local its endpoint \param remote the peer's
     * \param event what happened
     */
    void RecordLossEvent(Time t,
                         uint32_t nodeId,
                         const Address& local,
                         const Address& remote,
                         const FullTcpLossEvent& event);

    /// \return how many connections were recorded
    uint32_t GetConnectionCount() const;
    /// \param i index, from 0 \return that connection's record
    const FullTcpConnectionRecord& GetConnection(uint32_t i) const;
    /// \return the drawing options from the attributes
    FullTcpLadderOptions GetLadderOptions() const;

    /// \param i index \return its text ladder (FullTcpTextLadder())
    std::string GetTextLadder(uint32_t i) const;
    /// \param i index \return its SVG ladder document
    std::string GetSvgLadder(uint32_t i) const;
    /// \param i index \param sender 0 (client) or 1 (server) \return its time-sequence graph
    std::string GetTimeSequence(uint32_t i, uint8_t sender) const;
    /// \param i index \return the file name part `<n>-<client>-<server>` (n = i + 1)
    std::string GetFileStem(uint32_t i) const;

    /**
     * \brief Write the text and SVG ladder of every connection.
     * \param prefix path prefix, e.g. "out/handshake"
     * \return the files written (a file that cannot be opened is logged and skipped)
     */
    std::vector<std::string> WriteLadders(const std::string& prefix) const;
    /**
     * \brief Write the time-sequence graph of each direction that carried data.
     * \param prefix path prefix
     * \return the files written
     */
    std::vector<std::string> WriteTimeSequences(const std::string& prefix) const;

  private:
    /**
     * \brief The record an event belongs to, started anew when the event opens a new
     * connection on a pair whose record is finished (or whose SYN had another ISN).
     * \param local the event's local endpoint \param remote its peer
     * \param localIsClient for a new record: whether the local end is the client
     * \param opening the event opens a connection (SYN without ACK, SYN_SENT, SYN_RCVD)
     * \param synFrom with a SYN: the endpoint that sent it \param synSeq its sequence number
     * \return the record's index
     */
    uint32_t Lookup(const std::string& local,
                    const std::string& remote,
                    bool localIsClient,
                    bool opening,
                    const std::string& synFrom,
                    std::optional<uint32_t> synSeq);
    /**
     * \brief Lookup() for a segment from \p sender to \p receiver.
     * \param header the segment's header \param sender its sender \param receiver the other end
     * \return the record's index
     */
    uint32_t SegmentLookup(const FullTcpHeader& header,
                           const std::string& sender,
                           const std::string& receiver);
    /// \param i index \param local an endpoint of it \return that endpoint's side
    uint8_t SideOf(uint32_t i, const std::string& local) const;
    /// \param path file \param text contents \param written list to add the path to
    static void WriteFile(const std::string& path,
                          const std::string& text,
                          std::vector<std::string>& written);

    bool m_relative;        //!< attribute RelativeSequenceNumbers
    uint32_t m_maxSegments; //!< attribute MaxSegments
    std::vector<FullTcpConnectionRecord> m_records;
    std::map<std::pair<std::string, std::string>, uint32_t> m_current; //!< pair -> newest
};

} // namespace ns3

#endif /* FULLTCP_TRACE_RECORDER_H */
