/*
 * Script: parsed script model: timing, segment lines, options, syscall expressions
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_H
#define FULLTCP_SCRIPT_H

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief When a script event happens (packetdrill's timing column).
 *
 * `0.1` absolute, `+0.1` relative to the previous event, `0.1~0.2` (or `+0.1~+0.2`) a range,
 * `*` any time. Times are in seconds from the start of the script.
 */
struct FullTcpScriptTiming
{
    /// How the start time is given.
    enum Kind : uint8_t
    {
        ABSOLUTE, //!< `0.100`
        RELATIVE, //!< `+0.100`: after the previous event
        ANY,      //!< `*`: an outbound segment at any time
    };

    Kind kind {ABSOLUTE};              //!< how the time is given
    double start {0};                  //!< seconds (absolute, or offset for RELATIVE)
    std::optional<double> rangeEnd;    //!< `~end`: latest time (same kind as start)
    bool rangeEndRelative {false};     //!< `~+end`: end relative to the previous event
    std::optional<double> blockingEnd; //!< `start...end`: a blocking call returns at end
    bool blockingEndRelative {false};  //!< `start...+end`: end relative to start
};

/**
 * \ingroup fulltcp
 * \brief One TCP option of a script segment, as written (`mss 1460`, `sack 1:2 3:4`, `nop`).
 */
struct FullTcpScriptOption
{
    /// TCP MD5 signature (RFC 2385 §3.0), which FullTcp sends never and parses as unknown.
    static constexpr uint8_t MD5 = 19;
    /// Option kind (IANA numbers, as FullTcpOptions::Kind).
    uint8_t kind {0};
    /// Values: mss/wscale one, TS two (val, ecr), sack 2·n (relative sequence numbers),
    /// Fast Open cookie and md5 digest bytes.
    std::vector<uint32_t> values;
};

/**
 * \ingroup fulltcp
 * \brief A `<` (injected) or `>` (expected) segment line.
 */
struct FullTcpScriptSegment
{
    bool inbound {true};   //!< `<`: the script sends it; `>`: FullTcp must send it
    uint8_t ecn {0};       //!< IP ECN codepoint (`[noecn]` 0, `[ect1]` 1, `[ect0]` 2, `[ce]` 3)
    bool ecnGiven {false}; //!< `>`: the line names a codepoint (else it is not checked)
    uint8_t flags {0};     //!< FullTcpHeader::Flag bits (`S . P F R U E W`)
    uint32_t seq {0};      //!< relative start sequence number
    uint32_t end {0};      //!< relative end (seq + len)
    uint32_t len {0};      //!< payload length
    std::optional<uint32_t> ack;              //!< relative acknowledgment number
    std::optional<uint32_t> win;              //!< window field (unchecked outbound when absent)
    std::optional<uint16_t> urg;              //!< urgent pointer
    bool optionsGiven {false};                //!< the line has `<...>` (absent: no options at all)
    bool optionsAny {false};                  //!< `<...>`: options are not checked
    std::vector<FullTcpScriptOption> options; //!< the options in wire order
};

/**
 * \ingroup fulltcp
 * \brief An inbound ICMP line (packetdrill's icmp_packet_spec):
 * `< icmp unreachable frag_needed mtu 840 [0:1000(1000)]`. The message quotes the IP header
 * and first 8 bytes of a segment FullTcp sent on the connection under test: its ports and
 * sequence number (relative to FullTcp's ISN; 0 when the line has no `[...]`).
 */
struct FullTcpScriptIcmp
{
    uint8_t type {0};            //!< ICMP type (RFC 792: 3 unreachable, 11 time exceeded, ...)
    uint8_t code {0};            //!< ICMP code (`unreachable frag_needed`: 4)
    std::optional<uint16_t> mtu; //!< `mtu N`: the next-hop MTU (RFC 1191, frag_needed only)
    uint32_t seq {0};            //!< the quoted segment's relative sequence number
    uint32_t len {0};            //!< its payload length (the quoted IP total length)
};

/**
 * \ingroup fulltcp
 * \brief A syscall argument or expected value: `...`, `5`, `SO_LINGER`, `O_RDWR|O_NONBLOCK`,
 * `[1]`, `{l_onoff=1, l_linger=0}`, `"text"`.
 */
struct FullTcpScriptExpr
{
    /// What the expression is.
    enum Kind : uint8_t
    {
        ELLIPSIS, //!< `...`: anything
        INTEGER,  //!< a number
        SYMBOL,   //!< a name, e.g. SOCK_STREAM or TCP_ESTABLISHED
        BITS,     //!< names or numbers joined by `|`
        LIST,     //!< `[a, b]`
        STRUCT,   //!< `{name=value, ...}`
        STRING,   //!< `"text"`
    };

    Kind kind {ELLIPSIS};                 //!< what it is
    int64_t number {0};                   //!< INTEGER
    std::string text;                     //!< SYMBOL name, STRING text
    std::vector<FullTcpScriptExpr> items; //!< BITS and LIST elements, STRUCT field values
    std::vector<std::string> fields;      //!< STRUCT field names (same order as items)
};

/**
 * \ingroup fulltcp
 * \brief A system call line: `name(args) = result [ERRNO (text)]`.
 */
struct FullTcpScriptCall
{
    std::string name;                    //!< e.g. "connect"
    std::vector<FullTcpScriptExpr> args; //!< the arguments
    FullTcpScriptExpr result;            //!< expected return value (ELLIPSIS: any)
    std::string errnoName;               //!< expected errno when result is -1, e.g. "EAGAIN"

    /// The descriptor argument of a TCP_INFO check made from an inline `%{ assert tcpi_... }%`
    /// block: packetdrill's socket under test (the latest socket() or accept()).
    static constexpr const char* SOCKET_UNDER_TEST = "<socket under test>";
};

/**
 * \ingroup fulltcp
 * \brief One line of a script (one event).
 */
struct FullTcpScriptEvent
{
    /// What the line does.
    enum Kind : uint8_t
    {
        SEGMENT, //!< `<` or `>`
        CALL,    //!< a system call
        COMMAND, //!< a backtick shell command
        ICMP,    //!< `< icmp ...`
    };

    uint32_t line {0};            //!< line number in the script (1-based)
    std::string text;             //!< the line as written (for messages)
    FullTcpScriptTiming timing;   //!< when
    Kind kind {SEGMENT};          //!< what
    FullTcpScriptSegment segment; //!< SEGMENT
    FullTcpScriptCall call;       //!< CALL
    std::string command;          //!< COMMAND: the text between the backticks
    FullTcpScriptIcmp icmp;       //!< ICMP
};

/**
 * \ingroup fulltcp
 * \brief A parsed script: its events in order, and what was skipped.
 */
struct FullTcpScript
{
    std::string name;                       //!< file name (for messages)
    std::vector<FullTcpScriptEvent> events; //!< in script order
    /// Lines that the runner cannot check and skipped (inline `%{ python }%` blocks).
    std::vector<uint32_t> skippedLines;
    /// Command-line options written in the script (`--tolerance_usecs=10000`), in order.
    std::vector<std::pair<std::string, std::string>> options;
};

} // namespace ns3

#endif /* FULLTCP_SCRIPT_H */
