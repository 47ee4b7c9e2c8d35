/*
 * Test: scripted connections fed into a trace recorder for the ladder tests
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Scripted connections fed straight into a FullTcpTraceRecorder's entry points with explicit
 * times: the tutorials' handshake, a little data, a four-way close whose first FIN is lost
 * and retransmitted, and TIME_WAIT expiring; and a bulk transfer for the caps.
 */
#ifndef FULLTCP_LADDER_SCRIPT_H
#define FULLTCP_LADDER_SCRIPT_H

#include "ns3/fulltcp-trace-recorder.h"
#include "ns3/inet-socket-address.h"

#include <string>
#include <vector>

namespace fulltcp_test
{

using namespace ns3;

/// One-way delay of the scripted path.
inline const Time DELAY = MilliSeconds(10);

/// The states the client's line shows in HandshakeDataLostFinClose(), in order.
inline const std::vector<std::string> CLIENT_STATES = {
    "CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"};
/// The states the server's line shows, in order.
inline const std::vector<std::string> SERVER_STATES = {
    "LISTEN", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"};

/// Plays segments and state changes between a client (node 0) and a server (node 1).
class LadderScript
{
  public:
    /// \param rec where the events go
    explicit LadderScript(FullTcpTraceRecorder& rec) : m_rec(rec) {}

    /// The two endpoints (side 0 = client).
    Address ep[2] = {InetSocketAddress(Ipv4Address("10.0.0.1"), 49153),
                     InetSocketAddress(Ipv4Address("10.0.0.2"), 80)};

    /// \return a header from side \p from with these fields; tsval 0 = no Timestamps
    FullTcpHeader
    Header(uint8_t from,
           uint8_t flags,
           uint32_t seq,
           uint32_t ack,
           uint16_t win,
           uint32_t tsval,
           uint32_t tsecr) const
    {
        FullTcpHeader h;
        h.SetSourcePort(FullTcpEndpointPort(ep[from]));
        h.SetDestinationPort(FullTcpEndpointPort(ep[1 - from]));
        h.SetFlags(flags);
        h.SetSequenceNumber(seq);
        h.SetAckNumber(ack);
        h.SetWindow(win);
        if (tsval != 0)
        {
            h.Options().SetTimestamp(tsval, tsecr);
        }
        return h;
    }

    /// Side \p from sends \p h (with \p len payload bytes) at \p t.
    void
    Send(Time t, uint8_t from, const FullTcpHeader& h, uint32_t len = 0)
    {
        m_rec.RecordSent(t, from, len, h, ep[from], ep[1 - from]);
    }

    /// Side \p from sends \p h at \p t; it arrives DELAY later.
    void
    Deliver(Time t, uint8_t from, const FullTcpHeader& h, uint32_t len = 0)
    {
        Send(t, from, h, len);
        m_rec.RecordReceived(t + DELAY, 1 - from, len, h, ep[1 - from], ep[from]);
    }

    /// Side \p side changes state at \p t.
    void
    State(Time t, uint8_t side, FullTcpState from, FullTcpState to, FullTcpStateCause cause)
    {
        m_rec.RecordStateChange(t, side, ep[side], ep[1 - side], from, to, cause);
    }

    /// The tutorials' lifecycle: ISNs 1000 (client) and 5000 (server), 100 bytes of data
    /// from the client, the client closes first and its first FIN is lost.
    void
    HandshakeDataLostFinClose()
    {
        using S = FullTcpState;
        using C = FullTcpStateCause;
        const uint8_t SYN = FullTcpHeader::SYN;
        const uint8_t ACK = FullTcpHeader::ACK;
        const uint8_t FIN = FullTcpHeader::FIN;
        const uint8_t PSH = FullTcpHeader::PSH;
        // The listener's own change has no peer (port 0): it is not a connection.
        m_rec.RecordStateChange(Seconds(0),
                                1,
                                InetSocketAddress(Ipv4Address("10.0.0.2"), 80),
                                InetSocketAddress(Ipv4Address::GetAny(), 0),
                                S::CLOSED,
                                S::LISTEN,
                                C::APP_LISTEN);

        State(Seconds(1.0), 0, S::CLOSED, S::SYN_SENT, C::APP_CONNECT);
        FullTcpHeader syn = Header(0, SYN, 1000, 0, 65535, 100, 0);
        syn.Options().SetMss(1460);
        syn.Options().SetSackPermitted(true);
        syn.Options().SetWindowScale(7);
        Deliver(Seconds(1.0), 0, syn);

        State(Seconds(1.01), 1, S::LISTEN, S::SYN_RCVD, C::RCV_SYN);
        FullTcpHeader synAck = Header(1, SYN | ACK, 5000, 1001, 65535, 200, 100);
        synAck.Options().SetMss(1460);
        synAck.Options().SetSackPermitted(true);
        synAck.Options().SetWindowScale(7);
        Deliver(Seconds(1.01), 1, synAck);

        State(Seconds(1.02), 0, S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK);
        Deliver(Seconds(1.02), 0, Header(0, ACK, 1001, 5001, 502, 110, 200));
        Deliver(Seconds(1.02), 0, Header(0, PSH | ACK, 1001, 5001, 502, 111, 200), 100);
        State(Seconds(1.03), 1, S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN);
        Deliver(Seconds(1.03), 1, Header(1, ACK, 5001, 1101, 501, 210, 111));

        State(Seconds(1.05), 0, S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE);
        Send(Seconds(1.05), 0, Header(0, FIN | ACK, 1101, 5001, 502, 130, 210)); // lost
        Deliver(Seconds(1.25), 0, Header(0, FIN | ACK, 1101, 5001, 502, 150, 210));
        State(Seconds(1.26), 1, S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN);
        Deliver(Seconds(1.26), 1, Header(1, ACK, 5001, 1102, 501, 230, 150));
        State(Seconds(1.27), 0, S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN);

        State(Seconds(1.3), 1, S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE);
        Deliver(Seconds(1.3), 1, Header(1, FIN | ACK, 5001, 1102, 501, 260, 150));
        State(Seconds(1.31), 0, S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN);
        Deliver(Seconds(1.31), 0, Header(0, ACK, 1102, 5002, 502, 170, 260));
        State(Seconds(1.32), 1, S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN);
        State(Seconds(61.31), 0, S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL);
    }

    /// A bulk transfer of \p segments full segments from the client after a handshake
    /// (no options), each acknowledged; segment \p lostIndex is lost, SACKed around and
    /// retransmitted after the others.
    void
    Bulk(uint32_t segments, uint32_t lostIndex)
    {
        const uint8_t SYN = FullTcpHeader::SYN;
        const uint8_t ACK = FullTcpHeader::ACK;
        const uint32_t mss = 1000;
        Deliver(Seconds(1.0), 0, Header(0, SYN, 0, 0, 65535, 0, 0));
        Deliver(Seconds(1.01), 1, Header(1, SYN | ACK, 0, 1, 65535, 0, 0));
        Deliver(Seconds(1.02), 0, Header(0, ACK, 1, 1, 65535, 0, 0));
        Time t = Seconds(1.02);
        for (uint32_t i = 0; i < segments; ++i)
        {
            t += MicroSeconds(100);
            const FullTcpHeader data = Header(0, ACK, 1 + i * mss, 1, 65535, 0, 0);
            if (i == lostIndex)
            {
                Send(t, 0, data, mss);
                continue;
            }
            Deliver(t, 0, data, mss);
            FullTcpHeader ack = Header(1, ACK, 1, 1 + std::min(i, lostIndex) * mss, 65535, 0, 0);
            if (i > lostIndex)
            {
                ack.Options().SetSackBlocks({{1 + (lostIndex + 1) * mss, 1 + (i + 1) * mss}});
            }
            Deliver(t + DELAY, 1, ack);
        }
        t += MilliSeconds(30);
        Deliver(t, 0, Header(0, ACK, 1 + lostIndex * mss, 1, 65535, 0, 0), mss);
        Deliver(t + DELAY, 1, Header(1, ACK, 1, 1 + segments * mss, 65535, 0, 0));
    }

  private:
    FullTcpTraceRecorder& m_rec;
};

} // namespace fulltcp_test

#endif /* FULLTCP_LADDER_SCRIPT_H */
