/*
 * Script: FullTcpRawPeer, stateless L4 peer sending hand-built segments, reporting arrivals
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RAW_PEER_H
#define FULLTCP_RAW_PEER_H

#include "ns3/fulltcp-header.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv6-route.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class Node;

/**
 * \ingroup fulltcp
 * \brief A scripted TCP peer: sends hand-built segments and reports every segment it receives.
 *
 * It has no connection state at all. Aggregated to a node that has an Internet stack, it takes
 * that node's slot for its ProtocolNumber in the IPv4/IPv6 demux (ns-3 then logs "Overwriting
 * default protocol 6"), so every TCP segment addressed to the node reaches it, parsed and
 * checksum-verified, through the Rx trace; nothing is ever answered automatically. Tests,
 * conformance scripts and teaching examples use it as the other end of a FullTcp connection.
 */
class FullTcpRawPeer : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FullTcpRawPeer();

    /**
     * \brief Send one segment exactly as given (the checksum is computed when the
     *        "ChecksumEnabled" global is on).
     * \param header the TCP header
     * \param payload the bytes behind it (may be empty)
     * \param src source address (Ipv4Address or Ipv6Address)
     * \param dst destination address, same family
     * \return false when the addresses are of no IP family or differ in family
     */
    bool Send(FullTcpHeader header,
              Ptr<const Packet> payload,
              const Address& src,
              const Address& dst);

    /**
     * TracedCallback signature for a received segment.
     * \param header the parsed header \param payload the bytes behind it
     * \param src the sender's address \param dst the address it was sent to
     */
    typedef void (*RxTracedCallback)(const FullTcpHeader& header,
                                     Ptr<const Packet> payload,
                                     const Address& src,
                                     const Address& dst);
    /**
     * TracedCallback signature for a segment dropped as malformed.
     * \param segment the whole segment \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> segment, FullTcpParseError reason);

    // IpL4Protocol
    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    /// Parse (and verify) one received segment and report it.
    IpL4Protocol::RxStatus Deliver(Ptr<Packet> p,
                                   FullTcpHeader& header,
                                   const Address& src,
                                   const Address& dst);

    uint8_t m_protocolNumber;
    Ptr<Node> m_node;
    IpL4Protocol::DownTargetCallback m_downTarget;
    IpL4Protocol::DownTargetCallback6 m_downTarget6;
    TracedCallback<const FullTcpHeader&, Ptr<const Packet>, const Address&, const Address&>
        m_rxTrace;
    TracedCallback<Ptr<const Packet>, FullTcpParseError> m_dropTrace;
};

} // namespace ns3

#endif /* FULLTCP_RAW_PEER_H */
