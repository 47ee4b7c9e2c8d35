/*
 * Node: TypeIds and CreateSocket() of the FullTcp and drop-in socket factories
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-socket-factory.h"

#include "fulltcp-l4-protocol.h"

#include "ns3/log.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketFactory");
NS_OBJECT_ENSURE_REGISTERED(FullTcpSocketFactory);
NS_OBJECT_ENSURE_REGISTERED(FullTcpDropInSocketFactory);

TypeId
FullTcpSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FullTcpSocketFactory")
                            .SetParent<SocketFactory>()
                            .SetGroupName("FullTcp")
                            .AddConstructor<FullTcpSocketFactory>();
    return tid;
}

void
FullTcpSocketFactory::SetProtocol(Ptr<FullTcpL4Protocol> protocol)
{
    m_protocol = protocol;
}

Ptr<Socket>
FullTcpSocketFactory::CreateSocket()
{
    if (!m_protocol)
    {
        NS_LOG_ERROR("FullTcpSocketFactory without a FullTcpL4Protocol");
        return nullptr;
    }
    return m_protocol->CreateSocket();
}

void
FullTcpSocketFactory::DoDispose()
{
    m_protocol = nullptr;
    SocketFactory::DoDispose();
}

TypeId
FullTcpDropInSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FullTcpDropInSocketFactory")
                            .SetParent<TcpSocketFactory>()
                            .SetGroupName("FullTcp")
                            .AddConstructor<FullTcpDropInSocketFactory>();
    return tid;
}

void
FullTcpDropInSocketFactory::SetProtocol(Ptr<FullTcpL4Protocol> protocol)
{
    m_protocol = protocol;
}

Ptr<Socket>
FullTcpDropInSocketFactory::CreateSocket()
{
    if (!m_protocol)
    {
        NS_LOG_ERROR("FullTcpDropInSocketFactory without a FullTcpL4Protocol");
        return nullptr;
    }
    return m_protocol->CreateSocket();
}

void
FullTcpDropInSocketFactory::DoDispose()
{
    m_protocol = nullptr;
    TcpSocketFactory::DoDispose();
}

} // namespace ns3
