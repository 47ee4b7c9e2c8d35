/*
 * Node: ns-3's own congestion controls (any ns3::TcpCongestionOps) as FullTcp congestion plugs
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-ns3-congestion.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/tcp-socket-base.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpNs3Congestion");

TcpSocketState::TcpCongState_t
FullTcpNs3CongState(FullTcpCaState s)
{
    switch (s)
    {
    case FullTcpCaState::OPEN:
        return TcpSocketState::CA_OPEN;
    case FullTcpCaState::DISORDER:
        return TcpSocketState::CA_DISORDER;
    case FullTcpCaState::CWR:
        return TcpSocketState::CA_CWR;
    case FullTcpCaState::RECOVERY:
        return TcpSocketState::CA_RECOVERY;
    case FullTcpCaState::LOSS:
        return TcpSocketState::CA_LOSS;
    }
    return TcpSocketState::CA_OPEN;
}

FullTcpNs3Congestion::FullTcpNs3Congestion(TypeId tid) :
    m_name(tid.GetName()), m_ops(CreateAlgorithm(tid)), m_tcb(CreateObject<TcpSocketState>())
{
}

Ptr<TcpCongestionOps>
FullTcpNs3Congestion::CreateAlgorithm(TypeId tid)
{
    // TcpSocketBase as a parent: ns-3.37's TcpCubic declares it (SetParent<TcpSocketBase>),
    // though the class derives from TcpCongestionOps; the cast below decides. Other TypeIds
    // are never created (a Node, say, would join the NodeList).
    if (!tid.HasConstructor()
        || (!tid.IsChildOf(TcpCongestionOps::GetTypeId())
            && !tid.IsChildOf(TcpSocketBase::GetTypeId())))
    {
        return nullptr;
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return DynamicCast<TcpCongestionOps>(factory.Create());
}

std::vector<std::string>
FullTcpNs3Congestion::Ns3AlgorithmNames()
{
    std::vector<std::string> names;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        if (tid != TcpCongestionOps::GetTypeId() && CreateAlgorithm(tid))
        {
            names.push_back(tid.GetName());
        }
    }
    return names;
}

bool
FullTcpNs3Congestion::Register(const std::string& name, std::string& registered, std::string& error)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(name, &tid)
        && !TypeId::LookupByNameFailSafe("ns3::" + name, &tid))
    {
        error = "no ns-3 TypeId is called \"" + name + "\"";
        return false;
    }
    Ptr<TcpCongestionOps> ops = CreateAlgorithm(tid);
    if (!ops)
    {
        error = "\"" + name + "\" is not an ns3::TcpCongestionOps that can be created";
        return false;
    }
    if (ops->HasCongControl())
    {
        error = "\"" + name + "\" sets cwnd from delivery-rate samples itself (CongControl), "
              + "which needs ns-3's TcpRateOps and pacing: FullTcp cannot drive it";
        return false;
    }
    registered = name;
    FullTcpCongestionControlFactory::Register(name,
                                              [tid]()
                                              {
                                                  return std::make_unique<FullTcpNs3Congestion>(
                                                      tid);
                                              });
    return true;
}

std::string
FullTcpNs3Congestion::GetName() const
{
    return m_name;
}

void
FullTcpNs3Congestion::Sync(const FullTcpCongestionState& state, const FullTcpCongestionContext& ctx)
{
    m_tcb->m_segmentSize = ctx.smss;
    m_tcb->m_cWnd = state.cwnd;
    m_tcb->m_ssThresh = state.ssthresh;
    m_tcb->m_bytesInFlight = ctx.bytesInFlight;
    m_tcb->m_congState = FullTcpNs3CongState(ctx.caState);
    if (!ctx.minRtt.IsZero())
    {
        m_tcb->m_minRtt = ctx.minRtt;
    }
#if FULLTCP_NS3_VERSION_MAJOR > 3 || FULLTCP_NS3_VERSION_MINOR >= 43
    m_tcb->m_srtt = ctx.srtt;
#endif
    // SND.UNA and SND.NXT (stream offsets; ns-3 compares them modulo 2^32 as sequence
    // numbers): some algorithms, DCTCP's among them, end a round when SND.UNA passes the
    // SND.NXT they noted.
    m_tcb->m_lastAckedSeq = SequenceNumber32(static_cast<uint32_t>(ctx.sndUna));
    m_tcb->m_nextTxSequence = SequenceNumber32(static_cast<uint32_t>(ctx.sndNxt));
    m_tcb->m_highTxMark = SequenceNumber32(static_cast<uint32_t>(ctx.sndNxt));
    if (!m_initialized)
    {
        // TcpSocketBase calls Init() once the connection is open, with the initial window set.
        m_initialized = true;
        m_tcb->m_initialCWnd = ctx.smss > 0 ? state.cwnd / ctx.smss : 0;
        m_tcb->m_initialSsThresh = state.ssthresh;
        m_ops->Init(m_tcb);
    }
}

void
FullTcpNs3Congestion::CopyBack(FullTcpCongestionState& state) const
{
    state.cwnd = m_tcb->m_cWnd;
    state.ssthresh = m_tcb->m_ssThresh;
}

void
FullTcpNs3Congestion::OnAckSample(FullTcpCongestionState& state,
                                  const FullTcpAckSample& sample,
                                  const FullTcpCongestionContext& ctx)
{
    if (sample.acked == 0)
    {
        return; // ns-3 calls PktsAcked only for an ACK of new data (TcpSocketBase::ProcessAck)
    }
    Sync(state, ctx);
    if (sample.rtt)
    {
        m_tcb->m_lastRtt = *sample.rtt;
    }
    const uint32_t segments = ctx.smss > 0 ? std::max(1U, sample.acked / ctx.smss) : 1;
    m_ops->PktsAcked(m_tcb, segments, m_tcb->m_lastRtt);
    CopyBack(state);
}

void
FullTcpNs3Congestion::OnAck(FullTcpCongestionState& state,
                            uint32_t acked,
                            const FullTcpCongestionContext& ctx)
{
    Sync(state, ctx);
    // TcpSocketBase counts whole segments and carries the rest (m_bytesAckedNotProcessed).
    m_bytesNotCounted += acked;
    const uint32_t segments = ctx.smss > 0 ? m_bytesNotCounted / ctx.smss : 0;
    m_bytesNotCounted -= segments * ctx.smss;
#if FULLTCP_NS3_VERSION_MAJOR > 3 || FULLTCP_NS3_VERSION_MINOR >= 42
    // Since 3.42 ns-3's algorithms grow cwnd only while it limits the sender
    // (TcpSocketBase::SendDataPacket: cwnd < bytes in flight + one segment). The engine calls
    // OnAck after the ACK took its bytes out of flight, so they count as still in flight here.
    m_tcb->m_isCwndLimited = state.cwnd < ctx.bytesInFlight + acked + ctx.smss;
#endif
    if (segments > 0)
    {
        m_ops->IncreaseWindow(m_tcb, segments);
    }
    CopyBack(state);
}

uint32_t
FullTcpNs3Congestion::SsThreshAfterLoss(const FullTcpCongestionState& state,
                                        const FullTcpCongestionContext& ctx)
{
    Sync(state, ctx);
    return m_ops->GetSsThresh(m_tcb, ctx.bytesInFlight);
}

void
FullTcpNs3Congestion::OnStateChange(FullTcpCongestionState& state,
                                    FullTcpCaState from,
                                    FullTcpCaState to,
                                    const FullTcpCongestionContext& ctx)
{
    Sync(state, ctx);
    m_ops->CongestionStateSet(m_tcb, FullTcpNs3CongState(to));
    if (to == FullTcpCaState::LOSS)
    {
        m_ops->CwndEvent(m_tcb, TcpSocketState::CA_EVENT_LOSS); // TcpSocketBase::ReTxTimeout
    }
    else if (to == FullTcpCaState::OPEN
             && (from == FullTcpCaState::RECOVERY || from == FullTcpCaState::CWR))
    {
        m_ops->CwndEvent(m_tcb, TcpSocketState::CA_EVENT_COMPLETE_CWR); // ExitRecovery
    }
    CopyBack(state);
}

} // namespace ns3
