/*
 * Node: a socket's error queue (Linux sk_error_queue): MSG_ZEROCOPY completions, TX timestamps
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_ERROR_QUEUE_H
#define FULLTCP_ERROR_QUEUE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <deque>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief One entry of the error queue, as recvmsg(MSG_ERRQUEUE) returns it: Linux's
 * struct sock_extended_err (include/uapi/linux/errqueue.h) and, for a TX timestamp, the time
 * of its SCM_TIMESTAMPING control message.
 */
struct FullTcpSockError
{
    static constexpr uint8_t ORIGIN_TIMESTAMPING = 4; //!< SO_EE_ORIGIN_TIMESTAMPING
    static constexpr uint8_t ORIGIN_ZEROCOPY = 5;     //!< SO_EE_ORIGIN_ZEROCOPY
    /// SO_EE_CODE_ZEROCOPY_COPIED: the kernel copied the bytes (FullTcp always does: the send
    /// buffer holds a copy of what the application wrote).
    static constexpr uint8_t CODE_ZEROCOPY_COPIED = 1;
    static constexpr uint32_t ERRNO_ENOMSG = 42; //!< ee_errno of a TX timestamp
    /// ee_info of a TX timestamp (SCM_TSTAMP_*, include/uapi/linux/errqueue.h)
    enum Stamp : uint32_t
    {
        STAMP_SND = 0,   //!< SCM_TSTAMP_SND: the segment left for the device
        STAMP_SCHED = 1, //!< SCM_TSTAMP_SCHED: it entered the queueing layer
        STAMP_ACK = 2,   //!< SCM_TSTAMP_ACK: the peer acknowledged it
    };

    uint32_t errnum {0}; //!< ee_errno
    uint8_t origin {0};  //!< ee_origin
    uint8_t type {0};    //!< ee_type
    uint8_t code {0};    //!< ee_code
    uint32_t info {0};   //!< ee_info: zerocopy: first send id; timestamp: SCM_TSTAMP_*
    uint32_t data {0};   //!< ee_data: zerocopy: last send id; timestamp: its key (OPT_ID)
    Time stamp;          //!< timestamp: when (SCM_TIMESTAMPING's software time)
    /// Bytes of the segment that come back with a timestamp (0: none, as OPT_TSONLY); a
    /// reader whose buffer is smaller gets MSG_TRUNC.
    uint32_t length {0};
};

/**
 * \ingroup fulltcp
 * \brief The error queue of a FullTcpSocket and the two producers that feed it: MSG_ZEROCOPY
 * completion notifications (SO_ZEROCOPY) and SO_TIMESTAMPING's TX timestamps.
 *
 * Offsets are the engine's send offsets (data byte i at offset 1 + i, FullTcpTcb): the socket
 * reports what each send queued and how far the send buffer was freed (acknowledged).
 *
 * Zerocopy (Linux net/core/skbuff.c msg_zerocopy_realloc(), __msg_zerocopy_callback()): each
 * send with MSG_ZEROCOPY that queued bytes takes the next id of a 32-bit counter (sk_zckey);
 * when the last of its bytes leaves the send buffer the notification [id, id] is queued, or
 * extends the range of the queue's last entry when that is a zerocopy one ending at id - 1
 * (skb_zerocopy_notify_extend()), so one read returns a batch of consecutive completions.
 *
 * Timestamps (Linux tcp_tx_timestamp(), __skb_tstamp_tx(), tcp_ack_tstamp()): a send marks its
 * last byte; the segment that carries it reports SCHED and SND when it is sent, its
 * acknowledgment reports ACK, each with the byte's key: its offset from the one
 * SO_TIMESTAMPING's OPT_ID started from.
 */
class FullTcpErrorQueue
{
  public:
    /// \return whether nothing is queued
    bool
    IsEmpty() const
    {
        return m_queue.empty();
    }

    /// \return the entries queued
    uint32_t
    GetSize() const
    {
        return static_cast<uint32_t>(m_queue.size());
    }

    /**
     * \brief Take the oldest entry (Linux sock_dequeue_err_skb()).
     * \param out the entry \return false when the queue is empty (recvmsg: EAGAIN)
     */
    bool Pop(FullTcpSockError& out);

    /**
     * \brief A send with MSG_ZEROCOPY queued bytes up to end.
     * \param end the offset just past its last byte \return its id
     */
    uint32_t ZeroCopySent(int64_t end);

    /**
     * \brief The send buffer was thrown away (reset, give-up: Linux tcp_write_queue_purge()
     * frees the buffers, which completes their zerocopy sends).
     * \return whether entries were queued
     */
    bool Purged();

    /**
     * \brief SO_TIMESTAMPING's TX flags (SOF_TIMESTAMPING_*) changed.
     * \param flags the new flags \param acked the first unacknowledged offset (Linux SND.UNA):
     * with OPT_ID newly set, keys count from there (sock_set_timestamping())
     */
    void SetTimestamping(uint32_t flags, int64_t acked);

    /// \return SO_TIMESTAMPING's flags
    uint32_t
    GetTimestamping() const
    {
        return m_tsFlags;
    }

    /**
     * \brief A send is about to queue bytes up to end, before any of them can leave: with TX
     * timestamps on, its last byte is marked (tcp_tx_timestamp() runs before tcp_push()).
     * \param end the offset just past its last byte
     */
    void TimestampSent(int64_t end);

    /**
     * \brief That send queued nothing after all: its mark is dropped.
     * \param end as given to TimestampSent()
     */
    void TimestampUnsent(int64_t end);

    /**
     * \brief A segment was sent.
     * \param start its first data offset \param end past its last \param now when
     * \return whether entries were queued (SCHED, SND of a marked byte it carries)
     */
    bool SegmentSent(int64_t start, int64_t end, Time now);

    /**
     * \brief Bytes were acknowledged: they leave the send buffer (Linux tcp_clean_rtx_queue()
     * frees their buffers, which completes the zerocopy sends that end there, and
     * tcp_ack_tstamp() reports ACK for the marked bytes among them).
     * \param acked the first unacknowledged offset (SND.UNA) \param now when
     * \return whether entries were queued or extended (the socket reports an error then)
     */
    bool Acknowledged(int64_t acked, Time now);

    // SOF_TIMESTAMPING_* (include/uapi/linux/net_tstamp.h)
    static constexpr uint32_t TX_SOFTWARE = 1 << 1; //!< SOF_TIMESTAMPING_TX_SOFTWARE
    static constexpr uint32_t SOFTWARE = 1 << 4;    //!< SOF_TIMESTAMPING_SOFTWARE
    static constexpr uint32_t OPT_ID = 1 << 7;      //!< SOF_TIMESTAMPING_OPT_ID
    static constexpr uint32_t TX_SCHED = 1 << 8;    //!< SOF_TIMESTAMPING_TX_SCHED
    static constexpr uint32_t TX_ACK = 1 << 9;      //!< SOF_TIMESTAMPING_TX_ACK
    static constexpr uint32_t OPT_TSONLY = 1 << 11; //!< SOF_TIMESTAMPING_OPT_TSONLY

  private:
    /// \param e an entry to queue (zerocopy completions merge into the last entry)
    void Push(const FullTcpSockError& e);
    /// \param at the marked offset \param stamp SCM_TSTAMP_* \param now when \param length
    /// the bytes of the segment
    void PushStamp(int64_t at, FullTcpSockError::Stamp stamp, Time now, uint32_t length);

    /// A zerocopy send not yet completed.
    struct ZeroCopySend
    {
        uint32_t id; //!< its id
        int64_t end; //!< the offset past its last byte
    };

    /// A byte marked for TX timestamps.
    struct Marked
    {
        int64_t at;        //!< its offset
        uint32_t flags;    //!< SO_TIMESTAMPING when its send was made
        bool sent {false}; //!< SCHED and SND reported
    };

    std::deque<FullTcpSockError> m_queue; //!< the error queue
    uint32_t m_zcKey {0};                 //!< next zerocopy id (Linux sk_zckey)
    std::deque<ZeroCopySend> m_zcPending; //!< in send order
    uint32_t m_tsFlags {0};               //!< SO_TIMESTAMPING
    int64_t m_tsKeyBase {1};              //!< OPT_ID: the offset of key 0 (sk_tskey)
    std::deque<Marked> m_marked;          //!< in offset order
};

} // namespace ns3

#endif /* FULLTCP_ERROR_QUEUE_H */
