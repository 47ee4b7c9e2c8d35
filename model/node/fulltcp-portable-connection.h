/*
 * Node: FullTcpConnection with a retargetable output, so TIME_WAIT outlives its socket
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PORTABLE_CONNECTION_H
#define FULLTCP_PORTABLE_CONNECTION_H

#include "ns3/fulltcp-connection.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A FullTcpConnection whose output can be handed to a new owner.
 *
 * The engine keeps a reference to its FullTcpConnectionOutput for life. To let a connection
 * outlive its socket (a TIME_WAIT connection moves from the socket to the protocol's
 * TIME_WAIT table, so that the socket object can go), the engine talks to a small relay that
 * forwards every output to the current owner; Retarget() changes the owner. Both objects
 * live on the heap, so moving this holder never moves what the engine refers to.
 */
class FullTcpPortableConnection
{
  public:
    /// An empty holder (no connection).
    FullTcpPortableConnection();
    /**
     * \brief Create a connection.
     * \param config the connection's configuration
     * \param owner where its output goes (must outlive it, or be retargeted first)
     */
    FullTcpPortableConnection(const FullTcpConfig& config, FullTcpConnectionOutput* owner);
    ~FullTcpPortableConnection();
    FullTcpPortableConnection(FullTcpPortableConnection&&) noexcept;
    FullTcpPortableConnection& operator=(FullTcpPortableConnection&&) noexcept;
    FullTcpPortableConnection(const FullTcpPortableConnection&) = delete;
    FullTcpPortableConnection& operator=(const FullTcpPortableConnection&) = delete;

    /// \return whether a connection is held
    explicit operator bool() const;
    /// \return the connection (the holder must not be empty)
    FullTcpConnection* operator->() const;
    /// \return the connection, or nullptr
    FullTcpConnection* Get() const;

    /// \param owner the new receiver of every output of the connection
    void Retarget(FullTcpConnectionOutput* owner);

  private:
    class Relay;
    std::unique_ptr<Relay> m_relay;                  //!< what the engine talks to
    std::unique_ptr<FullTcpConnection> m_connection; //!< the engine
};

} // namespace ns3

#endif /* FULLTCP_PORTABLE_CONNECTION_H */
