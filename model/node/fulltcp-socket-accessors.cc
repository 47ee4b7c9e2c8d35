/*
 * Node: FullTcpSocket's attribute accessors: the twelve of ns3::TcpSocket, and the listen queues
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-ns3-congestion.h"
#include "fulltcp-socket.h"

#include "ns3/fulltcp-cubic.h"
#include "ns3/fulltcp-loss-recovery.h"
#include "ns3/simulator.h"

#include <iostream>

namespace ns3
{

// ---------------------------------------------------- ns3::TcpSocket attribute accessors

void
FullTcpSocket::SetSndBufSize(uint32_t size)
{
    m_sndBufSize = size;
    OptionsChanged();
}

uint32_t
FullTcpSocket::GetSndBufSize() const
{
    return m_sndBufSize;
}

void
FullTcpSocket::SetRcvBufSize(uint32_t size)
{
    m_rcvBufSize = size;
}

uint32_t
FullTcpSocket::GetRcvBufSize() const
{
    return m_rcvBufSize;
}

void
FullTcpSocket::SetSegSize(uint32_t size)
{
    m_segmentSize = size;
}

uint32_t
FullTcpSocket::GetSegSize() const
{
    return m_segmentSize;
}

void
FullTcpSocket::SetInitialSSThresh(uint32_t threshold)
{
    m_initialSsThresh = threshold;
}

uint32_t
FullTcpSocket::GetInitialSSThresh() const
{
    return m_initialSsThresh;
}

void
FullTcpSocket::SetInitialCwnd(uint32_t cwnd)
{
    m_initialCwnd = cwnd;
}

uint32_t
FullTcpSocket::GetInitialCwnd() const
{
    return m_initialCwnd;
}

void
FullTcpSocket::SetConnTimeout(Time timeout)
{
    m_connTimeout = timeout;
}

Time
FullTcpSocket::GetConnTimeout() const
{
    return m_connTimeout;
}

void
FullTcpSocket::SetSynRetries(uint32_t count)
{
    m_synRetries = count;
}

uint32_t
FullTcpSocket::GetSynRetries() const
{
    return m_synRetries;
}

void
FullTcpSocket::SetDataRetries(uint32_t retries)
{
    m_dataRetries = retries;
}

uint32_t
FullTcpSocket::GetDataRetries() const
{
    return m_dataRetries;
}

void
FullTcpSocket::SetDelAckTimeout(Time timeout)
{
    m_delAckTimeout = timeout;
}

Time
FullTcpSocket::GetDelAckTimeout() const
{
    return m_delAckTimeout;
}

void
FullTcpSocket::SetDelAckMaxCount(uint32_t count)
{
    m_delAckMaxCount = count;
}

uint32_t
FullTcpSocket::GetDelAckMaxCount() const
{
    return m_delAckMaxCount;
}

void
FullTcpSocket::SetTcpNoDelay(bool noDelay)
{
    m_noDelay = noDelay;
    // Not through OptionsChanged(): setting it on again pushes too (__tcp_sock_set_nodelay()).
    if (m_role == Role::CONNECTION && ConnectionLive())
    {
        EngineCall call(this);
        m_engine->SetNoDelay(noDelay, Simulator::Now());
    }
}

bool
FullTcpSocket::GetTcpNoDelay() const
{
    return m_noDelay;
}

void
FullTcpSocket::SetPersistTimeout(Time timeout)
{
    m_persistTimeout = timeout;
}

Time
FullTcpSocket::GetPersistTimeout() const
{
    return m_persistTimeout;
}

// ---------------------------------------------------------------- algorithm attributes

namespace
{

/**
 * \brief Set an algorithm attribute to a registered name.
 *
 * An unknown name is a configuration error, never a silent substitute: the setter refuses
 * it (ns-3's SetAttribute then stops the program, SetAttributeFailSafe returns false) and
 * says which names exist, since ns-3's own message names only the attribute.
 * \tparam Registry the algorithms' registry
 * \param kind what the name names \param name the name \param field the attribute's field
 * \return whether the name was taken
 */
template<class Registry>
bool
SetAlgorithmName(const std::string& kind, const std::string& name, std::string& field)
{
    if (!Registry::Has(name))
    {
        std::cerr << "FullTcpSocket: " << Registry::UnknownNameError(kind, name) << std::endl;
        return false;
    }
    field = name;
    return true;
}

} // namespace

bool
FullTcpSocket::SetCongestionControl(const std::string& name)
{
    if (!FullTcpCongestionControlFactory::Has(name))
    {
        // Not a native algorithm: one of ns-3's TcpCongestionOps, driven by the adapter.
        std::string registered;
        std::string error;
        if (!FullTcpNs3Congestion::Register(name, registered, error))
        {
            std::cerr << "FullTcpSocket: "
                      << FullTcpCongestionControlFactory::UnknownNameError("congestion control",
                                                                           name)
                      << "; nor ns-3's: " << error << std::endl;
            return false;
        }
    }
    return SetAlgorithmName<FullTcpCongestionControlFactory>(
        "congestion control", name, m_congestionControl);
}

std::string
FullTcpSocket::GetCongestionControl() const
{
    return m_congestionControl;
}

bool
FullTcpSocket::SetRecovery(const std::string& name)
{
    return SetAlgorithmName<FullTcpLossRecoveryFactory>("loss recovery", name, m_recovery);
}

std::string
FullTcpSocket::GetRecovery() const
{
    return m_recovery;
}

namespace
{
/// An attribute that is either the RFC's behaviour or Linux's, by name.
/// \param attribute its name \param rfc the RFC choice's name \param name the name given
/// \param isLinux set to whether the name is "Linux" \return whether the name is known
bool
SetRfcOrLinux(const char* attribute, const char* rfc, const std::string& name, bool& isLinux)
{
    if (name != rfc && name != "Linux")
    {
        std::cerr << "FullTcpSocket: unknown " << attribute << " \"" << name << "\" (known: " << rfc
                  << ", Linux)" << std::endl;
        return false;
    }
    isLinux = name == "Linux";
    return true;
}
} // namespace

bool
FullTcpSocket::SetReceiveWindow(const std::string& name)
{
    return SetRfcOrLinux("ReceiveWindow", "Rfc", name, m_linuxReceiveWindow);
}

std::string
FullTcpSocket::GetReceiveWindow() const
{
    return m_linuxReceiveWindow ? "Linux" : "Rfc";
}

bool
FullTcpSocket::SetRtoEstimator(const std::string& name)
{
    return SetRfcOrLinux("RtoEstimator", "Rfc6298", name, m_linuxRtoEstimator);
}

std::string
FullTcpSocket::GetRtoEstimator() const
{
    return m_linuxRtoEstimator ? "Linux" : "Rfc6298";
}

bool
FullTcpSocket::SetGiveUp(const std::string& name)
{
    return SetRfcOrLinux("GiveUp", "Rfc9293", name, m_linuxGiveUp);
}

std::string
FullTcpSocket::GetGiveUp() const
{
    return m_linuxGiveUp ? "Linux" : "Rfc9293";
}

bool
FullTcpSocket::SetPrrVariant(const std::string& name)
{
    if (!FullTcpPrr::VariantFromName(name))
    {
        std::cerr << "FullTcpSocket: unknown PrrVariant \"" << name << "\"" << std::endl;
        return false;
    }
    m_prrVariant = name;
    return true;
}

std::string
FullTcpSocket::GetPrrVariant() const
{
    return m_prrVariant;
}

bool
FullTcpSocket::SetCubicHystart(const std::string& name)
{
    if (!FullTcpCubic::HystartFromName(name))
    {
        std::cerr << "FullTcpSocket: " << FullTcpCubic::UnknownHystartError(name) << std::endl;
        return false;
    }
    m_cubicHystart = name;
    return true;
}

std::string
FullTcpSocket::GetCubicHystart() const
{
    return m_cubicHystart;
}

bool
FullTcpSocket::SetEcn(const std::string& name)
{
    const std::optional<FullTcpEcnMode> mode = FullTcpEcnModeFromName(name);
    if (!mode)
    {
        std::cerr << "FullTcpSocket: unknown Ecn \"" << name << "\" (known: Off, On, Passive)"
                  << std::endl;
        return false;
    }
    m_ecn = *mode;
    return true;
}

std::string
FullTcpSocket::GetEcn() const
{
    return FullTcpEcnModeName(m_ecn);
}

// ------------------------------------------------------------------ backlog attributes

void
FullTcpSocket::SetSynQueueLimit(uint32_t limit)
{
    m_backlog.Configure(limit, m_backlog.GetAcceptQueueLimit(), m_backlog.GetSynCookies());
}

uint32_t
FullTcpSocket::GetSynQueueLimit() const
{
    return m_backlog.GetSynQueueLimit();
}

void
FullTcpSocket::SetAcceptQueueLimit(uint32_t limit)
{
    m_backlog.Configure(m_backlog.GetSynQueueLimit(), limit, m_backlog.GetSynCookies());
}

uint32_t
FullTcpSocket::GetAcceptQueueLimit() const
{
    return m_backlog.GetAcceptQueueLimit();
}

void
FullTcpSocket::SetSynCookies(bool on)
{
    m_backlog.Configure(m_backlog.GetSynQueueLimit(), m_backlog.GetAcceptQueueLimit(), on);
}

bool
FullTcpSocket::GetSynCookies() const
{
    return m_backlog.GetSynCookies();
}

} // namespace ns3
