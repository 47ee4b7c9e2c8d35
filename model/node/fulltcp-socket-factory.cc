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

template<class Base>
void
FullTcpSocketFactoryOf<Base>::SetProtocol(Ptr<FullTcpL4Protocol> protocol)
{
    m_protocol = protocol;
}

template<class Base>
Ptr<Socket>
FullTcpSocketFactoryOf<Base>::CreateSocket()
{
    if (!m_protocol)
    {
        NS_LOG_ERROR(this->GetInstanceTypeId().GetName() << " without a FullTcpL4Protocol");
        return nullptr;
    }
    return m_protocol->CreateSocket();
}

template<class Base>
void
FullTcpSocketFactoryOf<Base>::DoDispose()
{
    m_protocol = nullptr;
    Base::DoDispose();
}

template<class Base>
template<class Factory>
TypeId
FullTcpSocketFactoryOf<Base>::MakeTypeId(const char* name)
{
    return TypeId(name)
        .SetParent<Base>()
        .SetGroupName("FullTcp")
        .template AddConstructor<Factory>();
}

template class FullTcpSocketFactoryOf<SocketFactory>;
template class FullTcpSocketFactoryOf<TcpSocketFactory>;

TypeId
FullTcpSocketFactory::GetTypeId()
{
    static TypeId tid = MakeTypeId<FullTcpSocketFactory>("ns3::FullTcpSocketFactory");
    return tid;
}

TypeId
FullTcpDropInSocketFactory::GetTypeId()
{
    static TypeId tid = MakeTypeId<FullTcpDropInSocketFactory>("ns3::FullTcpDropInSocketFactory");
    return tid;
}

} // namespace ns3
