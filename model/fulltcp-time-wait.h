/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TIME_WAIT_H
#define FULLTCP_TIME_WAIT_H

#include "fulltcp-endpoint.h"
#include "fulltcp-l4-protocol.h"
#include "fulltcp-portable-connection.h"

#include "ns3/event-id.h"

#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A connection in TIME_WAIT whose socket is gone (RFC 9293 §3.6.1, §3.10.7.4).
 *
 * The record keeps the connection's engine, so the lifecycle rules stay exactly those of the
 * engine: a retransmitted FIN is re-ACKed and restarts 2·MSL, an old duplicate gets the
 * TIME_WAIT ACK, a new SYN reopens the 4-tuple (RFC 6191, handed to the port's listener),
 * an acceptable RST closes it (unless RFC 1337 is on), and 2·MSL later it closes. What goes
 * is the socket object: its callbacks, attributes, traces, buffers and the application's
 * reference. Without an application, the engine's application events are dropped here.
 */
class FullTcpTimeWaitRecord : public FullTcpConnectionOutput
{
  public:
    /**
     * \param protocol the owner's protocol \param tuple the connection
     * \param connection its engine (in TIME_WAIT) \param ip IP parameters for its ACKs
     */
    FullTcpTimeWaitRecord(FullTcpL4Protocol* protocol,
                          const FullTcpFourTuple& tuple,
                          FullTcpPortableConnection connection,
                          const FullTcpIpParams& ip);
    ~FullTcpTimeWaitRecord() override;
    FullTcpTimeWaitRecord(const FullTcpTimeWaitRecord&) = delete;
    FullTcpTimeWaitRecord& operator=(const FullTcpTimeWaitRecord&) = delete;

    /**
     * \brief A segment for this 4-tuple.
     * \param header its header \param payload its bytes \param device where it came in
     */
    void SegmentArrives(const FullTcpHeader& header, Ptr<Packet> payload, Ptr<NetDevice> device);

    /// \return the connection's 4-tuple
    const FullTcpFourTuple& GetTuple() const;
    /// \return the connection's state (TIME_WAIT until it closes)
    FullTcpState GetState() const;
    /// Stop the timers (the protocol is being disposed).
    void Cancel();

    // FullTcpConnectionOutput
    void SendSegment(const FullTcpHeader& header, Ptr<Packet> payload) override;
    void ArmTimer(FullTcpTimer timer, Time delay) override;
    void CancelTimer(FullTcpTimer timer) override;
    void NotifyApplication(FullTcpAppEvent event) override;
    void StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override;
    void ConnectionRequest(const FullTcpConnectionRequest& request) override;
    void SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason) override;
    void IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override;

  private:
    /// \param timer the slot that expired
    void TimerFired(FullTcpTimer timer);

    FullTcpL4Protocol* m_protocol;                     //!< owner (outlives the table)
    FullTcpFourTuple m_tuple;                          //!< the connection
    FullTcpPortableConnection m_connection;            //!< the engine
    FullTcpIpParams m_ip;                              //!< TTL/TOS/device
    std::array<EventId, FULLTCP_TIMER_COUNT> m_timers; //!< armed slots
    Ptr<NetDevice> m_rxDevice;                         //!< device of the segment in hand
};

/**
 * \ingroup fulltcp
 * \brief The protocol's TIME_WAIT records, by 4-tuple; a record that closes goes at the end
 * of the current event (it may be inside its own engine's callback).
 */
class FullTcpTimeWaitTable
{
  public:
    /// \param protocol the owner
    explicit FullTcpTimeWaitTable(FullTcpL4Protocol* protocol);
    ~FullTcpTimeWaitTable();

    /**
     * \brief Take over a connection in TIME_WAIT.
     * \param tuple the connection \param connection its engine \param ip IP parameters
     * \return the record (owned by the table)
     */
    FullTcpTimeWaitRecord* Adopt(const FullTcpFourTuple& tuple,
                                 FullTcpPortableConnection connection,
                                 const FullTcpIpParams& ip);
    /**
     * \brief Remove a record that closed; it is destroyed by Purge().
     * \param tuple the connection
     */
    void Release(const FullTcpFourTuple& tuple);
    /// Destroy the records released so far.
    void Purge();
    /// Cancel every record's timers and drop them all (protocol disposal).
    void Clear();
    /// \return records held
    size_t Size() const;

  private:
    FullTcpL4Protocol* m_protocol; //!< owner
    std::unordered_map<FullTcpFourTuple, std::unique_ptr<FullTcpTimeWaitRecord>> m_records;
    //!< live records
    std::vector<std::unique_ptr<FullTcpTimeWaitRecord>> m_released; //!< to destroy
};

} // namespace ns3

#endif /* FULLTCP_TIME_WAIT_H */
