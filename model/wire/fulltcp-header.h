/*
 * Wire: TCP header value type, flags, strict parse and pseudo-header checksum (RFC 9293 §3.1)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_HEADER_H
#define FULLTCP_HEADER_H

#include "fulltcp-options.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The TCP header (RFC 9293 §3.1) as a value type: every field, every flag bit, options.
 *
 * Nothing here knows about connections. Sequence and acknowledgment numbers are the 32-bit
 * wire values; the engine keeps 64-bit stream offsets and wraps only here.
 *
 * Parsing is strict and total: Deserialize() never reads outside the segment and never
 * asserts. A malformed header leaves GetParseError() != NONE with the named reason, which
 * the receive path counts as a drop reason. Received option bytes are kept exactly, so
 * parse → serialize reproduces a segment byte for byte (reserved bits and padding included).
 *
 * Checksums (RFC 9293 §3.1, pseudo-header for IPv4 and IPv6): after InitializeChecksum(),
 * Serialize() computes the checksum over header + payload and Deserialize() verifies it;
 * otherwise the checksum field is carried as a plain value (0 by default, as ns-3 does when
 * the "ChecksumEnabled" global is off).
 */
class FullTcpHeader : public Header
{
  public:
    /// Flag bits of byte 13 (RFC 9293 §3.1; CWR/ECE from RFC 3168 §6.1).
    enum Flag : uint8_t
    {
        FIN = 0x01,
        SYN = 0x02,
        RST = 0x04,
        PSH = 0x08,
        ACK = 0x10,
        URG = 0x20,
        ECE = 0x40,
        CWR = 0x80,
    };

    static constexpr uint32_t MIN_SIZE = 20; //!< fixed part of the header (RFC 9293 §3.1)
    static constexpr uint32_t MAX_SIZE = 60; //!< data offset 15 words

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    /// Print in tcpdump's style: `49153 > 80 [S.] seq 1 ack 2 win 65535 <mss 1460>`.
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * \brief Parse a header from the front of a segment.
     * \param start iterator at the first header byte; its remaining size is the segment
     * \return the header length when well-formed, else 0 (see GetParseError())
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * \brief Parse a header from plain bytes (the same rules as Deserialize(), no checksum).
     * \param data segment bytes
     * \param len how many bytes there are
     * \return NONE, or why the bytes are not a valid TCP header
     */
    FullTcpParseError Parse(const uint8_t* data, uint32_t len);

    /// \return NONE after a successful parse (or for a header built by hand), else why not.
    FullTcpParseError GetParseError() const;

    /// \param port source port
    void SetSourcePort(uint16_t port);
    /// \return source port
    uint16_t GetSourcePort() const;
    /// \param port destination port
    void SetDestinationPort(uint16_t port);
    /// \return destination port
    uint16_t GetDestinationPort() const;
    /// \param seq sequence number (32-bit wire value)
    void SetSequenceNumber(uint32_t seq);
    /// \return sequence number
    uint32_t GetSequenceNumber() const;
    /// \param ack acknowledgment number (meaningful when ACK is set)
    void SetAckNumber(uint32_t ack);
    /// \return acknowledgment number
    uint32_t GetAckNumber() const;
    /// \param flags all eight flag bits (a combination of Flag values)
    void SetFlags(uint8_t flags);
    /// \return all eight flag bits
    uint8_t GetFlags() const;
    /**
     * \param mask one or more Flag bits
     * \return true when every bit of mask is set (test bits, never compare the flag byte)
     */
    bool HasFlags(uint8_t mask) const;
    /// \param bits the 4 reserved bits (RFC 9293 §3.1: sent as zero, carried exactly)
    void SetReserved(uint8_t bits);
    /// \return the 4 reserved bits as received
    uint8_t GetReserved() const;
    /// \param window the 16-bit window field (already scaled down by the sender's shift)
    void SetWindow(uint16_t window);
    /// \return the 16-bit window field
    uint16_t GetWindow() const;
    /// \param ptr urgent pointer (meaningful when URG is set)
    void SetUrgentPointer(uint16_t ptr);
    /// \return urgent pointer
    uint16_t GetUrgentPointer() const;
    /// \param checksum checksum field to send when checksums are not computed
    void SetChecksum(uint16_t checksum);
    /// \return checksum field as received (or as last set)
    uint16_t GetChecksum() const;
    /// \return the data offset in 32-bit words (5 + option words)
    uint8_t GetDataOffset() const;

    /// \return the options, for reading
    const FullTcpOptions& GetOptions() const;
    /// \return the options, for building a segment
    FullTcpOptions& Options();

    /**
     * \brief Compute the checksum on Serialize() and verify it on Deserialize().
     * \param src source address \param dst destination address \param protocol IP protocol
     */
    void InitializeChecksum(Ipv4Address src, Ipv4Address dst, uint8_t protocol);
    /// \copydoc InitializeChecksum(Ipv4Address,Ipv4Address,uint8_t)
    void InitializeChecksum(Ipv6Address src, Ipv6Address dst, uint8_t protocol);
    /**
     * \copydoc InitializeChecksum(Ipv4Address,Ipv4Address,uint8_t)
     * Addresses that are neither IPv4 nor IPv6 leave checksums off.
     */
    void InitializeChecksum(const Address& src, const Address& dst, uint8_t protocol);
    /// \return whether checksums are computed/verified (InitializeChecksum() was called)
    bool IsChecksumEnabled() const;

    /// \return the flags as tcpdump writes them: F S R P . U E W, e.g. "S." or "FP."
    static std::string FlagsToString(uint8_t flags);

  private:
    /// \return the one's-complement pseudo-header sum for a segment of segLen bytes
    uint32_t PseudoHeaderSum(uint32_t segLen) const;

    uint16_t m_sourcePort {0};
    uint16_t m_destinationPort {0};
    uint32_t m_seq {0};
    uint32_t m_ack {0};
    uint8_t m_reserved {0};
    uint8_t m_flags {0};
    uint16_t m_window {0};
    uint16_t m_checksum {0};
    uint16_t m_urgentPointer {0};
    FullTcpOptions m_options;

    bool m_calcChecksum {false};
    uint32_t m_pseudoSum {0}; //!< addresses + protocol, in ns-3's checksum byte order
    FullTcpParseError m_parseError {FullTcpParseError::NONE};
};

} // namespace ns3

#endif /* FULLTCP_HEADER_H */
