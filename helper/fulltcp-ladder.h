/*
 * Helper: ladder diagram API: options, row type, segment labels, text and SVG ladders
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LADDER_H
#define FULLTCP_LADDER_H

#include "fulltcp-segment-record.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief How a ladder diagram is drawn.
 */
struct FullTcpLadderOptions
{
    /// Show sequence and acknowledgment numbers relative to each side's ISN (Wireshark's and
    /// tcpdump's default), or as the 32-bit wire values.
    bool relative {true};
    /// Draw at most this many segments (the first ones; 0: all), so a bulk transfer does not
    /// make a huge picture. State changes are always all shown; the picture says how many
    /// segments were left out.
    uint32_t maxSegments {200};
};

/**
 * \ingroup fulltcp
 * \brief One row of a ladder: an event of the connection, in time order.
 */
struct FullTcpLadderRow
{
    /// What the row shows.
    enum Kind
    {
        STATE,   //!< a state change (index into GetStateChanges())
        SENT,    //!< a segment leaves its sender (index into GetSegments())
        ARRIVED, //!< a segment reaches the other end (index into GetSegments())
        OMITTED, //!< the segments beyond maxSegments start here (index = how many)
    };

    Kind kind;      //!< what the row shows
    Time time;      //!< when
    uint64_t order; //!< call order (ties in time keep the order the traces fired in)
    uint32_t index; //!< see Kind
};

/**
 * \ingroup fulltcp
 * \param r the connection \param maxSegments the cap (0: none)
 * \return how many of its segments a ladder with that cap draws (the first ones)
 */
uint32_t FullTcpLadderShownSegments(const FullTcpConnectionRecord& r, uint32_t maxSegments);

/**
 * \ingroup fulltcp
 * \param t a time \return it as ladders write times: seconds with microseconds, "1.010000"
 */
std::string FullTcpLadderTime(Time t);

/**
 * \ingroup fulltcp
 * \brief The events of a connection in the order a ladder shows them.
 * \param r the connection \param maxSegments segments to include (0: all)
 * \return the rows, sorted by time then call order
 */
std::vector<FullTcpLadderRow> FullTcpLadderRows(const FullTcpConnectionRecord& r,
                                                uint32_t maxSegments);

/**
 * \ingroup fulltcp
 * \param flags FullTcpHeader::Flag bits
 * \return the flags as the tutorials write them: "SYN", "SYN+ACK", "FIN+ACK", "PSH+ACK",
 *         "RST" ("none" without any)
 */
std::string FullTcpFlagNames(uint8_t flags);

/**
 * \ingroup fulltcp
 * \brief The label of a segment's arrow: `SYN+ACK seq=0 ack=1 len=0 win=65535`.
 * \param r the connection \param s one of its segments \param relative relative numbers
 * \return flags, seq, ack (only with ACK), len, win (scaled, see ScaledWindow())
 */
std::string FullTcpSegmentLabel(const FullTcpConnectionRecord& r,
                                const FullTcpSegmentEvent& s,
                                bool relative);

/**
 * \ingroup fulltcp
 * \brief The options of a segment, compact: `<mss 1460 wscale 7 sackOK TS 100/0 SACK 1-2>`.
 * \param r the connection \param s one of its segments \param relative relative SACK blocks
 * \return the options ("" without any)
 */
std::string FullTcpOptionsLabel(const FullTcpConnectionRecord& r,
                                const FullTcpSegmentEvent& s,
                                bool relative);

/**
 * \ingroup fulltcp
 * \brief The plain-text ladder of a connection, for terminals.
 *
 * One row per event in time order: the client's line on the left, the server's on the
 * right; each segment an arrow (`---->` or `<----`) at its send time with its label and
 * options and, after the server's column, when it arrived; a lost segment stops short
 * (`--X`, `X--`); each end's state written beside its line at every change, with the cause.
 *
 * \param r the connection \param options numbering and row cap
 * \return the ladder, one line per row, each ending in '\n'
 */
std::string FullTcpTextLadder(const FullTcpConnectionRecord& r,
                              const FullTcpLadderOptions& options);

/**
 * \ingroup fulltcp
 * \brief The SVG ladder diagram of a connection.
 *
 * Two vertical lines with the endpoints on top; each event has a row, so an arrow goes from
 * its send row on one line to its arrival row on the other (sloped: segments in flight at
 * the same time cross); the time of each row is on the axis at the left. Lost segments stop
 * short with a cross; states are written beside the lines. Rows are evenly spaced (the time
 * labels give the real times), so a 10 ms handshake and a 60 s TIME_WAIT both stay legible.
 *
 * \param os where to write the document
 * \param r the connection \param options numbering and row cap
 */
void FullTcpSvgLadder(std::ostream& os,
                      const FullTcpConnectionRecord& r,
                      const FullTcpLadderOptions& options);

} // namespace ns3

#endif /* FULLTCP_LADDER_H */
