/*
 * Script: inbound ICMP lines: packetdrill's type and code names, the message they stand for
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_ICMP_H
#define FULLTCP_SCRIPT_ICMP_H

#include "fulltcp-script.h"

#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Resolve an ICMPv4 type and code written as packetdrill writes them (icmp_packet.c
 *        icmpv4_types, icmpv4_unreachable_codes; `type_N`, `code_N` for any number).
 * \param type e.g. "unreachable" \param code e.g. "frag_needed" ("" for none: code 0)
 * \param t out: the type \param c out: the code \param error out: why not
 * \return false when a name is unknown
 */
bool FullTcpScriptIcmpType(
    const std::string& type, const std::string& code, uint8_t& t, uint8_t& c, std::string& error);

/**
 * \ingroup fulltcp
 * \brief The ICMPv4 message of an inbound ICMP line, as packetdrill's new_icmp_packet() makes
 *        it: the ICMP header, then the quoted IPv4 header of a segment FullTcp sent (total
 *        length 40 + the quoted payload) and its first 8 bytes: ports and sequence number.
 * \param m the line \param local FullTcp's address \param remote the script side's
 * \param localPort FullTcp's port \param remotePort the script side's port
 * \param seq the quoted sequence number (wire value)
 * \return the ICMP message, for IP protocol 1 from remote to local
 */
Ptr<Packet> FullTcpScriptIcmpMessage(const FullTcpScriptIcmp& m,
                                     Ipv4Address local,
                                     Ipv4Address remote,
                                     uint16_t localPort,
                                     uint16_t remotePort,
                                     uint32_t seq);

} // namespace ns3

#endif /* FULLTCP_SCRIPT_ICMP_H */
