/*
 * Helper: FullTcpConnectionRecord, both ends' segment and state events behind the drawings
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SEGMENT_RECORD_H
#define FULLTCP_SEGMENT_RECORD_H

#include "ns3/address.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-loss-event.h"
#include "ns3/fulltcp-state.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief An endpoint as people write it: "10.1.1.1:49153" or "[2001:db8::1]:80".
 * \param a an InetSocketAddress or Inet6SocketAddress
 * \return its text, or "?" for any other kind of address
 */
std::string FullTcpEndpointName(const Address& a);

/**
 * \ingroup fulltcp
 * \param a an InetSocketAddress or Inet6SocketAddress
 * \return its port (0 for any other kind of address, or for a listener's unbound peer)
 */
uint16_t FullTcpEndpointPort(const Address& a);

/**
 * \ingroup fulltcp
 * \brief One segment of a connection: who sent it, when it left, when (if) it arrived.
 */
struct FullTcpSegmentEvent
{
    uint8_t from {0};            //!< sending side: 0 = client (left line), 1 = server
    std::optional<Time> sent;    //!< when the sender's FullTcp sent it (none: sender untraced)
    std::optional<Time> arrived; //!< when the other end accepted it (none: lost or untraced)
    uint64_t sentOrder {0};      //!< call order of the send within the record (ties in time)
    uint64_t arrivedOrder {0};   //!< call order of the arrival within the record
    uint32_t seq {0};            //!< sequence number, 32-bit wire value
    uint32_t ack {0};            //!< acknowledgment number, wire value (meaningful with ACK)
    uint8_t flags {0};           //!< FullTcpHeader::Flag bits
    uint16_t window {0};         //!< the 16-bit window field as sent
    uint32_t length {0};         //!< payload bytes
    FullTcpOptions options;      //!< options as sent (MSS, wscale, sackOK, TS, SACK blocks)
    bool retransmission {false}; //!< starts below the highest sequence number already sent

    /// \return whether it was sent and never arrived at the other end
    bool
    IsLost() const
    {
        return sent.has_value() && !arrived.has_value();
    }

    /// \return sequence space it occupies: payload + SYN + FIN (RFC 9293 §3.4)
    uint32_t SequenceLength() const;
};

/**
 * \ingroup fulltcp
 * \brief One state transition of one end of a connection (the StateChange trace).
 */
struct FullTcpStateEvent
{
    uint8_t side {0};                         //!< 0 = client, 1 = server
    Time time;                                //!< when it happened
    uint64_t order {0};                       //!< call order within the record (ties in time)
    FullTcpState from {FullTcpState::CLOSED}; //!< state before
    FullTcpState to {FullTcpState::CLOSED};   //!< state after
    FullTcpStateCause cause {FullTcpStateCause::APP_CLOSE}; //!< the event that caused it
};

/**
 * \ingroup fulltcp
 * \brief One loss-recovery event of one end of a connection (the LossEvent trace).
 */
struct FullTcpLossMark
{
    uint8_t side {0};       //!< 0 = client, 1 = server: the end whose recovery acted
    Time time;              //!< when
    FullTcpLossEvent event; //!< what (sequence numbers are wire values of that end's data)
};

/**
 * \ingroup fulltcp
 * \brief What happened on one connection, seen from both ends: the data behind the ladder
 * diagrams and time-sequence graphs.
 *
 * A connection is the unordered pair of its endpoints. Side 0 (the client, drawn as the
 * left line) is the end that sent the first SYN without ACK, or announced SYN_SENT; when
 * the record starts in the middle of a connection, it is the first end seen.
 *
 * A sent segment is matched with its arrival by direction, seq, ack, flags, length and
 * TSval, in FIFO order, so a retransmitted copy matches the second arrival. A segment
 * that never arrives stays "lost"; an arrival without a traced send (e.g. from a peer
 * running another TCP) is kept with only its arrival time.
 *
 * Relative sequence numbers are those of Wireshark and tcpdump: each side's ISN (the
 * sequence number of its SYN, or of its first segment seen) counts as 0; acknowledgment
 * numbers and SACK blocks are relative to the other side's ISN.
 */
class FullTcpConnectionRecord
{
  public:
    /**
     * \param client endpoint of side 0 (its text, see FullTcpEndpointName())
     * \param server endpoint of side 1
     */
    FullTcpConnectionRecord(std::string client, std::string server);

    /**
     * \brief A segment left one end.
     * \param t send time \param side sending side \param node sender's node id
     * \param header its header \param length payload bytes
     */
    void AddSent(Time t, uint8_t side, uint32_t node, const FullTcpHeader& header, uint32_t length);
    /**
     * \brief A segment was accepted by one end (matched with the oldest such sent segment).
     * \param t arrival time \param side receiving side \param node receiver's node id
     * \param header its header \param length payload bytes
     */
    void AddArrived(
        Time t, uint8_t side, uint32_t node, const FullTcpHeader& header, uint32_t length);
    /**
     * \brief One end changed state.
     * \param t time \param side the side \param node its node id
     * \param from state before \param to state after \param cause why
     */
    void AddStateChange(Time t,
                        uint8_t side,
                        uint32_t node,
                        FullTcpState from,
                        FullTcpState to,
                        FullTcpStateCause cause);

    /**
     * \brief One end's loss recovery did something (a probe, a loss mark, an undo).
     * \param t time \param side the side \param node its node id \param event what
     */
    void AddLossEvent(Time t, uint8_t side, uint32_t node, const FullTcpLossEvent& event);

    /// \param side 0 or 1 \return that end's "addr:port"
    const std::string& GetEndpoint(uint8_t side) const;
    /// \param side 0 or 1 \return that end's node id, if any of its events was seen
    std::optional<uint32_t> GetNode(uint8_t side) const;
    /// \return the segments, in order of first appearance (send, else arrival)
    const std::vector<FullTcpSegmentEvent>& GetSegments() const;
    /// \return the state changes of both ends, in call order
    const std::vector<FullTcpStateEvent>& GetStateChanges() const;
    /// \return the loss-recovery events of both ends, in call order
    const std::vector<FullTcpLossMark>& GetLossMarks() const;
    /// \param side 0 or 1 \return the state its first recorded change left (e.g. LISTEN)
    std::optional<FullTcpState> GetInitialState(uint8_t side) const;
    /// \param side 0 or 1 \return its ISN (sequence number of its SYN or first segment)
    std::optional<uint32_t> GetIsn(uint8_t side) const;
    /// \param side 0 or 1 \return the shift that side's windows are scaled by (RFC 7323 §2.3)
    uint8_t GetWindowShift(uint8_t side) const;

    /**
     * \param side the side whose sequence space the number is in
     * \param seq a wire sequence number
     * \param relative subtract that side's ISN
     * \return the number to show
     */
    uint32_t ShowSeq(uint8_t side, uint32_t seq, bool relative) const;
    /**
     * \param s a segment of this record
     * \return its window in bytes: the field shifted by the sender's negotiated scale (a SYN's
     *         window is never scaled, RFC 7323 §2.2), as Wireshark's "calculated window size"
     */
    uint32_t ScaledWindow(const FullTcpSegmentEvent& s) const;

    /// \return whether every end seen changing state is back in CLOSED (a new connection on
    ///         the same endpoints then starts a new record)
    bool IsFinished() const;

  private:
    /// \return the next call-order number
    uint64_t NextOrder();
    /// Learn ISN and window scale from a segment of side \p side.
    void Learn(uint8_t side, const FullTcpHeader& header);
    /// \param side a side \param node its node id
    void SetNode(uint8_t side, uint32_t node);

    std::array<std::string, 2> m_endpoint;
    std::array<std::optional<uint32_t>, 2> m_node;
    std::array<std::optional<uint32_t>, 2> m_isn;
    std::array<std::optional<uint8_t>, 2> m_synShift; //!< wscale each side's SYN offered
    std::array<uint32_t, 2> m_highestEnd {0, 0};      //!< relative end of data sent, per side
    std::vector<FullTcpSegmentEvent> m_segments;
    std::vector<FullTcpStateEvent> m_states;
    std::vector<FullTcpLossMark> m_lossMarks;
    uint64_t m_order {0};
};

} // namespace ns3

#endif /* FULLTCP_SEGMENT_RECORD_H */
