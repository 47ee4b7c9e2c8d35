/*
 * Wire: TCP options, SACK blocks and named parse errors (RFC 9293 §3.1, RFC 7323, RFC 2018)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_OPTIONS_H
#define FULLTCP_OPTIONS_H

#include "fulltcp-fast-open-option.h"

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Why a segment's header could not be parsed (named drop reasons).
 *
 * The receive path counts and traces these; parsing never asserts on hostile bytes.
 */
enum class FullTcpParseError : uint8_t
{
    NONE = 0,              //!< header is well-formed
    TRUNCATED_HEADER,      //!< fewer than 20 bytes (RFC 9293 §3.1 fixed header)
    DATA_OFFSET_TOO_SMALL, //!< data offset < 5 words (RFC 9293 §3.1)
    DATA_OFFSET_PAST_END,  //!< data offset points past the end of the segment
    OPTION_LENGTH_INVALID, //!< an option's length byte is 0 or 1 (RFC 9293 §3.1, MUST-68)
    OPTION_PAST_HEADER,    //!< an option (or its length byte) runs past the header
    MSS_LENGTH,            //!< MSS option length is not 4 (RFC 9293 §3.2)
    WINDOW_SCALE_LENGTH,   //!< Window Scale option length is not 3 (RFC 7323 §2.2)
    SACK_PERMITTED_LENGTH, //!< SACK-permitted option length is not 2 (RFC 2018 §2)
    TIMESTAMP_LENGTH,      //!< Timestamps option length is not 10 (RFC 7323 §3.2)
    SACK_LENGTH,           //!< SACK option length is not 2 + 8·n with 1 ≤ n ≤ 4 (RFC 2018 §3)
    BAD_CHECKSUM,          //!< checksum does not verify (RFC 9293 §3.1)
};

/// \return the name of a parse error, e.g. "MSS_LENGTH".
const char* FullTcpParseErrorName(FullTcpParseError e);

std::ostream& operator<<(std::ostream& os, FullTcpParseError e);

/**
 * \ingroup fulltcp
 * \brief One SACK block, [left, right) in 32-bit wire sequence numbers (RFC 2018 §3).
 */
struct FullTcpSackBlock
{
    uint32_t left;  //!< first sequence number of the block
    uint32_t right; //!< sequence number just past the block

    bool
    operator==(const FullTcpSackBlock& o) const
    {
        return left == o.left && right == o.right;
    }
};

/**
 * \ingroup fulltcp
 * \brief An option FullTcp does not interpret, kept byte-exact (kind, length, data).
 */
struct FullTcpUnknownOption
{
    uint8_t kind;              //!< option kind
    std::vector<uint8_t> data; //!< option bytes after kind and length

    bool
    operator==(const FullTcpUnknownOption& o) const
    {
        return kind == o.kind && data == o.data;
    }
};

/**
 * \ingroup fulltcp
 * \brief The TCP options of one segment: a semantic view and its exact wire bytes.
 *
 * Two ways in, one representation out:
 *  - Parse() takes the option bytes of a received header, validates every option and keeps the
 *    bytes exactly (NOP/EOL placement, padding, unknown options), so parse → serialize
 *    reproduces the segment byte for byte.
 *  - The setters describe options semantically; the wire bytes are then laid out the way
 *    Linux's tcp_options_write() lays them out (MSS; sackOK+TS or nop,nop+TS; nop,wscale;
 *    nop,nop,SACK; Fast Open last, then nop,nop when its length is 2 mod 4), so FullTcp's
 *    captures look like a real stack's. A SYN with everything is
 *    `mss 1460,sackOK,TS val X ecr 0,nop,wscale 7` (20 bytes).
 *
 * At most 40 bytes fit (RFC 9293 §3.1: data offset ≤ 15 words). SACK blocks beyond what
 * fits beside the other options are not laid out (as Linux: 3 blocks beside timestamps,
 * 4 without); GetSackBlocks() reports what is actually on the wire.
 */
class FullTcpOptions
{
  public:
    static constexpr uint32_t MAX_BYTES = 40;      //!< RFC 9293 §3.1: 60-byte header max
    static constexpr uint32_t MAX_SACK_BLOCKS = 4; //!< RFC 2018 §3: 4 blocks fill 34 bytes

    /// Option kinds (IANA TCP option kind numbers).
    enum Kind : uint8_t
    {
        EOL = 0,
        NOP = 1,
        MSS = 2,
        WSCALE = 3,
        SACK_PERMITTED = 4,
        SACK = 5,
        TIMESTAMP = 8,
    };

    /**
     * \brief Parse option bytes (the header bytes after the fixed 20).
     * \param bytes the option bytes
     * \param len their count (≤ 40)
     * \return NONE, or why the options are malformed (then this object is left empty)
     */
    FullTcpParseError Parse(const uint8_t* bytes, uint32_t len);

    /// \return the option bytes on the wire, a multiple of 4 long.
    const uint8_t* GetBytes() const;
    /// \return how many option bytes are on the wire (0..40, multiple of 4).
    uint32_t GetLength() const;

    /// Remove every option.
    void Clear();

    /// \param mss Maximum Segment Size to announce (RFC 9293 §3.7.1); SYN only.
    void SetMss(uint16_t mss);
    /// \return the MSS option, if present.
    std::optional<uint16_t> GetMss() const;

    /// \param shift window scale shift count (RFC 7323 §2.2); SYN only. Sent as given.
    void SetWindowScale(uint8_t shift);
    /// \return the window scale shift, if present (as received: may exceed 14).
    std::optional<uint8_t> GetWindowScale() const;

    /// \param on whether to send SACK-permitted (RFC 2018 §2); SYN only.
    void SetSackPermitted(bool on);
    /// \return whether SACK-permitted is present.
    bool GetSackPermitted() const;

    /// Timestamps option value (RFC 7323 §3.2).
    struct Timestamp
    {
        uint32_t value; //!< TSval
        uint32_t echo;  //!< TSecr
    };

    /// \param val TSval \param ecr TSecr
    void SetTimestamp(uint32_t val, uint32_t ecr);
    /// \return the timestamps, if present.
    std::optional<Timestamp> GetTimestamp() const;

    /**
     * \brief Set the SACK blocks to send, most important first (RFC 2018 §4).
     * \param blocks the blocks; those that do not fit beside the other options are dropped
     */
    void SetSackBlocks(const std::vector<FullTcpSackBlock>& blocks);
    /// \return the SACK blocks on the wire, in wire order.
    std::vector<FullTcpSackBlock> GetSackBlocks() const;

    /**
     * \brief Set the Fast Open option (RFC 7413 §4.1.1); SYN and SYN-ACK only.
     * \param fo the option (cookie at most 16 bytes)
     * \return false (and the option is left off) when it does not fit beside the others
     */
    bool SetFastOpen(const FullTcpFastOpenOption& fo);
    /// \return the Fast Open option (kind 34, or 254 with magic 0xF989), if present.
    const std::optional<FullTcpFastOpenOption>& GetFastOpen() const;

    /**
     * \brief Append an option FullTcp does not interpret (laid out after the known ones).
     * \param opt the option (kind must not be EOL or NOP)
     * \return false (and nothing changes) when it would not fit in 40 bytes or is invalid
     */
    bool AddUnknownOption(const FullTcpUnknownOption& opt);
    /// \return the options that FullTcp does not interpret, in wire order.
    const std::vector<FullTcpUnknownOption>& GetUnknownOptions() const;

    /// Print in tcpdump's style: `mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7`.
    void Print(std::ostream& os) const;

    bool operator==(const FullTcpOptions& o) const;

  private:
    /**
     * Lay the semantic options out in Linux's order (after any setter).
     * \return false when the unknown options did not fit beside the known ones (they are
     *         then left off the wire: known options have priority)
     */
    bool Layout();

    std::optional<uint16_t> m_mss;
    std::optional<uint8_t> m_wscale;
    bool m_sackPermitted {false};
    std::optional<Timestamp> m_timestamp;
    std::array<FullTcpSackBlock, MAX_SACK_BLOCKS> m_sack {};
    uint8_t m_sackWanted {0}; //!< blocks the caller asked for
    uint8_t m_sackCount {0};  //!< blocks actually laid out on the wire
    std::optional<FullTcpFastOpenOption> m_fastOpen;
    std::vector<FullTcpUnknownOption> m_unknown;

    std::array<uint8_t, MAX_BYTES> m_bytes {};
    uint8_t m_length {0};
};

} // namespace ns3

#endif /* FULLTCP_OPTIONS_H */
