/*
 * Node: the IpL4Protocol plumbing FullTcp's protocol and raw peer share (protocol number,
 * IPv4/IPv6 registration and down targets, segment checksum on the way down and up)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_IP_L4_BASE_H
#define FULLTCP_IP_L4_BASE_H

#include "ns3/fulltcp-header.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv6-route.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

class Node;

/**
 * \ingroup fulltcp
 * \brief An IpL4Protocol that speaks TCP segments (FullTcpHeader) under a configurable IP
 * protocol number: the plumbing FullTcpL4Protocol and FullTcpRawPeer share, written once.
 *
 * It holds the IP protocol number (each subclass's "IpProtocolNumber" attribute, default 6,
 * IANA's number for TCP) and, once aggregated to a node with an Internet stack, registers
 * with Ipv4L3Protocol and Ipv6L3Protocol under that number (taking the slot of whatever
 * protocol had it: ns-3 logs "Overwriting default protocol 6") and keeps IP's send callbacks
 * as its down targets. For its subclasses it builds a segment for IP (checksum when the
 * "ChecksumEnabled" global is on) and parses a received one (checksum verified likewise,
 * malformed headers reported by reason, never asserted on). What a segment then means is
 * the subclass's business.
 */
class FullTcpIpL4Base : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FullTcpIpL4Base();
    ~FullTcpIpL4Base() override;

    /// \return the node (null until aggregated to a node with IPv4 or IPv6)
    Ptr<Node> GetNode() const;

    // IpL4Protocol
    int GetProtocolNumber() const override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    /**
     * \brief Add the "IpProtocolNumber" attribute (this class's protocol number) to a
     * subclass's TypeId; every subclass calls it in its GetTypeId().
     *
     * The name is not "ProtocolNumber": ns3::IpL4Protocol already registers a read-only
     * "ProtocolNumber" (it reports GetProtocolNumber(), i.e. this value), and ns-3 refuses a
     * second attribute of one name in a TypeId hierarchy. It goes on each subclass's TypeId,
     * not on this one, so that Config::SetDefault("ns3::FullTcpL4Protocol::IpProtocolNumber",
     * ...) and the command line's --ns3::FullTcpL4Protocol::IpProtocolNumber keep working:
     * ns-3 looks a default up among the named TypeId's own attributes only.
     *
     * \param tid the subclass's TypeId \return tid
     */
    static TypeId AddIpProtocolNumber(TypeId tid);

    /**
     * Take the node when it has IPv4 or IPv6 (then AttachToNode()), and register with each
     * IP present that this object is not registered with yet.
     */
    void NotifyNewAggregate() override;
    void DoDispose() override;

    /**
     * \brief Called once, when this object first finds itself aggregated to a node with
     * IPv4 or IPv6, before it registers with IP: what a subclass adds to the node (the
     * protocol's socket factory). Does nothing by default.
     * \param node the node
     */
    virtual void AttachToNode(Ptr<Node> node);

    /**
     * \brief A segment as IP carries it: the header (its checksum computed when the
     * "ChecksumEnabled" global is on) in front of a copy of the payload.
     * \param header the header \param payload its bytes (null: none)
     * \param src source address \param dst destination address (Ipv4Address or Ipv6Address,
     *        the pseudo-header's)
     * \return the segment
     */
    Ptr<Packet> BuildSegment(FullTcpHeader header,
                             Ptr<const Packet> payload,
                             const Address& src,
                             const Address& dst) const;
    /**
     * \brief Parse a received segment (and verify its checksum when the "ChecksumEnabled"
     * global is on). On success the header is removed from p, which keeps the payload; on
     * failure p is left whole.
     * \param p the segment (IP header removed)
     * \param src source address \param dst destination address (the pseudo-header's)
     * \param header out: the parsed header
     * \return FullTcpParseError::NONE, or why the segment is malformed
     */
    FullTcpParseError ParseSegment(Ptr<Packet> p,
                                   const Address& src,
                                   const Address& dst,
                                   FullTcpHeader& header) const;
    /**
     * \param error why a segment did not parse
     * \return what to tell IP: RX_CSUM_FAILED for a bad checksum, otherwise
     *         RX_ENDPOINT_CLOSED, which keeps IP from answering with ICMP
     */
    static IpL4Protocol::RxStatus RxStatusFor(FullTcpParseError error);

    Ptr<Node> m_node;                                //!< the node (see GetNode())
    IpL4Protocol::DownTargetCallback m_downTarget;   //!< IPv4 send
    IpL4Protocol::DownTargetCallback6 m_downTarget6; //!< IPv6 send
    uint8_t m_protocolNumber {6};                    //!< IpProtocolNumber attribute
};

} // namespace ns3

#endif /* FULLTCP_IP_L4_BASE_H */
