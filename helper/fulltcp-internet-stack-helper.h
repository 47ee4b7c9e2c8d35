/*
 * Helper: drop-in InternetStackHelper, FullTcp at protocol 6 as ns3::TcpSocketFactory
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_INTERNET_STACK_HELPER_H
#define FULLTCP_INTERNET_STACK_HELPER_H

#include "fulltcp-helper.h"

#include "ns3/internet-stack-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The drop-in mode: an InternetStackHelper that builds each node's stack with FullTcp
 * in the place of ns-3's TCP, answering to "ns3::TcpSocketFactory".
 *
 * An existing ns-3 TCP program runs on FullTcp by changing only the type of its stack helper:
 *
 * \code
 *   FullTcpInternetStackHelper internet; // was: InternetStackHelper internet;
 *   internet.Install(nodes);
 *   // unchanged: BulkSendHelper("ns3::TcpSocketFactory", ...), Socket::CreateSocket(node,
 *   // TcpSocketFactory::GetTypeId()), Config::SetDefault("ns3::TcpSocket::SegmentSize", ...)
 * \endcode
 *
 * Everything else of InternetStackHelper (routing helpers, IPv4/IPv6 switches, pcap and
 * ASCII tracing) works as before. On each node:
 *  - FullTcpL4Protocol is registered at IP protocol 6, so pcaps decode as TCP and FlowMonitor
 *    classifies the flows;
 *  - ns-3's TcpL4Protocol and TcpSocketFactoryImpl are not installed, and a
 *    FullTcpDropInSocketFactory (a TcpSocketFactory) creates FullTcp sockets. A node cannot
 *    carry two TcpSocketFactory implementations: Object::GetObject(TcpSocketFactory) returns
 *    the first aggregate that is or derives from it, so which one answered would depend on
 *    lookup counts;
 *  - FullTcpSocketFactory is there as well;
 *  - its sockets have ns3::FullTcpSocket::TcpSocketBaseCallbacks on: NormalClose fires when
 *    the peer's FIN arrives (as TcpSocketBase::DoPeerClose() fires it), so that a server
 *    that closes from NormalClose closes here too, and the send callback follows
 *    ConnectionSucceeded / NewConnectionCreated. SetSocketAttribute("TcpSocketBaseCallbacks",
 *    BooleanValue(false)) keeps FullTcp's own timing (doc/using.rst compares the two).
 *
 * How ns-3's TCP is kept out depends on the release (FULLTCP_NS3_VERSION_MINOR):
 *  - up to 3.38, InternetStackHelper::SetTcp("ns3::FullTcpL4Protocol") makes Install()
 *    aggregate FullTcp instead of TcpL4Protocol;
 *  - from 3.39 (SetTcp was removed), Install() creates each protocol only when the node has
 *    none of its type yet. An inert TcpL4Protocol is aggregated first, with its node already
 *    set so that it creates no TcpSocketFactoryImpl; Install() then skips ns-3's TCP, and
 *    FullTcp, aggregated last, takes protocol 6 in the IPv4/IPv6 demux. The inert object
 *    keeps code that expects a TcpL4Protocol (e.g. DsrHelper) from dereferencing null.
 *
 * IpProtocolNumber is 6 by definition here; other FullTcp attributes are set with
 * SetL4Attribute/SetSocketAttribute.
 */
class FullTcpInternetStackHelper : public InternetStackHelper
{
  public:
    FullTcpInternetStackHelper();

    /// \param name attribute of ns3::FullTcpL4Protocol (not IpProtocolNumber) \param value value
    void SetL4Attribute(const std::string& name, const AttributeValue& value);
    /// \param name attribute of ns3::FullTcpSocket or ns3::TcpSocket \param value value
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /// \param nodeName the name of a node without an Internet stack
    void Install(std::string nodeName) const;
    /// \param node a node without an Internet stack
    void Install(Ptr<Node> node) const;
    /// \param c nodes without an Internet stack
    void Install(NodeContainer c) const;
    /// Install on every node of the simulation.
    void InstallAll() const;

    /// Back to the defaults (InternetStackHelper::Reset), FullTcp still in TCP's place.
    void Reset();

    /**
     * \brief InternetStackHelper's streams, then FullTcp's.
     * \param c the nodes \param stream first stream index \return streams used
     */
    int64_t AssignStreams(NodeContainer c, int64_t stream);

  private:
    FullTcpHelper m_fullTcp; //!< FullTcp's attributes
};

} // namespace ns3

#endif /* FULLTCP_INTERNET_STACK_HELPER_H */
