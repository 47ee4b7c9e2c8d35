/*
 * Script: packetdrill's socket under test (run_packet.c): its state, ports and segments
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-under-test.h"

namespace ns3
{

void
FullTcpScriptUnderTest::Starts(const std::string& name, int64_t fd)
{
    // run_syscall_connect(): connect(), and sendto()/sendmsg() with an address (Fast Open),
    // make a new socket connecting before the call runs (a blocking one sends its SYN while
    // it waits).
    if (fd == m_fd && m_state == State::NEW
        && (name == "connect" || name == "sendto" || name == "sendmsg"))
    {
        m_state = State::CONNECTING;
    }
}

void
FullTcpScriptUnderTest::Returned(const std::string& name, int64_t fd, int64_t ret)
{
    if (name == "socket" && ret >= 0)
    {
        m_state = State::NEW; // run_syscall_socket(): "Any later packets ... mapped here"
        m_fd = ret;
    }
    else if (name == "listen" && ret == 0 && fd == m_fd)
    {
        m_state = State::LISTENING;
    }
}

void
FullTcpScriptUnderTest::Inbound(uint8_t flags,
                                uint16_t listenerPort,
                                uint16_t& remotePort,
                                uint16_t& localPort)
{
    const uint8_t synAck = FullTcpHeader::SYN | FullTcpHeader::ACK;
    if (m_state == State::SYN_SENT && (flags & synAck) == synAck)
    {
        m_state = State::KNOWN; // do_inbound_script_packet(): SOCKET_ACTIVE_SYN_ACKED
    }
    if (m_state != State::LISTENING)
    {
        return;
    }
    // handle_listen_for_script_packet(): a new child socket under test, from a new port.
    m_state = State::KNOWN;
    m_new = true;
    m_local = listenerPort;
    m_remote = m_nextEphemeral++;
    remotePort = m_remote;
    localPort = m_local;
}

bool
FullTcpScriptUnderTest::NewConnection()
{
    const bool n = m_new;
    m_new = false;
    return n;
}

int64_t
FullTcpScriptUnderTest::Fd() const
{
    return m_fd;
}

bool
FullTcpScriptUnderTest::Takes(const FullTcpHeader& h)
{
    switch (m_state)
    {
    case State::NONE:
        return true;
    case State::NEW:
    case State::LISTENING:
        return false;
    case State::CONNECTING:
    case State::SYN_SENT:
    {
        const bool known = h.GetSourcePort() == m_local && h.GetDestinationPort() == m_remote;
        if (m_state == State::SYN_SENT && known)
        {
            return true;
        }
        // find_connect_for_live_packet(): a SYN without ACK is the connecting socket's, and
        // names its ports.
        if (!h.HasFlags(FullTcpHeader::SYN) || h.HasFlags(FullTcpHeader::ACK))
        {
            return false;
        }
        m_state = State::SYN_SENT;
        m_new = true;
        m_local = h.GetSourcePort();
        m_remote = h.GetDestinationPort();
        return true;
    }
    case State::KNOWN:
        return h.GetSourcePort() == m_local && h.GetDestinationPort() == m_remote;
    }
    return true;
}

} // namespace ns3
