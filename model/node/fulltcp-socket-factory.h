/*
 * Node: ns3::FullTcpSocketFactory and the drop-in TcpSocketFactory subclass
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SOCKET_FACTORY_H
#define FULLTCP_SOCKET_FACTORY_H

#include "ns3/ptr.h"
#include "ns3/socket-factory.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

class FullTcpL4Protocol;
class Socket;

/**
 * \ingroup fulltcp
 * \brief What both FullTcp socket factories do, written once: hand CreateSocket() to the
 * node's FullTcpL4Protocol.
 *
 * The two factories differ only in the ns-3 factory class they derive from (Base), which
 * decides the lookups that find them (Object::GetObject<Base>()); each has its own TypeId.
 * Instantiated in fulltcp-socket-factory.cc for SocketFactory and TcpSocketFactory only.
 *
 * \tparam Base SocketFactory or TcpSocketFactory
 */
template<class Base>
class FullTcpSocketFactoryOf : public Base
{
  public:
    /// \param protocol the node's FullTcp protocol
    void SetProtocol(Ptr<FullTcpL4Protocol> protocol);

    /// \return a new FullTcp socket, or null (with an error logged) before SetProtocol()
    Ptr<Socket> CreateSocket() override;

  protected:
    void DoDispose() override;

    /**
     * \brief The TypeId of a concrete factory: its name, Base as parent, group "FullTcp".
     * \tparam Factory the factory class \param name its TypeId name
     * \return the TypeId
     */
    template<class Factory>
    static TypeId MakeTypeId(const char* name);

  private:
    Ptr<FullTcpL4Protocol> m_protocol; //!< creates the sockets
};

extern template class FullTcpSocketFactoryOf<SocketFactory>;
extern template class FullTcpSocketFactoryOf<TcpSocketFactory>;

/**
 * \ingroup fulltcp
 * \brief Creates FullTcp sockets: what applications name as "ns3::FullTcpSocketFactory".
 *
 * FullTcpL4Protocol aggregates one to its node. It derives from SocketFactory, not from
 * TcpSocketFactory: a node may carry ns-3's TCP too (FullTcp under another protocol
 * number), and Object::GetObject(TcpSocketFactory) must then find ns-3's factory only.
 */
class FullTcpSocketFactory : public FullTcpSocketFactoryOf<SocketFactory>
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
};

/**
 * \ingroup fulltcp
 * \brief Creates FullTcp sockets for applications that ask for "ns3::TcpSocketFactory":
 * the drop-in mode (FullTcpInternetStackHelper).
 *
 * A TcpSocketFactory subclass may only be aggregated to a node that has no other one:
 * Object::GetObject(TcpSocketFactory) returns the first aggregate that is or derives from
 * it, so two would make every lookup ambiguous (and aggregating a second object of one
 * TypeId is fatal). FullTcpInternetStackHelper therefore builds the node's stack without
 * ns-3's TcpL4Protocol and TcpSocketFactoryImpl before aggregating this factory.
 */
class FullTcpDropInSocketFactory : public FullTcpSocketFactoryOf<TcpSocketFactory>
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
};

} // namespace ns3

#endif /* FULLTCP_SOCKET_FACTORY_H */
