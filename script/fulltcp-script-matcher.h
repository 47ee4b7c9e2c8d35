/*
 * Script: script segments to and from the wire, ISNs relative as packetdrill's
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_MATCHER_H
#define FULLTCP_SCRIPT_MATCHER_H

#include "fulltcp-script.h"

#include "ns3/fulltcp-header.h"

#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Translates script segments to and from the wire, as packetdrill does.
 *
 * Sequence numbers in a script are relative: the script side's ISN (chosen here) and the ISN
 * FullTcp picks (learned from its first SYN or SYN-ACK) both map to 0. Inbound ACK numbers
 * and SACK blocks are relative to FullTcp's ISN, outbound ones to the script side's. A TSval
 * that FullTcp sends is not compared (its clock is its own); the first one fixes the offset
 * by which inbound TSecr values are translated, so a script can echo the TSval it wrote.
 */
class FullTcpScriptMatcher
{
  public:
    /// \param remoteIsn the script side's initial sequence number (wire value)
    explicit FullTcpScriptMatcher(uint32_t remoteIsn);

    /**
     * \brief Build the header of an inbound (`<`) segment; a SYN's sequence number becomes
     *        the script side's ISN, to which the later ones are relative (packetdrill's
     *        socket.h, remote_seq_script_to_live_offset()).
     * \param s the script segment
     * \param srcPort the script side's port \param dstPort FullTcp's port
     * \param header out: the header to send
     * \return empty, or why the segment cannot be built (options longer than 40 bytes)
     */
    std::string BuildInbound(const FullTcpScriptSegment& s,
                             uint16_t srcPort,
                             uint16_t dstPort,
                             FullTcpHeader& header);

    /**
     * \brief Compare a segment FullTcp sent with the expected (`>`) one; learn FullTcp's ISN
     *        from a SYN and the TSval offset from the first timestamp.
     * \param expected the script segment \param actual the header \param payload its length
     * \return empty when they match, else the first field that differs, e.g.
     *         "ack: expected 1001 but got 1"
     */
    std::string Compare(const FullTcpScriptSegment& expected,
                        const FullTcpHeader& actual,
                        uint32_t payload);

    /**
     * \param h a segment FullTcp sent \param payload its length
     * \return it in script syntax with relative numbers: `> P. 1:1001(1000) ack 1 win 256`
     */
    std::string Describe(const FullTcpHeader& h, uint32_t payload) const;

    /**
     * \param s a script segment
     * \return it as written, normalised: `> P. 1:1001(1000) ack 1 <nop,nop,TS val 1 ecr 2>`
     */
    static std::string Describe(const FullTcpScriptSegment& s);

    /// A new connection is under test: its first SYN teaches FullTcp's ISN again.
    void
    NewConnection()
    {
        m_localIsn.reset();
    }

    /// \param relative a sequence number of FullTcp's, relative to its ISN
    /// \return its wire value (packetdrill's local_seq_script_to_live_offset())
    uint32_t
    LocalWire(uint32_t relative) const
    {
        return relative + m_localIsn.value_or(0);
    }

  private:
    /// \param syn whether the segment has SYN \return what a script number of FullTcp's is
    /// offset by on the wire (packetdrill's local_seq_script_to_live_offset(): the ISN, less
    /// the script's own ISN on a SYN)
    uint32_t
    LocalOffset(bool syn) const
    {
        return m_localIsn.value_or(0) - (syn ? m_localScriptIsn : 0);
    }

    /// \return the options of h in script form (sequence numbers relative)
    std::vector<FullTcpScriptOption> OutboundOptions(const FullTcpHeader& h) const;

    uint32_t m_remoteBase;              //!< the wire value of the script side's number 0
    uint32_t m_remoteIsn;               //!< the script side's ISN (its SYN's, wire value)
    bool m_remoteIsnSet {false};        //!< a SYN or SYN-ACK of the script side set it
    std::optional<uint32_t> m_localIsn; //!< FullTcp's ISN, once seen (0 before)
    uint32_t m_localScriptIsn {0};      //!< the script's number for it (its first SYN's)
    std::optional<uint32_t> m_tsOffset; //!< FullTcp's TSval minus the script's
};

} // namespace ns3

#endif /* FULLTCP_SCRIPT_MATCHER_H */
