/*
 * Wire: TCP header serialize/deserialize, tcpdump-style Print, RFC 1071 checksum sums
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-header.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpHeader");
NS_OBJECT_ENSURE_REGISTERED(FullTcpHeader);

namespace
{

/**
 * Sum bytes as ns-3's Buffer::Iterator::CalculateIpChecksum reads them (16-bit
 * little-endian words). The one's-complement sum is byte-order independent (RFC 1071 §2(B)),
 * so partial sums computed this way combine with the iterator's.
 */
uint32_t
SumBytes(const uint8_t* b, uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t j = 0; j + 1 < n; j += 2)
    {
        sum += b[j] | (b[j + 1] << 8);
    }
    return sum;
}

/// The 16-bit big-endian value v as one word of that little-endian-read sum.
uint32_t
WireWord(uint16_t v)
{
    return static_cast<uint16_t>((v >> 8) | (v << 8));
}

} // namespace

TypeId
FullTcpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FullTcpHeader")
                            .SetParent<Header>()
                            .SetGroupName("FullTcp")
                            .AddConstructor<FullTcpHeader>();
    return tid;
}

TypeId
FullTcpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::string
FullTcpHeader::FlagsToString(uint8_t flags)
{
    // tcpdump's print-tcp.c order and letters.
    static const std::pair<uint8_t, char> letters[] = {{FIN, 'F'},
                                                       {SYN, 'S'},
                                                       {RST, 'R'},
                                                       {PSH, 'P'},
                                                       {ACK, '.'},
                                                       {URG, 'U'},
                                                       {ECE, 'E'},
                                                       {CWR, 'W'}};
    std::string s;
    for (const auto& [bit, c] : letters)
    {
        if (flags & bit)
        {
            s += c;
        }
    }
    return s.empty() ? "none" : s;
}

void
FullTcpHeader::Print(std::ostream& os) const
{
    os << m_sourcePort << " > " << m_destinationPort << " [" << FlagsToString(m_flags) << "] seq "
       << m_seq;
    if (m_flags & ACK)
    {
        os << " ack " << m_ack;
    }
    os << " win " << m_window;
    if (m_flags & URG)
    {
        os << " urg " << m_urgentPointer;
    }
    if (m_reserved != 0)
    {
        os << " res 0x" << std::hex << unsigned(m_reserved) << std::dec;
    }
    if (m_options.GetLength() > 0)
    {
        os << " <";
        m_options.Print(os);
        os << ">";
    }
    if (m_parseError != FullTcpParseError::NONE)
    {
        os << " [malformed: " << m_parseError << "]";
    }
}

uint32_t
FullTcpHeader::GetSerializedSize() const
{
    return MIN_SIZE + m_options.GetLength();
}

uint8_t
FullTcpHeader::GetDataOffset() const
{
    return static_cast<uint8_t>(GetSerializedSize() / 4);
}

void
FullTcpHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU16(m_sourcePort);
    i.WriteHtonU16(m_destinationPort);
    i.WriteHtonU32(m_seq);
    i.WriteHtonU32(m_ack);
    i.WriteU8(static_cast<uint8_t>((GetDataOffset() << 4) | (m_reserved & 0x0f)));
    i.WriteU8(m_flags);
    i.WriteHtonU16(m_window);
    i.WriteU16(0); // checksum, filled in below
    i.WriteHtonU16(m_urgentPointer);
    i.Write(m_options.GetBytes(), m_options.GetLength());

    uint16_t checksum = m_checksum;
    Buffer::Iterator c = start;
    if (m_calcChecksum)
    {
        // RFC 9293 §3.1: over the pseudo-header, the header and the payload behind it.
        const uint32_t segLen = start.GetRemainingSize();
        checksum = c.CalculateIpChecksum(static_cast<uint16_t>(segLen), PseudoHeaderSum(segLen));
        c = start;
        c.Next(16);
        c.WriteU16(checksum); // same byte order as the sum (see SumBytes)
        return;
    }
    c.Next(16);
    c.WriteHtonU16(checksum);
}

uint32_t
FullTcpHeader::Deserialize(Buffer::Iterator start)
{
    const uint32_t segLen = start.GetRemainingSize();
    uint8_t bytes[MAX_SIZE];
    const uint32_t n = std::min<uint32_t>(segLen, MAX_SIZE);
    Buffer::Iterator i = start;
    i.Read(bytes, n);
    // The data offset may not point past the segment: Parse() sees only what is there.
    if (Parse(bytes, n) != FullTcpParseError::NONE)
    {
        return 0;
    }
    if (m_calcChecksum)
    {
        Buffer::Iterator c = start;
        if (c.CalculateIpChecksum(static_cast<uint16_t>(segLen), PseudoHeaderSum(segLen)) != 0)
        {
            m_parseError = FullTcpParseError::BAD_CHECKSUM;
            return 0;
        }
    }
    return GetSerializedSize();
}

FullTcpParseError
FullTcpHeader::Parse(const uint8_t* data, uint32_t len)
{
    m_parseError = FullTcpParseError::NONE;
    m_options.Clear();
    if (len < MIN_SIZE)
    {
        return m_parseError = FullTcpParseError::TRUNCATED_HEADER;
    }
    m_sourcePort = static_cast<uint16_t>((data[0] << 8) | data[1]);
    m_destinationPort = static_cast<uint16_t>((data[2] << 8) | data[3]);
    m_seq =
        (uint32_t(data[4]) << 24) | (uint32_t(data[5]) << 16) | (uint32_t(data[6]) << 8) | data[7];
    m_ack = (uint32_t(data[8]) << 24) | (uint32_t(data[9]) << 16) | (uint32_t(data[10]) << 8)
          | data[11];
    const uint32_t offsetBytes = (data[12] >> 4) * 4u;
    m_reserved = data[12] & 0x0f;
    m_flags = data[13];
    m_window = static_cast<uint16_t>((data[14] << 8) | data[15]);
    m_checksum = static_cast<uint16_t>((data[16] << 8) | data[17]);
    m_urgentPointer = static_cast<uint16_t>((data[18] << 8) | data[19]);
    if (offsetBytes < MIN_SIZE)
    {
        return m_parseError = FullTcpParseError::DATA_OFFSET_TOO_SMALL;
    }
    if (offsetBytes > len)
    {
        return m_parseError = FullTcpParseError::DATA_OFFSET_PAST_END;
    }
    return m_parseError = m_options.Parse(data + MIN_SIZE, offsetBytes - MIN_SIZE);
}

FullTcpParseError
FullTcpHeader::GetParseError() const
{
    return m_parseError;
}

uint32_t
FullTcpHeader::PseudoHeaderSum(uint32_t segLen) const
{
    // IPv4 (12 bytes) and IPv6 (40 bytes) pseudo-headers both end in the length as a
    // big-endian number < 2^16 and the protocol in the last byte: same words either way.
    return m_pseudoSum + WireWord(static_cast<uint16_t>(segLen));
}

void
FullTcpHeader::InitializeChecksum(Ipv4Address src, Ipv4Address dst, uint8_t protocol)
{
    uint8_t b[8];
    src.Serialize(b);
    dst.Serialize(b + 4);
    m_pseudoSum = SumBytes(b, sizeof(b)) + WireWord(protocol);
    m_calcChecksum = true;
}

void
FullTcpHeader::InitializeChecksum(Ipv6Address src, Ipv6Address dst, uint8_t protocol)
{
    uint8_t b[32];
    src.Serialize(b);
    dst.Serialize(b + 16);
    m_pseudoSum = SumBytes(b, sizeof(b)) + WireWord(protocol);
    m_calcChecksum = true;
}

void
FullTcpHeader::InitializeChecksum(const Address& src, const Address& dst, uint8_t protocol)
{
    if (Ipv4Address::IsMatchingType(src) && Ipv4Address::IsMatchingType(dst))
    {
        InitializeChecksum(Ipv4Address::ConvertFrom(src), Ipv4Address::ConvertFrom(dst), protocol);
    }
    else if (Ipv6Address::IsMatchingType(src) && Ipv6Address::IsMatchingType(dst))
    {
        InitializeChecksum(Ipv6Address::ConvertFrom(src), Ipv6Address::ConvertFrom(dst), protocol);
    }
    else
    {
        NS_LOG_WARN("no pseudo-header for these address types; checksums stay off");
        m_calcChecksum = false;
    }
}

bool
FullTcpHeader::IsChecksumEnabled() const
{
    return m_calcChecksum;
}

void
FullTcpHeader::SetSourcePort(uint16_t port)
{
    m_sourcePort = port;
}

uint16_t
FullTcpHeader::GetSourcePort() const
{
    return m_sourcePort;
}

void
FullTcpHeader::SetDestinationPort(uint16_t port)
{
    m_destinationPort = port;
}

uint16_t
FullTcpHeader::GetDestinationPort() const
{
    return m_destinationPort;
}

void
FullTcpHeader::SetSequenceNumber(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
FullTcpHeader::GetSequenceNumber() const
{
    return m_seq;
}

void
FullTcpHeader::SetAckNumber(uint32_t ack)
{
    m_ack = ack;
}

uint32_t
FullTcpHeader::GetAckNumber() const
{
    return m_ack;
}

void
FullTcpHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
FullTcpHeader::GetFlags() const
{
    return m_flags;
}

bool
FullTcpHeader::HasFlags(uint8_t mask) const
{
    return (m_flags & mask) == mask;
}

void
FullTcpHeader::SetReserved(uint8_t bits)
{
    m_reserved = bits & 0x0f;
}

uint8_t
FullTcpHeader::GetReserved() const
{
    return m_reserved;
}

void
FullTcpHeader::SetWindow(uint16_t window)
{
    m_window = window;
}

uint16_t
FullTcpHeader::GetWindow() const
{
    return m_window;
}

void
FullTcpHeader::SetUrgentPointer(uint16_t ptr)
{
    m_urgentPointer = ptr;
}

uint16_t
FullTcpHeader::GetUrgentPointer() const
{
    return m_urgentPointer;
}

void
FullTcpHeader::SetChecksum(uint16_t checksum)
{
    m_checksum = checksum;
}

uint16_t
FullTcpHeader::GetChecksum() const
{
    return m_checksum;
}

const FullTcpOptions&
FullTcpHeader::GetOptions() const
{
    return m_options;
}

FullTcpOptions&
FullTcpHeader::Options()
{
    return m_options;
}

} // namespace ns3
