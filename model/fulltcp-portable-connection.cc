/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-portable-connection.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpPortableConnection");

/// Forwards every output of the engine to the current owner.
class FullTcpPortableConnection::Relay : public FullTcpConnectionOutput
{
  public:
    /// \param owner the first owner
    explicit Relay(FullTcpConnectionOutput* owner) : m_owner(owner) {}

    /// \param owner the new owner
    void
    SetOwner(FullTcpConnectionOutput* owner)
    {
        m_owner = owner;
    }

    void
    SendSegment(const FullTcpSegmentOut& segment) override
    {
        m_owner->SendSegment(segment);
    }

    void
    ArmTimer(FullTcpTimer timer, Time delay) override
    {
        m_owner->ArmTimer(timer, delay);
    }

    void
    CancelTimer(FullTcpTimer timer) override
    {
        m_owner->CancelTimer(timer);
    }

    void
    NotifyApplication(FullTcpAppEvent event) override
    {
        m_owner->NotifyApplication(event);
    }

    void
    StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override
    {
        m_owner->StateChanged(from, to, cause);
    }

    void
    ConnectionRequest(const FullTcpConnectionRequest& request) override
    {
        m_owner->ConnectionRequest(request);
    }

    bool
    MayEstablish() override
    {
        return m_owner->MayEstablish();
    }

    void
    SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason) override
    {
        m_owner->SegmentDropped(header, reason);
    }

    void
    IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override
    {
        m_owner->IllegalTransition(from, to, cause);
    }

  private:
    FullTcpConnectionOutput* m_owner; //!< current owner
};

FullTcpPortableConnection::FullTcpPortableConnection() = default;

FullTcpPortableConnection::FullTcpPortableConnection(const FullTcpConfig& config,
                                                     FullTcpConnectionOutput* owner) :
    m_relay(std::make_unique<Relay>(owner)),
    m_connection(std::make_unique<FullTcpConnection>(config, *m_relay))
{
}

FullTcpPortableConnection::~FullTcpPortableConnection()
{
    // The engine refers to the relay: destroy it first.
    m_connection.reset();
    m_relay.reset();
}

FullTcpPortableConnection::FullTcpPortableConnection(FullTcpPortableConnection&&) noexcept =
    default;

FullTcpPortableConnection&
FullTcpPortableConnection::operator=(FullTcpPortableConnection&& other) noexcept
{
    if (this != &other)
    {
        m_connection.reset();
        m_relay = std::move(other.m_relay);
        m_connection = std::move(other.m_connection);
    }
    return *this;
}

FullTcpPortableConnection::operator bool() const
{
    return m_connection != nullptr;
}

FullTcpConnection*
FullTcpPortableConnection::operator->() const
{
    return m_connection.get();
}

FullTcpConnection*
FullTcpPortableConnection::Get() const
{
    return m_connection.get();
}

void
FullTcpPortableConnection::Retarget(FullTcpConnectionOutput* owner)
{
    if (m_relay)
    {
        m_relay->SetOwner(owner);
    }
}

} // namespace ns3
