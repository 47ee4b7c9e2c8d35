/*
 * Engine: the records of a connection's network input and output (segment in with its IP
 * fields, segment out with what it is, ICMP error), RFC 3168 §5, RFC 5927, RFC 1191/8201
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SEGMENT_IO_H
#define FULLTCP_SEGMENT_IO_H

#include "ns3/fulltcp-header.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The ECN field of an IP header (RFC 3168 §5: the two low bits of the IPv4 TOS
 * octet and of the IPv6 Traffic Class); the values are the field's bits.
 */
enum class FullTcpEcnCodepoint : uint8_t
{
    NOT_ECT = 0, //!< 00: not ECN-capable transport
    ECT_1 = 1,   //!< 01: ECN-capable transport, ECT(1)
    ECT_0 = 2,   //!< 10: ECN-capable transport, ECT(0)
    CE = 3,      //!< 11: congestion experienced
};

/// \param bits an IP header's TOS or Traffic Class octet \return its ECN codepoint
FullTcpEcnCodepoint FullTcpEcnFromTos(uint8_t bits);
/// \param e a codepoint \return its name, e.g. "ECT(0)"
const char* FullTcpEcnCodepointName(FullTcpEcnCodepoint e);
/// Print the codepoint's name.
std::ostream& operator<<(std::ostream& os, FullTcpEcnCodepoint e);

/**
 * \ingroup fulltcp
 * \brief One received segment as the engine sees it (FullTcpConnection::SegmentArrives):
 * the TCP header and text, what the IP header said of it, and when it arrived.
 *
 * The glue's receive path fills it once per segment (IPv4: Ipv4Header::GetEcn() and
 * GetTtl(); IPv6: the low two bits of the Traffic Class and GetHopLimit()) and passes it by
 * reference through the demux, the socket and the TIME_WAIT records: it refers to the
 * header, holds the payload's Ptr and copies nothing, so no allocation per segment.
 */
struct FullTcpSegmentIn
{
    /**
     * \param header the parsed header (must outlive the record)
     * \param payload the segment's text (may be null or empty)
     * \param arrival when it arrived (the input's `now`)
     * \param ecn the IP header's ECN codepoint
     * \param ttl the IPv4 TTL or IPv6 hop limit it arrived with (0: unknown)
     */
    FullTcpSegmentIn(const FullTcpHeader& header,
                     Ptr<Packet> payload,
                     Time arrival,
                     FullTcpEcnCodepoint ecn = FullTcpEcnCodepoint::NOT_ECT,
                     uint8_t ttl = 0);

    /// \return the text length in bytes (0 when there is no payload)
    uint32_t PayloadSize() const;

    const FullTcpHeader& header; //!< the parsed header (malformed ones never get here)
    Ptr<Packet> payload;         //!< the text (may be null or empty)
    Time arrival;                //!< arrival time: the input's `now`
    FullTcpEcnCodepoint ecn;     //!< ECN field of the IP header (RFC 3168 §5)
    uint8_t ttl;                 //!< IPv4 TTL or IPv6 hop limit (0: unknown)
};

/**
 * \ingroup fulltcp
 * \brief One segment the engine sends (FullTcpConnectionOutput::SendSegment), with what the
 * engine knows of it, so that the glue decides nothing from the TCB.
 */
struct FullTcpSegmentOut
{
    const FullTcpHeader& header; //!< complete header (ports, seq, ack, flags, window, options)
    Ptr<Packet> payload;         //!< the text (never null; empty for control segments)
    /// It takes sequence space (text, SYN or FIN) that was sent before: RFC 1213
    /// tcpRetransSegs, "segments retransmitted, that is, the number of TCP segments
    /// transmitted containing one or more previously transmitted octets".
    bool retransmission {false};
    /// Text bytes leaving for the first time (ns-3's DataSent callback reports these).
    uint32_t newDataBytes {0};
    /// ECN codepoint IP must put in the ECN bits of the TOS / Traffic Class octet.
    FullTcpEcnCodepoint ecn {FullTcpEcnCodepoint::NOT_ECT};
};

/**
 * \ingroup fulltcp
 * \brief What an ICMP or ICMPv6 error message means to TCP (RFC 1122 §4.2.3.9, RFC 5461).
 */
enum class FullTcpIcmpKind : uint8_t
{
    /// A soft error (network/host unreachable, time exceeded, ...): "TCP MUST NOT abort the
    /// connection" (RFC 1122 §4.2.3.9); remembered to explain a later timeout.
    SOFT,
    /// Protocol or port unreachable (ICMP type 3 code 2 or 3; ICMPv6 type 1 code 4): the
    /// peer's host answered, but no TCP will (RFC 1122 §4.2.3.9, RFC 5461 §4).
    HARD,
    /// "Fragmentation needed and DF set" (ICMP type 3 code 4, RFC 1191) or "Packet Too Big"
    /// (ICMPv6 type 2, RFC 8201): the path MTU is smaller; FullTcpIcmpError::mtu says how
    /// small.
    PACKET_TOO_BIG,
};

/**
 * \ingroup fulltcp
 * \brief An ICMP error about one of the connection's segments
 * (FullTcpConnection::IcmpArrives).
 */
struct FullTcpIcmpError
{
    FullTcpIcmpKind kind {FullTcpIcmpKind::SOFT}; //!< what it means
    uint32_t quotedSeq {0}; //!< sequence number of the segment the message quotes (RFC 792)
    uint32_t mtu {0};       //!< PACKET_TOO_BIG: the next-hop MTU it reports (0: not given)
    /// Linux tcp_req_err()'s abort: the error drops a connection request in SYN_RCVD (ICMP
    /// net or host unreachable, time exceeded, parameter problem; ICMPv6 errors
    /// icmpv6_err_convert() calls fatal). Used with FullTcpConfig::linuxIcmpOpen.
    bool requestFatal {false};
};

/**
 * \ingroup fulltcp
 * \brief What an ICMP error did to the connection.
 */
enum class FullTcpIcmpResult : uint8_t
{
    /// Ignored: the quoted sequence number is not in flight, SND.UNA <= SEG.SEQ < SND.NXT
    /// fails (RFC 5927 §4.1: forged, or about a segment already acknowledged).
    NOT_IN_FLIGHT,
    /// A soft error, remembered (FullTcpConnection::GetSoftError()) until an acceptable ACK.
    SOFT_ERROR,
    /// A hard error answering our SYN: the connect failed (SYN_SENT → CLOSED,
    /// RCV_ICMP_UNREACHABLE, application event CONNECT_UNREACHABLE).
    CONNECT_FAILED,
    /// The path MTU fell: SND.MSS was lowered and what was sent larger goes again.
    MSS_LOWERED,
    /// A packet-too-big whose MTU does not lower SND.MSS (already at or below it, or at
    /// the MinSndMss floor, or before SND.MSS is known in SYN_SENT): nothing to do.
    MSS_UNCHANGED,
};

/// \param k an ICMP kind \return its name, e.g. "PACKET_TOO_BIG"
const char* FullTcpIcmpKindName(FullTcpIcmpKind k);
/// \param r an ICMP result \return its name, e.g. "NOT_IN_FLIGHT"
const char* FullTcpIcmpResultName(FullTcpIcmpResult r);
/// Print the kind's name.
std::ostream& operator<<(std::ostream& os, FullTcpIcmpKind k);
/// Print the result's name.
std::ostream& operator<<(std::ostream& os, FullTcpIcmpResult r);

} // namespace ns3

#endif /* FULLTCP_SEGMENT_IO_H */
