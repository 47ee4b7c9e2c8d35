/*
 * Script: packetdrill's socket under test: which connection a script segment belongs to
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_UNDER_TEST_H
#define FULLTCP_SCRIPT_UNDER_TEST_H

#include "ns3/fulltcp-header.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The connection a script's segment lines are about, as packetdrill tracks it
 * (run_packet.c, run_system_call.c: state->socket_under_test).
 *
 * socket() makes a new socket the one under test; listen() makes it a listener; connect(),
 * sendto() and sendmsg() make it connecting, and a SYN names its ports until the script
 * sends a SYN-ACK (find_connect_for_live_packet() takes any SYN then). Any inbound
 * segment while a listener is under test stands for a new client: a child with a new
 * ephemeral port of the script side (handle_listen_for_script_packet()). A segment FullTcp
 * sent that is not from the connection under test is not the script's: packetdrill's sniffer
 * drops it (sniff_outbound_live_packet()), e.g. the FIN of a socket closed before a new
 * socket() call.
 */
class FullTcpScriptUnderTest
{
  public:
    /**
     * \brief A call returned or starts.
     * \param name the call \param fd its descriptor argument (-1: none)
     * \param ret what it returned (socket(): the new descriptor)
     */
    void Returned(const std::string& name, int64_t fd, int64_t ret);
    /// \param name a call about to start \param fd its descriptor argument
    void Starts(const std::string& name, int64_t fd);

    /**
     * \brief An inbound segment is about to be injected.
     * \param flags its TCP flags (a SYN-ACK ends SYN_SENT)
     * \param listenerPort FullTcp's port of the listener under test
     * \param remotePort in/out: the script side's port, a new one for a new child
     * \param localPort in/out: FullTcp's port
     */
    void Inbound(uint8_t flags, uint16_t listenerPort, uint16_t& remotePort, uint16_t& localPort);

    /// \return the descriptor under test (-1 before socket())
    int64_t Fd() const;

    /**
     * \param h a segment FullTcp sent
     * \return whether it is from the connection under test (a SYN of a connecting socket
     *         names its ports)
     */
    bool Takes(const FullTcpHeader& h);

    /// \return whether a new connection came under test since the last call (its first SYN
    /// teaches the script's ISN mapping again)
    bool NewConnection();

  private:
    /// packetdrill's socket states (socket.h), the ones that decide the matching.
    enum class State : uint8_t
    {
        NONE,       //!< no socket() yet: every segment is the script's
        NEW,        //!< SOCKET_NEW: nothing it sends yet
        LISTENING,  //!< SOCKET_PASSIVE_LISTENING
        CONNECTING, //!< SOCKET_ACTIVE_CONNECTING: its first SYN names the ports
        SYN_SENT,   //!< SOCKET_ACTIVE_SYN_SENT: any SYN names them again
        KNOWN,      //!< the ports are known
    };

    State m_state {State::NONE}; //!< the state
    int64_t m_fd {-1};           //!< its descriptor
    uint16_t m_local {0};        //!< KNOWN: FullTcp's port
    uint16_t m_remote {0};       //!< KNOWN: the script side's port
    bool m_new {false};          //!< NewConnection()
    /// The script side's next port for a client of a listener (packetdrill
    /// next_ephemeral_port(); the first is the runner's first remote port).
    uint16_t m_nextEphemeral {48000};
};

} // namespace ns3

#endif /* FULLTCP_SCRIPT_UNDER_TEST_H */
