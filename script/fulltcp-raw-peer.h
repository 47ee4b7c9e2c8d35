/*
 * Script: FullTcpRawPeer, stateless L4 peer sending hand-built segments, reporting arrivals
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RAW_PEER_H
#define FULLTCP_RAW_PEER_H

#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-ip-l4-base.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A scripted TCP peer: sends hand-built segments and reports every segment it receives.
 *
 * It has no connection state at all. Aggregated to a node that has an Internet stack, it takes
 * that node's slot for its ProtocolNumber in the IPv4/IPv6 demux (ns-3 then logs "Overwriting
 * default protocol 6"), so every TCP segment addressed to the node reaches it, parsed and
 * checksum-verified, through the Rx trace; nothing is ever answered automatically. Tests,
 * conformance scripts and teaching examples use it as the other end of a FullTcp connection.
 * The registration, the "IpProtocolNumber" attribute and the checksum on both paths are
 * FullTcpIpL4Base's, shared with FullTcpL4Protocol.
 */
class FullTcpRawPeer : public FullTcpIpL4Base
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Send one segment exactly as given (the checksum is computed when the
     *        "ChecksumEnabled" global is on); IP finds the route.
     * \param header the TCP header
     * \param payload the bytes behind it (may be empty)
     * \param src source address (Ipv4Address or Ipv6Address)
     * \param dst destination address, same family
     * \param ecn the IP ECN codepoint (RFC 3168 §5: 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE)
     * \return false when the addresses are of no IP family or differ in family
     */
    bool Send(FullTcpHeader header,
              Ptr<const Packet> payload,
              const Address& src,
              const Address& dst,
              uint8_t ecn = 0);

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
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;

    /// \return the IP ECN codepoint of the last segment received (RFC 3168 §5, 0 to 3)
    uint8_t GetLastEcn() const;

  private:
    /**
     * \brief Parse (and verify) one received segment and report it (Rx or Drop).
     * \param p the segment (IP header removed)
     * \param src its source address \param dst its destination address
     * \return the status for IP (never one that makes IP answer with ICMP)
     */
    IpL4Protocol::RxStatus Deliver(Ptr<Packet> p, const Address& src, const Address& dst);

    /// Rx
    TracedCallback<const FullTcpHeader&, Ptr<const Packet>, const Address&, const Address&>
        m_rxTrace;
    TracedCallback<Ptr<const Packet>, FullTcpParseError> m_dropTrace; //!< Drop
    uint8_t m_lastEcn {0};                                            //!< GetLastEcn()
};

} // namespace ns3

#endif /* FULLTCP_RAW_PEER_H */
