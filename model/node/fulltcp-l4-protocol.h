/*
 * Node: FullTcpL4Protocol, FullTcp's ns-3 IpL4Protocol; demux value, IP params, route info
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_L4_PROTOCOL_H
#define FULLTCP_L4_PROTOCOL_H

#include "fulltcp-demux.h"
#include "fulltcp-fast-open-cache.h"
#include "fulltcp-ip-l4-base.h"
#include "fulltcp-mib.h"

#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-isn.h"
#include "ns3/fulltcp-segment-io.h"
#include "ns3/fulltcp-state.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv6-route.h"
#include "ns3/net-device.h"
#include "ns3/object-factory.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

class Node;
class Socket;
class FullTcpConnection;
class FullTcpSocket;
class FullTcpTimeWaitTable;
class FullTcpTimeWaitRecord;

/**
 * \ingroup fulltcp
 * \brief What one demux entry stands for: a socket (listener or connection), or a TIME_WAIT
 * record that replaced a socket.
 */
struct FullTcpDemuxValue
{
    Ptr<FullTcpSocket> socket;                 //!< the socket, or null for a TIME_WAIT record
    FullTcpTimeWaitRecord* timeWait {nullptr}; //!< the record (owned by the TIME_WAIT table)
};

/**
 * \ingroup fulltcp
 * \brief IP-level parameters of the segments of one connection (the socket's TTL/TOS
 * options and device binding).
 */
struct FullTcpIpParams
{
    Ptr<NetDevice> device; //!< BindToNetDevice(), or null
    uint8_t ttl {0};       //!< IPv4 TTL or IPv6 hop limit; 0 leaves IP's default
    /// IPv4 TOS or IPv6 traffic class (IP_TOS / IPV6_TCLASS); only its DSCP bits are used:
    /// the ECN bits come from ecn (as Linux do_ip_setsockopt() keeps a TCP socket's ECN
    /// bits out of IP_TOS). A resulting octet of 0 leaves IP's default.
    uint8_t tos {0};
    /// The ECN codepoint of this segment (RFC 3168 §5): the engine's
    /// (FullTcpSegmentOut::ecn); Not-ECT for segments the glue sends itself
    FullTcpEcnCodepoint ecn {FullTcpEcnCodepoint::NOT_ECT};
};

/**
 * \ingroup fulltcp
 * \brief The route to a peer, as a socket needs it to open a connection.
 */
struct FullTcpRouteInfo
{
    Socket::SocketErrno error {Socket::ERROR_NOTERROR}; //!< ERROR_NOROUTETOHOST when none
    FullTcpIpKey source;                                //!< source address routing chose
    uint32_t mtu {1500};                                //!< MTU of the outgoing device
};

/**
 * \ingroup fulltcp
 * \brief FullTcp's layer-4 protocol: the IPv4/IPv6 receive and send paths, demultiplexing,
 * ports, ISNs, RSTs for segments that reach nothing, TIME_WAIT records and ICMP errors.
 *
 * Aggregate it to a node that has an Internet stack (FullTcpHelper does): it registers with
 * Ipv4L3Protocol and Ipv6L3Protocol under its IpProtocolNumber (default 6, TCP's slot, so
 * pcaps decode as TCP and FlowMonitor classifies the flows; another number such as 253 lets
 * it run beside ns-3's TCP) and aggregates a FullTcpSocketFactory to the node. The attribute,
 * the registration, the down targets and the checksum on both paths are FullTcpIpL4Base's
 * (shared with FullTcpRawPeer).
 *
 * Receive path (RFC 9293 §3.10.7): verify the checksum when the "ChecksumEnabled" global is
 * on (a bad one is dropped and counted); parse once (malformed headers are dropped and
 * counted by reason, never asserted on); drop segments to broadcast/multicast addresses (RFC
 * 1122 §4.2.3.10); look up the 4-tuple, then a listener on the address, then a wildcard
 * listener (FullTcpDemux: one hash lookup each, no scan); a segment that matches nothing
 * gets the RST of §3.10.7.1 and never ICMP (Receive returns RX_ENDPOINT_CLOSED).
 */
class FullTcpL4Protocol : public FullTcpIpL4Base
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FullTcpL4Protocol();
    ~FullTcpL4Protocol() override;

    /**
     * TracedCallback signature for every state transition of every connection of this node:
     * sockets, children forked by a listener and TIME_WAIT records alike.
     * \param nodeId the node
     * \param local this end (InetSocketAddress or Inet6SocketAddress)
     * \param remote the peer (the wildcard address and port 0 for a listener)
     * \param from old state \param to new state \param cause why (RFC 9293 event)
     */
    typedef void (*StateChangeTracedCallback)(uint32_t nodeId,
                                              const Address& local,
                                              const Address& remote,
                                              FullTcpState from,
                                              FullTcpState to,
                                              FullTcpStateCause cause);
    /**
     * TracedCallback signature for a segment the protocol sends, or receives and parses,
     * whether or not a connection matches it.
     * \param nodeId the node
     * \param payload its bytes (no TCP header)
     * \param header its header
     * \param local this node's address and port (InetSocketAddress or Inet6SocketAddress)
     * \param remote the other end's address and port
     */
    typedef void (*SegmentTracedCallback)(uint32_t nodeId,
                                          Ptr<const Packet> payload,
                                          const FullTcpHeader& header,
                                          const Address& local,
                                          const Address& remote);
    /**
     * TracedCallback signature for a segment that was malformed or reached no connection.
     * \param nodeId the node
     * \param local its destination on this node (port 0 when the header did not parse)
     * \param remote its source (port 0 when the header did not parse)
     * \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(uint32_t nodeId,
                                       const Address& local,
                                       const Address& remote,
                                       FullTcpL4DropReason reason);
    /**
     * TracedCallback signature for an ICMP error about one of this node's connections.
     * \param tuple the connection \param type ICMP type \param code ICMP code
     * \param hard whether it ended the connection (a hard error answering our SYN); else a
     *        soft error remembered (RFC 1122 §4.2.3.9) or a path MTU change (RFC 1191,
     *        RFC 8201)
     */
    typedef void (*IcmpTracedCallback)(const FullTcpFourTuple& tuple,
                                       uint8_t type,
                                       uint8_t code,
                                       bool hard);

    /**
     * TracedCallback signature for what a connection's loss recovery did: a Tail Loss Probe,
     * a range RACK marked lost, an undo (the sockets' TailLossProbe, RackLost and Undo).
     * \param nodeId the node \param local this end \param remote the peer
     * \param event what happened
     */
    typedef void (*LossEventTracedCallback)(uint32_t nodeId,
                                            const Address& local,
                                            const Address& remote,
                                            const FullTcpLossEvent& event);
    /**
     * TracedCallback signature for a new socket (created, or forked by a listener).
     * \param socket the socket
     */
    typedef void (*SocketTracedCallback)(Ptr<FullTcpSocket> socket);

    /// \return a new FullTcpSocket of this node (with the helper's socket attributes)
    Ptr<Socket> CreateSocket();
    /// Fire the SocketCreated trace. \param socket a socket forked by a listener
    void NotifySocketCreated(Ptr<FullTcpSocket> socket);
    /**
     * \brief List a socket that entered the demux (listener or connection) in SocketList,
     * for Config paths such as /NodeList/0/$ns3::FullTcpL4Protocol/SocketList/0/State.
     * It leaves the list when its entry leaves the demux.
     * \param socket the socket
     */
    void TrackSocket(Ptr<FullTcpSocket> socket);

    /**
     * \brief Set an attribute on every socket this protocol creates from now on.
     * \param name attribute of ns3::FullTcpSocket or ns3::TcpSocket
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Use a fixed RNG stream for the secrets (ISN key and clock, port selection key,
     * SYN cookie key, timestamp offsets), so that runs are reproducible.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    // --------------------------------------------------------------- statistics

    /// \return the node's TCP-MIB counters (RFC 4022) and drop reasons
    const FullTcpMib& GetMib() const;
    /// \param reason a parse error \return segments dropped for it (GetMib().parseErrors)
    uint64_t GetParseDrops(FullTcpParseError reason) const;
    /// \return segments that matched nothing (GetMib().drops[NO_ENDPOINT])
    uint64_t GetUnmatchedSegments() const;
    /// \param kind a listener's reason \return SYNs/ACKs listeners did not take for it
    uint64_t GetListenDrops(FullTcpListenDrop kind) const;
    /// \return SYN cookies sent (RFC 4987 §3.6)
    uint64_t GetSynCookiesSent() const;
    /// \return connections opened from a valid SYN cookie
    uint64_t GetSynCookiesAccepted() const;
    /// \param event what ECN did on one of the node's connections (counted in the MIB)
    void CountEcn(FullTcpEcnEvent event);
    /**
     * \brief What a connection's loss recovery did: counted in the MIB, traced as LossEvent.
     * \param tuple the connection \param event what happened
     */
    void NotifyLossEvent(const FullTcpFourTuple& tuple, const FullTcpLossEvent& event);
    /**
     * \brief Visit every connection and listener of the node, TIME_WAIT records included
     * (for snapshots such as FullTcpSnapshot).
     * \param socket called for each socket in the demux (listener or connection)
     * \param timeWait called with the 4-tuple and state of each TIME_WAIT record
     */
    void ForEachConnection(
        const std::function<void(Ptr<const FullTcpSocket>)>& socket,
        const std::function<void(const FullTcpFourTuple&, FullTcpState)>& timeWait);
    /// \return connections in the demux (TIME_WAIT records included)
    size_t GetNConnections() const;
    /// \return TIME_WAIT records (connections whose socket is gone)
    size_t GetNTimeWaitRecords() const;

    // ------------------------------------------- for FullTcpSocket and the TIME_WAIT table

    /// \return the node's demux (FullTcpSocket binds, listens and connects through it)
    FullTcpDemux<FullTcpDemuxValue>& GetDemux();
    /// \return the Fast Open cookies and MSS the node's clients learned, per server
    FullTcpFastOpenCache&
    GetFastOpenCache()
    {
        return m_fastOpenCache;
    }

    /**
     * \brief Remove a connection from the demux; its socket stays alive until the current
     * event ends (it may be inside its own callback).
     * \param tuple the connection
     */
    void ReleaseConnection(const FullTcpFourTuple& tuple);
    /**
     * \brief Remove a listener from the demux (same deferral as ReleaseConnection()).
     * \param local the listener's address and port
     */
    void ReleaseListener(const FullTcpLocalEndpoint& local);

    /**
     * \brief The route (source address, MTU) for a connection to remote.
     * \param remote the peer \param device BindToNetDevice(), or null
     * \return the route, or ERROR_NOROUTETOHOST
     */
    FullTcpRouteInfo RouteTo(const FullTcpIpKey& remote, Ptr<NetDevice> device);
    /**
     * \param local one of this node's addresses
     * \return the MTU of the device that holds it (1500 when unknown)
     */
    uint32_t MtuOf(const FullTcpIpKey& local) const;
    /// \param address an address \return whether it is one of this node's (or the wildcard)
    bool IsLocalAddress(const FullTcpIpKey& address) const;
    /**
     * \param address a destination
     * \return whether it is not a unicast address: the wildcard, a multicast address, the
     *         limited broadcast or the directed broadcast of one of this node's subnets
     */
    bool IsNotUnicast(const FullTcpIpKey& address) const;

    /// \param tuple a connection \return its ISN (RFC 6528)
    uint32_t GenerateIss(const FullTcpFourTuple& tuple);
    /// \return a random timestamp offset for a new connection (RFC 7323 §5.4)
    uint32_t NewTimestampOffset();
    /// \return the SYN cookie secret (drawn from the RNG stream)
    std::pair<uint64_t, uint64_t> GetCookieKey();
    /// Draw the RNG secrets if not yet drawn (before the first port or ISN is chosen).
    void EnsureSecrets();

    /**
     * \brief Send one segment of a connection.
     * \param header the header (the checksum is computed when ChecksumEnabled is on)
     * \param payload its bytes
     * \param tuple local = source, remote = destination
     * \param ip TTL/TOS and device
     * \param retransmission it carries only octets sent before (counted as RetransSegs)
     */
    void SendSegment(const FullTcpHeader& header,
                     Ptr<const Packet> payload,
                     const FullTcpFourTuple& tuple,
                     const FullTcpIpParams& ip,
                     bool retransmission = false);

    /**
     * \brief Answer a segment that reaches no connection (RFC 9293 §3.10.7.1).
     * \param header the segment \param payloadSize its payload length
     * \param tuple local = its destination, remote = its source
     */
    void SendResetFor(const FullTcpHeader& header,
                      uint32_t payloadSize,
                      const FullTcpFourTuple& tuple);

    /// Count (FullTcpMib) and trace (StateChange) a transition of any connection.
    /// \param tuple the connection \param from old \param to new \param cause why
    void NotifyTransition(const FullTcpFourTuple& tuple,
                          FullTcpState from,
                          FullTcpState to,
                          FullTcpStateCause cause);
    /// Count and trace (Drop) a listen drop. \param tuple the segment's connection
    /// (local = the listener's address) \param kind why
    void NotifyListenDrop(const FullTcpFourTuple& tuple, FullTcpListenDrop kind);
    /// Count a SYN cookie sent (true) or accepted (false). \param sent which
    void NotifySynCookie(bool sent);

    /**
     * \brief Take over a connection that entered TIME_WAIT, so that its socket can go: the
     * demux entry becomes a TIME_WAIT record holding a copy of what that state needs
     * (FullTcpTimeWaitTable::Adopt()). The record keeps no reference to the engine, which the
     * socket destroys afterwards; the socket itself is released at the end of the event (it
     * may be inside its own call).
     * \param tuple the connection
     * \param connection its engine (in TIME_WAIT), read only during this call
     * \param ip IP parameters for its ACKs
     */
    void AdoptTimeWait(const FullTcpFourTuple& tuple,
                       const FullTcpConnection& connection,
                       const FullTcpIpParams& ip);
    /**
     * \brief A SYN reopened a 4-tuple in TIME_WAIT (RFC 6191): give it to the listener of
     * the port with the ISS the old incarnation chose, or answer with a RST.
     * \param tuple the connection (already removed) \param syn the SYN \param iss the ISS
     * \param device the device the SYN came in on
     */
    void ReopenFromTimeWait(const FullTcpFourTuple& tuple,
                            const FullTcpHeader& syn,
                            uint32_t iss,
                            Ptr<NetDevice> device);
    /**
     * \brief Would a SYN to this local address and port find a listener? (A TIME_WAIT
     * connection asks before a SYN reopens it, FullTcpConfig::timeWaitSynNoListenerAck.)
     * \param address the local address \param port the local port
     * \return whether a listening socket holds them
     */
    bool HasListener(const FullTcpIpKey& address, uint16_t port);

    // IpL4Protocol
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override;

  protected:
    void DoDispose() override;
    /// Aggregate the node's FullTcpSocketFactory. \param node the node
    void AttachToNode(Ptr<Node> node) override;

  private:
    /**
     * \brief The common receive path.
     * \param p the segment (IP header removed)
     * \param src source address \param dst destination address
     * \param device incoming device
     * \param notUnicast the destination is a broadcast or multicast address
     * \param ecn the IP header's ECN codepoint \param ttl its TTL / hop limit
     * \return the status for IP
     */
    IpL4Protocol::RxStatus DoReceive(Ptr<Packet> p,
                                     const Address& src,
                                     const Address& dst,
                                     Ptr<NetDevice> device,
                                     bool notUnicast,
                                     FullTcpEcnCodepoint ecn,
                                     uint8_t ttl);
    /**
     * \brief An ICMP error quoting one of our segments, handed to its connection's engine
     * (FullTcpConnection::IcmpArrives()) and traced when the engine accepts it.
     * \param source the quoted IP source (us) \param destination the quoted IP destination
     * \param quote the first 8 bytes of the quoted segment (ports, sequence number)
     * \param type ICMP type \param code ICMP code
     * \param kind what it means to TCP \param mtu the next-hop MTU (packet too big)
     * \param requestFatal whether it drops a connection request (FullTcpIcmpError)
     */
    void IcmpError(const FullTcpIpKey& source,
                   const FullTcpIpKey& destination,
                   const uint8_t quote[8],
                   uint8_t type,
                   uint8_t code,
                   FullTcpIcmpKind kind,
                   uint32_t mtu,
                   bool requestFatal);
    /**
     * \brief Count and trace (Drop) a segment the protocol itself dropped.
     * \param local its destination \param remote its source (socket addresses)
     * \param reason why
     */
    void Drop(const Address& local, const Address& remote, FullTcpL4DropReason reason);
    /// \return the node's id (for the traces)
    uint32_t NodeId() const;
    /// Let the sockets released during the current event go.
    void PurgeReleased();
    /// \param socket a socket leaving the demux: remove it from SocketList
    void UntrackSocket(const Ptr<FullTcpSocket>& socket);
    /// Set the ephemeral port range from the attributes.
    void ApplyEphemeralRange();
    /// \param first the new first port (attribute setter)
    void SetEphemeralFirst(uint16_t first);
    /// \param last the new last port (attribute setter)
    void SetEphemeralLast(uint16_t last);
    /// \return a 64-bit random value from the stream
    uint64_t Draw64();

    uint16_t m_ephemeralFirst {49152};                //!< EphemeralPortFirst attribute
    uint16_t m_ephemeralLast {65535};                 //!< EphemeralPortLast attribute
    bool m_useFixedIsn {false};                       //!< UseFixedIsn attribute
    uint32_t m_fixedIsn {0};                          //!< FixedIsn attribute
    ObjectFactory m_socketFactory;                    //!< makes sockets, with attributes
    FullTcpDemux<FullTcpDemuxValue> m_demux;          //!< endpoints
    FullTcpFastOpenCache m_fastOpenCache;             //!< Fast Open cookies, per server
    std::unique_ptr<FullTcpTimeWaitTable> m_timeWait; //!< TIME_WAIT records
    FullTcpIsnGenerator m_isn;                        //!< RFC 6528 ISNs
    Ptr<UniformRandomVariable> m_rng;                 //!< secrets and offsets
    bool m_secretsDrawn {false};                      //!< secrets drawn from m_rng
    std::pair<uint64_t, uint64_t> m_cookieKey;        //!< SYN cookie secret
    std::vector<Ptr<FullTcpSocket>> m_released;       //!< kept alive until the event ends
    std::map<uint32_t, Ptr<FullTcpSocket>> m_sockets; //!< SocketList: sockets in the demux
    uint32_t m_nextSocketIndex {0};                   //!< next SocketList index
    bool m_purgeScheduled {false};                    //!< a purge is scheduled

    FullTcpMib m_mib; //!< TCP-MIB counters and drop reasons

    TracedCallback<uint32_t,
                   const Address&,
                   const Address&,
                   FullTcpState,
                   FullTcpState,
                   FullTcpStateCause>
        m_stateChangeTrace; //!< StateChange
    TracedCallback<uint32_t,
                   Ptr<const Packet>,
                   const FullTcpHeader&,
                   const Address&,
                   const Address&>
        m_segmentSentTrace; //!< SegmentSent
    TracedCallback<uint32_t,
                   Ptr<const Packet>,
                   const FullTcpHeader&,
                   const Address&,
                   const Address&>
        m_segmentReceivedTrace; //!< SegmentReceived
    TracedCallback<uint32_t, const Address&, const Address&, FullTcpL4DropReason>
        m_dropTrace;                                                             //!< Drop
    TracedCallback<const FullTcpFourTuple&, uint8_t, uint8_t, bool> m_icmpTrace; //!< IcmpError
    TracedCallback<uint32_t, const Address&, const Address&, const FullTcpLossEvent&>
        m_lossEventTrace;                             //!< LossEvent
    TracedCallback<Ptr<FullTcpSocket>> m_socketTrace; //!< SocketCreated
};

} // namespace ns3

#endif /* FULLTCP_L4_PROTOCOL_H */
