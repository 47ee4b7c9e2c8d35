/*
 * Node: compact TIME_WAIT record (Linux inet_timewait_sock) and its expiry-ordered table
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TIME_WAIT_H
#define FULLTCP_TIME_WAIT_H

#include "fulltcp-endpoint.h"
#include "fulltcp-l4-protocol.h"

#include "ns3/event-id.h"
#include "ns3/fulltcp-connection.h"
#include "ns3/fulltcp-time-wait-rules.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

class FullTcpTimeWaitRecord;
/// A record with its 4-tuple: an element of FullTcpTimeWaitTable's map.
using FullTcpTimeWaitEntry = std::pair<const FullTcpFourTuple, FullTcpTimeWaitRecord>;

/**
 * \ingroup fulltcp
 * \brief A connection in TIME_WAIT whose socket is gone (RFC 9293 §3.6.1, §3.10.7.4): a
 * compact record, as Linux's inet_timewait_sock, instead of the whole engine.
 *
 * It keeps FullTcpTimeWaitState (sequence numbers, window, timestamp state, rate limit,
 * TTL/TOS) and its expiry time, and answers segments with FullTcpTimeWaitSegmentArrives(),
 * the rules the engine itself uses in TIME_WAIT: a retransmitted FIN is re-ACKed and
 * restarts 2·MSL, an old duplicate gets the TIME_WAIT ACK, a new SYN reopens the 4-tuple
 * (RFC 6191; with no listener and timeWaitSynNoListenerAck it gets the ACK), an
 * acceptable RST closes it (unless RFC 1337 is on). Its 4-tuple is the key
 * of the table's map, its configuration a policy the table shares among records, and it
 * holds no event: the table keeps records in expiry order behind a single one.
 */
class FullTcpTimeWaitRecord
{
  public:
    /// What a segment did to the record.
    struct Answer
    {
        FullTcpTimeWaitVerdict verdict;   //!< the rules' verdict (already applied to the state)
        std::optional<FullTcpHeader> ack; //!< the ACK to send, if any (rate limit applied)
    };

    /**
     * \param state what TIME_WAIT keeps of the connection
     * \param expiry when 2·MSL ends
     * \param policy index of the record's policy in its table
     */
    FullTcpTimeWaitRecord(const FullTcpTimeWaitState& state, Time expiry, uint32_t policy);

    /**
     * \brief A segment for this record: run the TIME_WAIT rules, update TS.Recent, the rate
     * limit and the expiry (restart), and build the reply. Closing and reopening are the
     * caller's (the verdict says so).
     * \param policy the record's configuration
     * \param segment the segment (its ports, swapped, are the reply's; its arrival time is
     *        the current time)
     * \param listener whether a listener holds the local port (FullTcpTimeWaitSegmentArrives())
     * \return the verdict and the ACK to send
     */
    Answer SegmentArrives(const FullTcpTimeWaitPolicy& policy,
                          const FullTcpSegmentIn& segment,
                          const std::function<bool()>& listener);

    /// \return the compact state
    const FullTcpTimeWaitState& GetState() const;
    /// \return when 2·MSL ends
    Time GetExpiry() const;

  private:
    friend class FullTcpTimeWaitTable;

    FullTcpTimeWaitState m_state;           //!< what TIME_WAIT keeps
    Time m_expiry;                          //!< end of 2·MSL
    FullTcpTimeWaitEntry* m_prev {nullptr}; //!< earlier expiry in the table's queue
    FullTcpTimeWaitEntry* m_next {nullptr}; //!< later expiry in the table's queue
    uint32_t m_policy {0};                  //!< policy (and queue) index in the table
};

/**
 * \ingroup fulltcp
 * \brief The protocol's TIME_WAIT records, by 4-tuple, with one ns-3 event for the earliest
 * expiry.
 *
 * Records that share a policy (the same MSL and options) form one queue in expiry order:
 * 2·MSL is the same for all of them, so a new record or a restarted one (a retransmitted FIN)
 * goes to the back. The single event fires at the earliest head; a record that closes
 * leaves the table at once.
 */
class FullTcpTimeWaitTable
{
  public:
    /// \param protocol the owner
    explicit FullTcpTimeWaitTable(FullTcpL4Protocol* protocol);
    ~FullTcpTimeWaitTable();
    FullTcpTimeWaitTable(const FullTcpTimeWaitTable&) = delete;
    FullTcpTimeWaitTable& operator=(const FullTcpTimeWaitTable&) = delete;

    /**
     * \brief Take over a connection in TIME_WAIT; the engine can go afterwards.
     * \param tuple the connection \param connection its engine \param ip TTL/TOS of its ACKs
     * \return the record (owned by the table)
     */
    FullTcpTimeWaitRecord* Adopt(const FullTcpFourTuple& tuple,
                                 const FullTcpConnection& connection,
                                 const FullTcpIpParams& ip);
    /**
     * \brief A segment for a record.
     * \param tuple its 4-tuple \param segment the segment as IP delivered it
     * \param device where it came in (for a SYN that reopens the 4-tuple)
     */
    void SegmentArrives(const FullTcpFourTuple& tuple,
                        const FullTcpSegmentIn& segment,
                        Ptr<NetDevice> device);
    /**
     * \brief Remove a record (it closed).
     * \param tuple the connection
     */
    void Release(const FullTcpFourTuple& tuple);
    /// Drop every record and the event (protocol disposal).
    void Clear();
    /// \return records held
    size_t Size() const;
    /// \param visit called with the 4-tuple of every record (for snapshots)
    void ForEachTuple(const std::function<void(const FullTcpFourTuple&)>& visit) const;

  private:
    /// Records of one policy, in expiry order.
    struct Queue
    {
        FullTcpTimeWaitPolicy policy;         //!< their configuration
        FullTcpTimeWaitEntry* head {nullptr}; //!< earliest expiry
        FullTcpTimeWaitEntry* tail {nullptr}; //!< latest expiry
    };

    /// \param policy a configuration \return the index of its queue (created if new)
    uint32_t QueueFor(const FullTcpTimeWaitPolicy& policy);
    /// Put an entry into its queue at the place of its expiry (normally the back).
    void Link(FullTcpTimeWaitEntry& entry);
    /// Take an entry out of its queue.
    void Unlink(FullTcpTimeWaitEntry& entry);
    /// Schedule the event for the earliest expiry (or cancel it when there is none).
    void Reschedule();
    /// The event: close every record whose 2·MSL is over (RFC 9293 §3.10.8).
    void Expire();
    /**
     * \brief TIME_WAIT → CLOSED: trace it, release the 4-tuple, remove the record.
     * \param tuple the connection (a copy: the record goes) \param cause why
     */
    void Close(FullTcpFourTuple tuple, FullTcpStateCause cause);

    FullTcpL4Protocol* m_protocol;                                         //!< owner
    std::unordered_map<FullTcpFourTuple, FullTcpTimeWaitRecord> m_records; //!< by 4-tuple
    std::vector<Queue> m_queues; //!< one per distinct policy (few)
    EventId m_event;             //!< at the earliest expiry
    Time m_eventAt;              //!< when m_event fires
};

} // namespace ns3

#endif /* FULLTCP_TIME_WAIT_H */
