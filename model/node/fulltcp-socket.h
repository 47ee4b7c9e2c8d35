/*
 * Node: FullTcpSocket, ns3::TcpSocket over the engine; event-to-callback map, ss info row
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SOCKET_H
#define FULLTCP_SOCKET_H

#include "fulltcp-endpoint.h"
#include "fulltcp-error-queue.h"
#include "fulltcp-l4-protocol.h"
#include "fulltcp-listen-backlog.h"

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-connection-output.h"
#include "ns3/fulltcp-connection.h"
#include "ns3/sequence-number.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/tcp-socket.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class Node;

/**
 * \ingroup fulltcp
 * \brief One line of a socket table (what `ss -tan` shows, Linux struct tcp_info): a
 * snapshot of a listener or a connection (FullTcpSocket::GetInfo()).
 */
struct FullTcpSocketInfo
{
    FullTcpState state {FullTcpState::CLOSED}; //!< current state
    /// local = this end; remote = the peer (wildcard address, port 0 for a listener)
    FullTcpFourTuple tuple;
    /// Connection: bytes received, not yet read by the application. Listener: established
    /// children waiting to be accepted (as ss shows for LISTEN).
    uint32_t recvQ {0};
    /// Connection: bytes written, not yet acknowledged. Listener: AcceptQueueLimit.
    uint32_t sendQ {0};
    std::optional<uint32_t> cwnd; //!< congestion window in bytes (connections only)
    std::optional<Time> rto;      //!< current, backed-off RTO (connections only)
    uint32_t retransmissions {0}; //!< segments retransmitted so far (tcpi_total_retrans)
};

/**
 * \ingroup fulltcp
 * \brief The ns-3 Socket API on a FullTcp connection.
 *
 * It derives from ns3::TcpSocket, so ns-3's familiar TCP attributes (SegmentSize,
 * SndBufSize, RcvBufSize, ConnTimeout, ConnCount, DataRetries, ...) configure FullTcp too and
 * one Config::SetDefault configures a comparison of both stacks; FullTcp's own knobs are
 * attributes of ns3::FullTcpSocket (see doc/using.rst for each default and its source).
 *
 * Semantics are POSIX-like: every call returns 0 (or a byte count) on success and -1 with an
 * ns-3 errno (GetErrno()) on misuse, never an assertion. Application events map one to one
 * onto the ns-3 callbacks:
 *
 *  | engine event      | callback                                  | GetErrno()            |
 *  |-------------------|-------------------------------------------|-----------------------|
 *  | CONNECTED         | ConnectionSucceeded / NewConnectionCreated |                       |
 *  | CONNECT_REFUSED   | ConnectionFailed                          | ERROR_NOTCONN         |
 *  | CONNECT_TIMED_OUT | ConnectionFailed                          | ERROR_AGAIN *         |
 *  | CONNECT_UNREACHABLE | ConnectionFailed (ICMP hard error)      | ERROR_NOTCONN         |
 *  | DATA_ARRIVED      | Recv                                      |                       |
 *  | SEND_SPACE        | Send (free space); DataSent as data leaves |                       |
 *  | PEER_CLOSED       | Recv (Recv() then returns 0 bytes: EOF)   |                       |
 *  | CLOSED            | NormalClose                               |                       |
 *  | RESET             | ErrorClose                                | ERROR_NOTCONN         |
 *  | TIMED_OUT         | ErrorClose                                | ERROR_AGAIN *         |
 *  | UNREACHABLE       | ErrorClose (ICMP error, Fast Open child)  | ERROR_NOROUTETOHOST   |
 *
 * (*) ERROR_NOROUTETOHOST instead when an ICMP soft error was received meanwhile (RFC 1122
 * §4.2.3.9, as Linux reports sk_err_soft).
 *
 * The TcpSocketBaseCallbacks attribute (on in the drop-in mode, FullTcpInternetStackHelper)
 * moves two notifications to where ns-3's TcpSocketBase has them, for applications written
 * against it: NormalClose when the peer's FIN arrives in ESTABLISHED (PEER_CLOSED entering
 * CLOSE_WAIT; TcpSocketBase::DoPeerClose()) instead of at CLOSED, and Send (the free space)
 * right after ConnectionSucceeded / NewConnectionCreated (TcpSocketBase::
 * ConnectionSucceeded(), ProcessSynRcvd()). Either way NormalClose fires at most once, a
 * RST is ErrorClose only and a refused connect fails at once (doc/using.rst lists every
 * notification against ns-3's).
 *
 * The socket owns its engine (a FullTcpConnection) and is the engine's
 * FullTcpConnectionOutput, which the engine refers to for life: nothing stands between them.
 * Timers are EventIds, one per slot of the engine. Once the connection enters TIME_WAIT, the
 * protocol's TIME_WAIT table copies what that state needs into a compact record and the
 * socket destroys the engine (HandOffTimeWait(), never while an engine call of this socket is
 * on the stack); the application may then drop the socket, and unread bytes stay readable
 * here.
 */
class FullTcpSocket : public TcpSocket, private FullTcpConnectionOutput
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// Recv() flag: read the urgent byte held out of the stream (Linux MSG_OOB; with the
    /// UrgentOutOfBand attribute). ns-3's Socket defines no such flag.
    static constexpr uint32_t MSG_OOB = 0x1;
    /// SendTo() flag: open the connection with the bytes on the SYN (RFC 7413 §4.2.1; Linux
    /// MSG_FASTOPEN, with the FastOpen attribute's client flag 0x1).
    static constexpr uint32_t MSG_FASTOPEN = 0x20000000;

    /// Send() flag: the bytes end a record, no later write is coalesced with them (Linux
    /// MSG_EOR; FullTcpConnection::Send()).
    static constexpr uint32_t MSG_EOR = 0x80;
    /// Send() flag: more bytes follow at once, so the write is not pushed: no PSH marks its
    /// end and its partial last segment waits as under TcpCork (Linux MSG_MORE, tcp_push()
    /// with TCP_NAGLE_CORK; FullTcpConnection::Send()).
    static constexpr uint32_t MSG_MORE = 0x8000;

    /// Send() flag: ask for a completion notification on the error queue once the bytes are
    /// acknowledged (Linux MSG_ZEROCOPY, with the ZeroCopy attribute: SO_ZEROCOPY; without
    /// it the flag is ignored, as Linux does). fulltcp-socket-error-queue.cc.
    static constexpr uint32_t MSG_ZEROCOPY = 0x4000000;

    FullTcpSocket();
    /**
     * \brief Fork a child from a listener (ns-3's semantics): attributes, callbacks, IP
     * options and ShutdownSend()/ShutdownRecv() are inherited, nothing else.
     * \param listener the listener
     */
    FullTcpSocket(const FullTcpSocket& listener);
    ~FullTcpSocket() override;

    /**
     * TracedCallback signature for every state transition with its cause.
     * \param from old state \param to new state \param cause why (RFC 9293 event)
     */
    typedef void (*TransitionTracedCallback)(FullTcpState from,
                                             FullTcpState to,
                                             FullTcpStateCause cause);
    /**
     * TracedCallback signature for a segment sent or received.
     * \param payload its bytes \param header its header \param socket this socket
     */
    typedef void (*TxRxTracedCallback)(Ptr<const Packet> payload,
                                       const FullTcpHeader& header,
                                       Ptr<const FullTcpSocket> socket);
    /**
     * TracedCallback signature for a received segment the connection did not process.
     * \param header the segment \param reason why
     */
    typedef void (*DropTracedCallback)(const FullTcpHeader& header, FullTcpDropReason reason);
    /**
     * TracedCallback signature for a retransmission timeout found spurious (Frto, Undo).
     * \param at when it was detected
     * \param how "F-RTO" (RFC 5682), "Eifel" (timestamps, RFC 3522) or "DSACK" (RFC 3708)
     */
    typedef void (*SpuriousTimeoutTracedCallback)(Time at, const std::string& how);
    /**
     * TracedCallback signature for a cwnd reduction undone (Linux tcp_undo_cwnd_reduction()).
     * \param kind "full", "partial", "dsack", "loss" or "frto" (FullTcpUndoKindName())
     * \param cwnd the congestion window restored \param ssthresh the threshold restored
     */
    typedef void (*UndoTracedCallback)(const std::string& kind, uint32_t cwnd, uint32_t ssthresh);
    /**
     * TracedCallback signature for a tail loss probe (RFC 8985 §7.3).
     * \param seq the probe's first sequence number \param newData new data, not a
     *        retransmission of the last segment
     */
    typedef void (*TailLossProbeTracedCallback)(SequenceNumber32 seq, bool newData);
    /**
     * TracedCallback signature for a segment RACK marked lost (RFC 8985 §6.2 step 5).
     * \param start its first sequence number \param end the sequence number just past it
     */
    typedef void (*RackLostTracedCallback)(SequenceNumber32 start, SequenceNumber32 end);
    /**
     * TracedCallback signature for an ECN event (RFC 3168 §6.1: "EcnEcho", "CwrSent",
     * "CeReceived").
     * \param now when \param seq the sequence number it concerns: SEG.ACK of the ECE,
     *        SEG.SEQ of the segment with CWR or CE
     */
    typedef void (*EcnTracedCallback)(Time now, SequenceNumber32 seq);

    /// \param node the node \param protocol its FullTcp protocol (done by CreateSocket)
    void Setup(Ptr<Node> node, Ptr<FullTcpL4Protocol> protocol);

    /// \return the connection's state (CLOSED before Connect/Listen)
    FullTcpState GetState() const;
    /// \return the engine (nullptr before Connect/Listen and after the move to TIME_WAIT)
    const FullTcpConnection* GetConnection() const;
    /// \return this socket's line of a socket table (FullTcpSnapshot prints them)
    FullTcpSocketInfo GetInfo() const;
    /// \return whether connect() was deferred by TCP_FASTOPEN_CONNECT (FastOpenConnect):
    /// no SYN yet, the first send opens the connection with its bytes (Linux DEFER_CONNECT)
    bool
    IsFastOpenDeferred() const
    {
        return m_fastOpenDeferred;
    }

    /**
     * \brief Stop handing established connections to the application (FullTcp extension;
     * ns-3's accept is a callback, so without this the accept queue never fills). While
     * paused, they wait in the accept queue, up to AcceptQueueLimit.
     * \param paused whether to pause
     */
    void SetAcceptPaused(bool paused);
    /// \return established connections waiting to be accepted
    uint32_t GetAcceptQueueLength() const;

    // The error queue (fulltcp-socket-error-queue.cc; Linux sk_error_queue)
    /**
     * \brief Take the oldest entry of the error queue (Linux recvmsg(MSG_ERRQUEUE),
     * sock_recv_errqueue()): MSG_ZEROCOPY completions and SO_TIMESTAMPING's TX timestamps.
     * \param out the entry \return false (errno ERROR_AGAIN) when the queue is empty
     */
    bool RecvError(FullTcpSockError& out);
    /// \return the entries in the error queue (a poll reports POLLERR while there are some)
    uint32_t GetErrorQueueSize() const;
    /// \param cb called (with this socket) after entries were queued (Linux sk_error_report())
    void SetErrorQueueCallback(Callback<void, Ptr<Socket>> cb);
    /**
     * \brief SO_TIMESTAMPING's flags (Linux SOF_TIMESTAMPING_*, FullTcpErrorQueue's TX_SCHED,
     * TX_SOFTWARE, TX_ACK, SOFTWARE, OPT_ID, OPT_TSONLY): each later send marks its last byte
     * for TX timestamps on the error queue.
     * \param flags the flags \return 0, or -1 with ERROR_INVAL for OPT_ID on a socket that is
     * not connected (sock_set_timestamping())
     */
    int SetTimestamping(uint32_t flags);
    /// \return SO_TIMESTAMPING's flags
    uint32_t GetTimestamping() const;
    /**
     * \brief sendmsg() with iovecs: one write of their bytes; with MSG_ZEROCOPY and ZeroCopy,
     * each non-empty iovec is a page fragment and every MaxSkbFrags of them end a packet,
     * pushed (Linux skb_zerocopy_iter_stream(), tcp_mark_push() when the skb is full).
     * \param iov the iovecs \param flags as Send() \return as Send(): the bytes taken
     */
    int SendMsg(const std::vector<Ptr<Packet>>& iov, uint32_t flags);
    /// \return the bytes left to read, one more once the peer's FIN came and nothing is left
    /// (Linux tcp_inq_hint(), TCP_INQ's TCP_CM_INQ)
    uint32_t GetInqHint() const;
    /// \return half-open connections (SYN_RCVD children) of this listener
    uint32_t GetSynQueueLength() const;

    // Socket
    Socket::SocketErrno GetErrno() const override;
    Socket::SocketType GetSocketType() const override;
    Ptr<Node> GetNode() const override;
    int Bind(const Address& address) override;
    int Bind() override;
    int Bind6() override;
    int Close() override;
    int ShutdownSend() override;
    int ShutdownRecv() override;
    int Connect(const Address& address) override;
    int Listen() override;
    uint32_t GetTxAvailable() const override;
    int Send(Ptr<Packet> p, uint32_t flags) override;
    int SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress) override;
    uint32_t GetRxAvailable() const override;
    Ptr<Packet> Recv(uint32_t maxSize, uint32_t flags) override;
    Ptr<Packet> RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress) override;
    int GetSockName(Address& address) const override;
    int GetPeerName(Address& address) const override;
    bool SetAllowBroadcast(bool allowBroadcast) override;
    bool GetAllowBroadcast() const override;
    void BindToNetDevice(Ptr<NetDevice> netdevice) override;

    // ------------------------------------------------------------ from the protocol

    /**
     * \brief A segment for this connection.
     * \param segment the segment as IP delivered it (header, text, ECN, TTL, arrival)
     */
    void SegmentArrives(const FullTcpSegmentIn& segment);
    /**
     * \brief A segment for this listener (no connection matched): the LISTEN rules
     * (FullTcpListenSegmentArrives()) applied with its addresses in scope.
     * \param segment the segment as IP delivered it
     * \param tuple local = its destination, remote = its source \param device where it came in
     */
    void ListenerSegmentArrives(const FullTcpSegmentIn& segment,
                                const FullTcpFourTuple& tuple,
                                Ptr<NetDevice> device);
    /**
     * \brief A SYN that reopens a 4-tuple in TIME_WAIT (RFC 6191), for this listener.
     * \param syn the SYN \param iss the ISS the old incarnation chose
     * \param tuple the connection \param device where it came in
     */
    void ReopenRequest(const FullTcpHeader& syn,
                       uint32_t iss,
                       const FullTcpFourTuple& tuple,
                       Ptr<NetDevice> device);
    /**
     * \brief An ICMP error about this connection, for the engine to judge
     * (FullTcpConnection::IcmpArrives(): RFC 5927, RFC 1122 §4.2.3.9, RFC 1191, RFC 8201).
     * \param error its kind, quoted sequence number and MTU
     * \return what it did (NOT_IN_FLIGHT when there is no live connection)
     */
    FullTcpIcmpResult IcmpError(const FullTcpIcmpError& error);
    /// The protocol is being disposed: stop everything, no callbacks.
    void Shutdown();
    /// \param cork the TcpCork attribute (Linux TCP_CORK): on holds partial segments, off
    ///        sends what it held (FullTcpConnection::SetCork())
    void SetTcpCork(bool cork);
    /// \return the TcpCork attribute
    bool GetTcpCork() const;
    /**
     * \brief Whether a poll() for writing would report the socket ready (Linux tcp_poll()
     * EPOLLOUT, __sk_stream_is_writeable()): a connection whose sending side is open, with
     * free send buffer at least half of what is queued and, with NotSentLowat (or
     * NotSentLowatDefault), twice its unsent bytes below that mark
     * (FullTcpConnection::IsWritable()). For poll/epoll models of the script runner.
     * \return whether it is writable
     */
    bool IsWritable() const;
    /// \param lowat the NotSentLowat attribute (Linux TCP_NOTSENT_LOWAT; 0: unset)
    void SetNotSentLowat(uint32_t lowat);
    /// \return the NotSentLowat attribute, as getsockopt(TCP_NOTSENT_LOWAT) reports it
    uint32_t GetNotSentLowat() const;

  protected:
    void DoDispose() override;

  private:
    friend class FullTcpListenBacklog;
    friend class FullTcpL4Protocol; // SocketList bookkeeping (m_socketListIndex)

    /// What the socket is.
    enum class Role : uint8_t
    {
        NONE,       //!< created or only bound
        LISTENER,   //!< Listen() succeeded
        CONNECTION, //!< Connect() succeeded, or forked by a listener
    };

    /// Keeps the socket alive across an engine call and runs deferred work at the end.
    class EngineCall
    {
      public:
        /// \param socket the socket
        explicit EngineCall(FullTcpSocket* socket);
        ~EngineCall();
        EngineCall(const EngineCall&) = delete;
        EngineCall& operator=(const EngineCall&) = delete;

      private:
        FullTcpSocket* m_socket;   //!< the socket
        Ptr<FullTcpSocket> m_hold; //!< keeps it alive
    };

    // --- fulltcp-socket.cc: the Socket API ---
    /// \return the bound or connected local endpoint as a socket address
    Address LocalSocketAddress() const;
    /// \param key an address \param port a port \return an Inet/Inet6SocketAddress
    static Address MakeSocketAddress(const FullTcpIpKey& key, uint16_t port);
    /// \param a a socket address \param key out \param port out \return whether it is one
    static bool ParseSocketAddress(const Address& a, FullTcpIpKey& key, uint16_t& port);
    /// \param e an engine error \return the errno for it
    static Socket::SocketErrno ErrnoFor(FullTcpError e);
    /// \param e errno to set \return -1
    int Fail(Socket::SocketErrno e);
    /// \return whether the connection can still carry data (engine here, not CLOSED)
    bool ConnectionLive() const;
    /// Recv() with MSG_OOB (Linux tcp_recv_urg()). \return the urgent byte, an empty packet
    /// (the peer closed first) or nullptr with the errno (EINVAL: none; EAGAIN: not arrived)
    Ptr<Packet> RecvUrgent();
    /// \param config its configuration \return a new engine whose output is this socket
    std::unique_ptr<FullTcpConnection> NewEngine(const FullTcpConfig& config);

    // --- fulltcp-socket-engine.cc (engine output) and fulltcp-socket-listener.cc ---
    /// Work that must wait until no engine call of this socket is on the stack.
    void AfterInput();
    /// Copy cwnd, ssthresh, SRTT, RTO and FlightSize into their TracedValues (which fire
    /// only on a change): once per engine call, so the engine stays stack-agnostic.
    void SampleTcb();
    /// Give the TIME_WAIT connection to the protocol's table (a record) and destroy the
    /// engine; only from AfterInput(), when no engine call of this socket is on the stack.
    void HandOffTimeWait();
    /**
     * \param mtu the path MTU (of the outgoing device) \param family IPv4 or IPv6
     * \return the configuration for a new connection (or listener)
     */
    FullTcpConfig MakeConfig(uint32_t mtu, FullTcpIpKey::Family family) const;

    // --- fulltcp-socket-options.cc: the options that change an open connection ---
    /// Copy the options an application may change on an open connection into c: the one
    /// list of them, for MakeConfig() and OptionsChanged(). \param c the configuration
    void CopyOptions(FullTcpConfig& c) const;
    /// One of them changed: an open connection takes it now (FullTcpConnection::SetOptions()).
    void OptionsChanged();
    // --- fulltcp-socket-error-queue.cc: what feeds the error queue ---
    /// A send queued its bytes (MSG_ZEROCOPY id, TX timestamp mark). \param flags its flags
    void ErrorQueueSend(uint32_t flags);
    /// A segment left (SCHED, SND). \param segment the segment
    void ErrorQueueSegment(const FullTcpSegmentOut& segment);
    /// Bytes were acknowledged (completions, ACK), or purged when the connection failed.
    void ErrorQueueAcked();
    /// \param queued whether entries were queued: then the error queue callback runs
    void ErrorQueueReport(bool queued);
    /// \return TTL/TOS/device for the protocol (ECN: Not-ECT)
    FullTcpIpParams IpParams() const;
    /// \param timer the slot that expired
    void TimerFired(FullTcpTimer timer);
    /**
     * \brief Fork, register and start a passive child (backlog permitting).
     * \param syn the SYN \param iss ISS to use (reuse), or nothing to generate one
     * \param tuple the connection \param device where the SYN came in
     */
    void AcceptRequest(const FullTcpHeader& syn,
                       std::optional<uint32_t> iss,
                       const FullTcpFourTuple& tuple,
                       Ptr<NetDevice> device,
                       Ptr<Packet> payload = nullptr);
    /**
     * \brief The listener's Fast Open decision for a SYN (RFC 7413 §4.2.2, Linux
     * tcp_try_fastopen()): accept its data or not, and which cookie the SYN-ACK carries.
     * \param syn the SYN \param payload its text \param tuple its addresses
     * \return the decision (fulltcp-socket-fast-open.cc)
     */
    FullTcpPassiveFastOpen DecideFastOpen(const FullTcpHeader& syn,
                                          Ptr<Packet> payload,
                                          const FullTcpFourTuple& tuple);
    /// A Fast Open child left SYN_RCVD: its place in the listener's Fast Open queue is free.
    void FastOpenChildDone();
    /**
     * \brief Create and register a child for tuple and start it from syn.
     * \param syn the SYN (real, or rebuilt from a SYN cookie)
     * \param iss its ISS \param tuple the connection \param device where it came in
     * \param quiet suppress the SYN-ACK (the cookie's SYN-ACK was already sent)
     * \param fastOpen the Fast Open decision (a Fast Open child goes to the accept queue at
     *        once, RFC 7413 §4.2.2)
     * \return the child, or null when the 4-tuple is taken
     */
    Ptr<FullTcpSocket> StartChild(const FullTcpHeader& syn,
                                  uint32_t iss,
                                  const FullTcpFourTuple& tuple,
                                  Ptr<NetDevice> device,
                                  bool quiet,
                                  const FullTcpPassiveFastOpen& fastOpen = {});
    /**
     * \brief Answer a SYN with a SYN cookie (RFC 4987 §3.6), keeping no state.
     * \param syn the SYN \param tuple the connection
     */
    void SendSynCookie(const FullTcpHeader& syn, const FullTcpFourTuple& tuple);
    /**
     * \brief An ACK to the listener that may carry a SYN cookie.
     * \param segment the ACK \param tuple the connection \param device where it came in
     * \return true when it was a valid cookie and has been handled
     */
    bool AcceptCookie(const FullTcpSegmentIn& segment,
                      const FullTcpFourTuple& tuple,
                      Ptr<NetDevice> device);
    /// A child of this listener became ESTABLISHED. \param child the child
    void ChildEstablished(Ptr<FullTcpSocket> child);
    /// Hand a child to the application. \param child the child
    void DeliverChild(Ptr<FullTcpSocket> child);
    /// \param event an application event of the engine, as ns-3 callbacks
    void DeliverEvent(FullTcpAppEvent event);
    /// The send callback with the free space, if the application may still send and there
    /// is some.
    void NotifySendSpace();
    /// NormalClose, unless it fired before: at most once per socket, as ns-3's TcpSocketBase.
    void NotifyNormalCloseOnce();
    /// \return errno for a timeout (the engine's soft ICMP error wins, as Linux)
    Socket::SocketErrno TimeoutErrno() const;

    // FullTcpConnectionOutput (fulltcp-socket-engine.cc)
    void SendSegment(const FullTcpSegmentOut& segment) override;
    void ArmTimer(FullTcpTimer timer, Time delay) override;
    void CancelTimer(FullTcpTimer timer) override;
    void NotifyApplication(FullTcpAppEvent event) override;
    void StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override;
    void ConnectionRequest(const FullTcpConnectionRequest& request) override;
    bool MayEstablish() override;
    bool HasListener() override;
    void SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason) override;
    void IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override;
    void SpuriousTimeout(const char* how) override;
    void ReductionUndone(FullTcpUndoKind kind, uint32_t cwnd, uint32_t ssthresh) override;
    void RecoveryEvent(const FullTcpRecoveryEvent& event) override;
    void EcnEvent(FullTcpEcnEvent event, uint32_t seq) override;

    // TcpSocket (fulltcp-socket-attributes.cc)
    void SetSndBufSize(uint32_t size) override;
    uint32_t GetSndBufSize() const override;
    void SetRcvBufSize(uint32_t size) override;
    uint32_t GetRcvBufSize() const override;
    void SetSegSize(uint32_t size) override;
    uint32_t GetSegSize() const override;
    void SetInitialSSThresh(uint32_t threshold) override;
    uint32_t GetInitialSSThresh() const override;
    void SetInitialCwnd(uint32_t cwnd) override;
    uint32_t GetInitialCwnd() const override;
    void SetConnTimeout(Time timeout) override;
    Time GetConnTimeout() const override;
    void SetSynRetries(uint32_t count) override;
    uint32_t GetSynRetries() const override;
    void SetDataRetries(uint32_t retries) override;
    uint32_t GetDataRetries() const override;
    void SetDelAckTimeout(Time timeout) override;
    Time GetDelAckTimeout() const override;
    void SetDelAckMaxCount(uint32_t count) override;
    uint32_t GetDelAckMaxCount() const override;
    void SetTcpNoDelay(bool noDelay) override;
    bool GetTcpNoDelay() const override;
    void SetPersistTimeout(Time timeout) override;
    Time GetPersistTimeout() const override;

    // Algorithm attributes (fulltcp-socket-attributes.cc): an unknown name is refused
    /// \param name CongestionControl \return whether an algorithm of that name is registered
    bool SetCongestionControl(const std::string& name);
    /// \return CongestionControl
    std::string GetCongestionControl() const;
    /// \param name Recovery \return whether a loss recovery of that name is registered
    bool SetRecovery(const std::string& name);
    /// \return Recovery
    std::string GetRecovery() const;
    /// \param name PrrVariant \return whether FullTcpPrr knows that variant
    bool SetPrrVariant(const std::string& name);
    /// \param name ReceiveWindow: "Rfc" or "Linux" \return whether the name is known
    bool SetReceiveWindow(const std::string& name);
    /// \return ReceiveWindow
    std::string GetReceiveWindow() const;
    /// \param name RtoEstimator: "Rfc6298" or "Linux" \return whether the name is known
    bool SetRtoEstimator(const std::string& name);
    /// \return RtoEstimator
    std::string GetRtoEstimator() const;
    /// \param name GiveUp: "Rfc9293" or "Linux" \return whether the name is known
    bool SetGiveUp(const std::string& name);
    /// \return GiveUp
    std::string GetGiveUp() const;
    /// \return PrrVariant
    std::string GetPrrVariant() const;
    /// \param name CubicHystart \return whether CUBIC knows that slow-start exit
    bool SetCubicHystart(const std::string& name);
    /// \return CubicHystart
    std::string GetCubicHystart() const;
    /// \param name Ecn: "Off", "On" or "Passive" \return whether the name is one of them
    bool SetEcn(const std::string& name);
    /// \return Ecn
    std::string GetEcn() const;

    // Backlog attributes (fulltcp-socket-attributes.cc)
    /// \param limit SynQueueLimit
    void SetSynQueueLimit(uint32_t limit);
    /// \return SynQueueLimit
    uint32_t GetSynQueueLimit() const;
    /// \param limit AcceptQueueLimit
    void SetAcceptQueueLimit(uint32_t limit);
    /// \return AcceptQueueLimit
    uint32_t GetAcceptQueueLimit() const;
    /// \param on SynCookies
    void SetSynCookies(bool on);
    /// \return SynCookies
    bool GetSynCookies() const;

    // Options that change an open connection (fulltcp-socket-options.cc)
    /// \param timeout UserTimeout
    void SetUserTimeout(Time timeout);
    /// \return UserTimeout
    Time GetUserTimeout() const;
    /// \param timeout FinWait2Timeout
    void SetFinWait2Timeout(Time timeout);
    /// \return FinWait2Timeout
    Time GetFinWait2Timeout() const;
    /// \param on KeepAlive
    void SetKeepAlive(bool on);
    /// \return KeepAlive
    bool GetKeepAlive() const;
    /// \param idle KeepAliveIdle
    void SetKeepAliveIdle(Time idle);
    /// \return KeepAliveIdle
    Time GetKeepAliveIdle() const;
    /// \param interval KeepAliveInterval
    void SetKeepAliveInterval(Time interval);
    /// \return KeepAliveInterval
    Time GetKeepAliveInterval() const;
    /// \param probes KeepAliveProbes
    void SetKeepAliveProbes(uint32_t probes);
    /// \return KeepAliveProbes
    uint32_t GetKeepAliveProbes() const;

    // --- wiring ---
    Ptr<Node> m_node;                             //!< the node
    Ptr<FullTcpL4Protocol> m_tcp;                 //!< its protocol
    Socket::SocketErrno m_errno {ERROR_NOTERROR}; //!< last error

    // --- identity ---
    Role m_role {Role::NONE};                  //!< what the socket is
    bool m_bound {false};                      //!< local endpoint holds a bind in the demux
    FullTcpLocalEndpoint m_local;              //!< bound address (possibly the wildcard) and port
    FullTcpFourTuple m_tuple;                  //!< the connection (Role::CONNECTION)
    bool m_inDemux {false};                    //!< the demux holds this listener or connection
    bool m_handedOff {false};                  //!< the connection is a TIME_WAIT record now
    std::optional<uint32_t> m_socketListIndex; //!< index in the protocol's SocketList

    /**
     * \brief Connect() itself: the route, the port, the engine and its SYN.
     * \param address the peer \param fastOpen the SYN's Fast Open (null: none)
     * \param taken out with fastOpen: the bytes the SYN carries
     * \return 0, or -1 with the errno set
     */
    int StartConnect(const Address& address,
                     const FullTcpFastOpenRequest* fastOpen,
                     uint32_t* taken);
    // Fast Open's client (fulltcp-socket-fast-open-client.cc)
    /// connect() with TCP_FASTOPEN_CONNECT \param address the peer \return as Connect()
    int FastOpenConnect(const Address& address);
    /**
     * \brief sendto() with MSG_FASTOPEN, or a send on a deferred connect().
     * \param p the bytes \param to the peer
     * \return the bytes the SYN took (0: it asks for a cookie), or -1 with the errno set
     */
    int SendFastOpen(Ptr<Packet> p, const Address& to);
    /// \param to the peer \return its cookie cache lookup, as a SYN's Fast Open request
    FullTcpFastOpenRequest FastOpenRequestFor(const Address& to);
    void FastOpenLearned(const FullTcpFastOpenLearned& learned) override;
    /// The engine, whose output this socket is (null before Connect/Listen; destroyed when
    /// the connection became a TIME_WAIT record).
    std::unique_ptr<FullTcpConnection> m_engine;

    // --- application side ---
    bool m_closeCalled {false};     //!< Close() was called
    bool m_shutdownSend {false};    //!< ShutdownSend() (or inherited from the listener)
    bool m_shutdownRecv {false};    //!< ShutdownRecv(): received bytes are discarded
    bool m_finOnPeerClose {false};  //!< inherited ShutdownSend: send FIN when the peer does
    bool m_failed {false};          //!< ended by a reset, a timeout or a refusal
    bool m_closeNotified {false};   //!< NormalClose fired (ns-3 TcpSocketBase::m_closeNotified)
    Ptr<Packet> m_rxLeftover;       //!< unread bytes kept when the engine moved away
    uint32_t m_pendingDataSent {0}; //!< bytes sent, not yet reported by DataSent
    uint32_t m_depth {0};           //!< engine calls of this socket on the stack
    std::array<EventId, FullTcpTimer::CAPACITY> m_timers; //!< armed engine timers, by slot

    // --- listener / child ---
    FullTcpListenBacklog m_backlog;        //!< SYN and accept queues (listener)
    FullTcpSocket* m_listener {nullptr};   //!< the listener, until accepted (child)
    bool m_acceptPaused {false};           //!< SetAcceptPaused()
    bool m_quiet {false};                  //!< suppress output (SYN cookie child start)
    uint32_t m_fastOpen {0};               //!< FastOpen (net.ipv4.tcp_fastopen flags)
    std::string m_fastOpenKey;             //!< FastOpenKey (net.ipv4.tcp_fastopen_key)
    uint32_t m_fastOpenMaxQueue {0};       //!< FastOpenQueue: TCP_FASTOPEN's max_qlen (listener)
    uint32_t m_fastOpenQueued {0};         //!< Fast Open children in SYN_RCVD (listener)
    Ptr<FullTcpSocket> m_fastOpenListener; //!< a Fast Open child in SYN_RCVD: its listener
    FullTcpErrorQueue m_errorQueue;        //!< the error queue (never copied to a child)
    Callback<void, Ptr<Socket>> m_errorQueueCallback; //!< SetErrorQueueCallback()
    bool m_passiveFastOpen {false}; //!< a Fast Open child, accepted before ESTABLISHED

    // --- Fast Open client (RFC 7413 §4.2.1) ---
    bool m_fastOpenConnect {false};  //!< FastOpenConnect (TCP_FASTOPEN_CONNECT)
    bool m_fastOpenDeferred {false}; //!< connect() returned at once; the first send opens
    Address m_deferredPeer;          //!< the peer of the deferred connect()

    // --- traces ---
    TracedValue<TcpStates_t> m_state; //!< State
    TracedCallback<FullTcpState, FullTcpState, FullTcpStateCause> m_transitionTrace;
    //!< StateTransition
    TracedCallback<Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>> m_txTrace;
    //!< Tx
    TracedCallback<Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>> m_rxTrace;
    //!< Rx
    TracedCallback<const FullTcpHeader&, FullTcpDropReason> m_dropTrace; //!< Drop
    TracedCallback<Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>>
        m_retransmissionTrace;             //!< Retransmission
    TracedValue<uint32_t> m_cWnd;          //!< CongestionWindow
    TracedValue<uint32_t> m_ssThresh;      //!< SlowStartThreshold
    TracedValue<Time> m_srtt;              //!< RTT (smoothed)
    TracedValue<Time> m_rto;               //!< RTO
    TracedValue<uint32_t> m_bytesInFlight; //!< BytesInFlight
    /// SpuriousTimeout: when, and how (FullTcpConnectionOutput::SpuriousTimeout())
    TracedCallback<Time, const std::string&> m_spuriousTimeoutTrace;
    /// Undo: kind, cwnd, ssthresh (FullTcpConnectionOutput::ReductionUndone())
    TracedCallback<const std::string&, uint32_t, uint32_t> m_undoTrace;
    /// CongState, in ns-3's type so that one trace sink serves both stacks
    TracedValue<TcpSocketState::TcpCongState_t> m_congState {TcpSocketState::CA_OPEN};
    TracedValue<Time> m_minRtt; //!< MinRtt
    TracedValue<Time> m_rttVar; //!< RttVar
    /// PacingRate, in ns-3's type (TcpSocketState::m_pacingRate) for one sink on both stacks
    TracedValue<DataRate> m_pacingRate {DataRate(std::numeric_limits<uint64_t>::max())};
    uint32_t m_retransmissions {0};                        //!< segments retransmitted (GetInfo())
    TracedCallback<Time, SequenceNumber32> m_ecnEchoTrace; //!< EcnEcho
    TracedCallback<Time, SequenceNumber32> m_cwrSentTrace; //!< CwrSent
    TracedCallback<Time, SequenceNumber32> m_ceReceivedTrace; //!< CeReceived

    // RACK-TLP's traces, from the loss recovery's reports (RecoveryEvent())
    TracedValue<Time> m_rackReorderWindow;                              //!< RackReorderWindow
    TracedCallback<SequenceNumber32, bool> m_tailLossProbeTrace;        //!< TailLossProbe
    TracedCallback<SequenceNumber32, SequenceNumber32> m_rackLostTrace; //!< RackLost

    // --- attributes (defaults here; the TypeId sets them at construction, and a forked
    // child copies them all through the attribute system, see the copy constructor) ---
    // ns3::TcpSocket
    uint32_t m_sndBufSize {131072};           //!< SndBufSize
    uint32_t m_rcvBufSize {131072};           //!< RcvBufSize
    uint32_t m_segmentSize {536};             //!< SegmentSize
    uint32_t m_initialSsThresh {UINT32_MAX};  //!< InitialSlowStartThreshold
    uint32_t m_initialCwnd {10};              //!< InitialCwnd
    Time m_connTimeout {Seconds(3)};          //!< ConnTimeout
    uint32_t m_synRetries {6};                //!< ConnCount
    uint32_t m_dataRetries {6};               //!< DataRetries
    Time m_delAckTimeout {MilliSeconds(200)}; //!< DelAckTimeout
    uint32_t m_delAckMaxCount {2};            //!< DelAckCount
    bool m_noDelay {true};                    //!< TcpNoDelay
    Time m_persistTimeout {Seconds(6)};       //!< PersistTimeout
    bool m_persistFromRto {true};             //!< PersistFromRto
    bool m_zeroWindowProbeData {true};        //!< ZeroWindowProbeData
    // ns3::FullTcpSocket
    Time m_maxRto {Seconds(120)};                    //!< MaxRto
    uint32_t m_synLinearTimeouts {0};                //!< SynLinearTimeouts
    bool m_linuxReceiveWindow {false};               //!< ReceiveWindow is "Linux"
    bool m_linuxRtoEstimator {false};                //!< RtoEstimator is "Linux"
    bool m_linuxGiveUp {false};                      //!< GiveUp is "Linux"
    uint32_t m_orphanRetries {0};                    //!< OrphanRetries
    bool m_minshallNagle {false};                    //!< MinshallNagle
    bool m_dropUnexpectedMd5 {false};                //!< DropUnexpectedMd5
    bool m_cork {false};                             //!< TcpCork
    bool m_pathMtuDiscovery {true};                  //!< PathMtuDiscovery
    uint32_t m_notSentLowat {0};                     //!< NotSentLowat
    uint32_t m_notSentLowatDefault {UINT32_MAX};     //!< NotSentLowatDefault
    uint32_t m_rcvBufMax {33554432};                 //!< RcvBufMax
    Time m_synSentBadAckRetry {Seconds(0)};          //!< SynSentBadAckRetry
    bool m_simultaneousOpenRepeatsSyn {false};       //!< SimultaneousOpenRepeatsSyn
    bool m_linuxIcmpOpen {false};                    //!< LinuxIcmpOpen
    uint32_t m_synAckRetries {5};                    //!< SynAckRetries
    bool m_duplicateSynRestartsTimer {false};        //!< DuplicateSynRestartsTimer
    Time m_msl {Seconds(120)};                       //!< Msl
    Time m_finWait2Timeout {Seconds(60)};            //!< FinWait2Timeout
    bool m_finWait2RtoFloor {false};                 //!< FinWait2RtoFloor
    bool m_rfc1337 {false};                          //!< Rfc1337
    bool m_timeWaitSynNoListenerAck {false};         //!< TimeWaitSynNoListenerAck
    bool m_linuxTimeWait {false};                    //!< LinuxTimeWait
    Time m_challengeAckInterval {MilliSeconds(500)}; //!< ChallengeAckInterval
    bool m_ackTooOldBytesAcked {false};              //!< AckTooOldBytesAcked
    bool m_linuxWindowUpdate {false};                //!< LinuxWindowUpdate
    uint16_t m_minSndMss {48};                       //!< MinSndMss
    bool m_sack {true};                              //!< Sack
    bool m_timestamps {true};                        //!< Timestamps
    bool m_windowScaling {true};                     //!< WindowScaling
    Time m_minRto {Seconds(1)};                      //!< MinRto
    Time m_clockGranularity {MilliSeconds(1)};       //!< ClockGranularity
    Time m_fallbackRto {Seconds(3)};                 //!< FallbackRto
    Time m_userTimeout {Seconds(0)};                 //!< UserTimeout
    uint32_t m_quickAcks {16};                       //!< QuickAcks
    uint32_t m_dupThresh {3};                        //!< DupThresh
    bool m_limitedTransmit {true};                   //!< LimitedTransmit
    std::string m_congestionControl {"NewReno"};     //!< CongestionControl
    std::string m_recovery {"Sack"};                 //!< Recovery
    std::string m_cubicHystart {"Linux"};            //!< CubicHystart
    bool m_dsack {true};                             //!< Dsack
    bool m_urgentOutOfBand {false};                  //!< UrgentOutOfBand
    bool m_overWindowWhole {false};                  //!< OverWindowWhole
    uint32_t m_pushBlockSize {0};                    //!< PushBlockSize
    uint32_t m_minTsoSegs {0};                       //!< MinTsoSegs
    bool m_cwndValidation {false};                   //!< CwndValidation
    bool m_cwndGrowsByDelivered {false};             //!< CwndGrowsByDelivered
    bool m_cwndWholeSegments {false};                //!< CwndWholeSegments
    bool m_slowStartAfterIdle {false};               //!< SlowStartAfterIdle
    bool m_ackRttFromSendTimes {false};              //!< AckRttFromSendTimes
    bool m_readAfterShutdownRecv {false};            //!< ReadAfterShutdownRecv
    /// \return whether received bytes are thrown away: after Close(), or after ShutdownRecv()
    /// without ReadAfterShutdownRecv
    bool DiscardsReceived() const;
    bool m_prr {false};                         //!< Prr
    std::string m_prrVariant {"Rfc9937"};       //!< PrrVariant
    bool m_frto {false};                        //!< Frto
    bool m_undo {false};                        //!< Undo
    bool m_pacing {false};                      //!< Pacing
    uint32_t m_pacingSsRatio {200};             //!< PacingSsRatio
    uint32_t m_pacingCaRatio {120};             //!< PacingCaRatio
    DataRate m_maxPacingRate {0};               //!< MaxPacingRate (0: none)
    bool m_tlp {true};                          //!< Tlp
    FullTcpEcnMode m_ecn {FullTcpEcnMode::OFF}; //!< Ecn
    bool m_keepAlive {false};                   //!< KeepAlive
    Time m_keepAliveIdle {Seconds(7200)};       //!< KeepAliveIdle
    Time m_keepAliveInterval {Seconds(75)};     //!< KeepAliveInterval
    uint32_t m_keepAliveProbes {9};             //!< KeepAliveProbes
    Time m_pawsIdleLimit {Days(24)};            //!< PawsIdleLimit
    bool m_tcpSocketBaseCallbacks {false};      //!< TcpSocketBaseCallbacks
    bool m_resetAfterFinIsEndOfStream {false};  //!< ResetAfterFinIsEndOfStream
    bool m_closeAborts {false};                 //!< CloseAborts
    bool m_zeroCopy {false};                    //!< ZeroCopy
    uint32_t m_maxSkbFrags {17};                //!< MaxSkbFrags
};

} // namespace ns3

#endif /* FULLTCP_SOCKET_H */
