/*
 * Node: ns-3's own congestion controls (any ns3::TcpCongestionOps) as FullTcp congestion plugs
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-ns3-congestion.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/tcp-socket-base.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpNs3Congestion");

namespace
{

/**
 * \brief The TcpRateOps an algorithm with CongControl holds (SetRateOps(), ns-3.45 on): a view
 * of FullTcp's delivery-rate estimator, which the adapter fills on every ACK. Transmissions
 * and deliveries are FullTcp's to record, so the hooks that would record them do nothing.
 */
class FullTcpNs3RateView : public TcpRateOps
{
  public:
    void
    SkbSent(TcpTxItem*, bool) override
    {
    }

    void
    SkbDelivered(TcpTxItem*) override
    {
    }

    void
    CalculateAppLimited(uint32_t,
                        uint32_t,
                        uint32_t,
                        const SequenceNumber32&,
                        const SequenceNumber32&,
                        const uint32_t,
                        const uint32_t) override
    {
    }

    const TcpRateSample&
    GenerateSample(uint32_t, uint32_t, bool, uint32_t, const Time&) override
    {
        return sample;
    }

    const TcpRateConnection&
    GetConnectionRate() override
    {
        return connection;
    }

#if FULLTCP_NS3_VERSION_MAJOR > 3 || FULLTCP_NS3_VERSION_MINOR >= 45
    void
    SetAppLimited(uint32_t inFlight) override
    {
        // As TcpRateLinux (Linux: tp->app_limited = (delivered + in flight) ? : 1), in the view
        // only: FullTcp's estimator marks app-limited flights itself.
        connection.m_appLimited =
            std::max<uint32_t>(static_cast<uint32_t>(connection.m_delivered) + inFlight, 1);
    }
#endif

    TcpRateSample sample;         //!< the rate sample of the last ACK
    TcpRateConnection connection; //!< the connection's delivery state after it
};

} // namespace

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
    m_name(tid.GetName()), m_ops(CreateAlgorithm(tid)), m_tcb(CreateObject<TcpSocketState>()),
    m_rateView(CreateObject<FullTcpNs3RateView>())
{
    m_congControl = m_ops && m_ops->HasCongControl();
#if FULLTCP_NS3_VERSION_MAJOR > 3 || FULLTCP_NS3_VERSION_MINOR >= 45
    if (m_ops)
    {
        m_ops->SetRateOps(m_rateView); // TcpSocketBase::SetCongestionControlAlgorithm()
    }
#endif
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

std::string
FullTcpNs3Congestion::Configure(const FullTcpConfig& config)
{
    // What TcpSocketBase copies into its TcpSocketState from its own attributes: the pacing
    // settings (an algorithm with CongControl caps its rate by m_maxPacingRate).
    m_tcb->m_pacing = config.pacing || m_congControl;
    m_tcb->m_pacingSsRatio = static_cast<uint16_t>(std::min<uint32_t>(config.pacingSsRatio, 65535));
    m_tcb->m_pacingCaRatio = static_cast<uint16_t>(std::min<uint32_t>(config.pacingCaRatio, 65535));
    const uint64_t most = std::numeric_limits<uint64_t>::max();
    m_tcb->m_maxPacingRate = DataRate(config.maxPacingRate == 0 || config.maxPacingRate > most / 8
                                          ? most
                                          : config.maxPacingRate * 8);
    m_tcb->m_pacingRate = m_tcb->m_maxPacingRate; // as TcpSocketBase's constructor
    return "";
}

bool
FullTcpNs3Congestion::SetsPacingRate() const
{
    return m_congControl;
}

void
FullTcpNs3Congestion::Sync(const FullTcpCongestionState& state, const FullTcpCongestionContext& ctx)
{
    m_tcb->m_segmentSize = ctx.smss;
    if (!m_congControl || !m_initialized)
    {
        m_tcb->m_cWnd = state.cwnd;
        m_tcb->m_ssThresh = state.ssthresh;
    }
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
        if (m_tcb->m_lastRtt.Get().IsZero() && !ctx.srtt.IsZero())
        {
            m_tcb->m_lastRtt = ctx.srtt; // the handshake's sample, as TcpSocketBase has it
        }
        m_ops->Init(m_tcb);
        // The connection is open: TcpSocketBase::ProcessSynSent / ProcessSynRcvd.
        m_ops->CongestionStateSet(m_tcb, TcpSocketState::CA_OPEN);
    }
}

void
FullTcpNs3Congestion::CopyBack(FullTcpCongestionState& state) const
{
    state.cwnd = m_tcb->m_cWnd;
    state.ssthresh = m_tcb->m_ssThresh;
    if (m_congControl)
    {
        // tcb->m_pacingRate in bits per second; the engine paces in bytes per second (at least
        // one, so that a rate the algorithm set is never taken for "none yet").
        const uint64_t bps = m_tcb->m_pacingRate.Get().GetBitRate();
        state.pacingRate = bps == 0 ? 0 : std::max<uint64_t>(bps / 8, 1);
    }
}

void
FullTcpNs3Congestion::CallCongControl(const FullTcpAckSample& sample,
                                      const FullTcpCongestionContext& ctx)
{
    auto& view = *StaticCast<FullTcpNs3RateView>(m_rateView);
    TcpRateOps::TcpRateSample& rs = view.sample;
    TcpRateOps::TcpRateConnection& rc = view.connection;
    const uint32_t ackedSacked = sample.acked + sample.sacked;
    rs = TcpRateOps::TcpRateSample();
    rs.m_ackedSacked = ackedSacked;
    // Bytes in flight before this ACK took its bytes out (TcpSocketBase's priorInFlight).
    rs.m_priorInFlight = ctx.bytesInFlight + ackedSacked;
    // FullTcp does not count bytes newly marked lost per ACK (Linux tp->lost): none.
    rs.m_bytesLoss = 0;
    if (sample.rate)
    {
        // tcp_rate_gen(): rate = delivered / interval (TcpRateLinux::GenerateSample()).
        const FullTcpRateSample& r = *sample.rate;
        rs.m_delivered = static_cast<int32_t>(r.delivered);
        rs.m_interval = r.interval;
        rs.m_isAppLimited = r.appLimited;
        rs.m_priorDelivered = r.priorDelivered;
        rs.m_priorTime = ctx.now;
        rs.m_deliveryRate = DataRate(static_cast<uint64_t>(r.BytesPerSecond() * 8));
    }
    else
    {
        rs.m_delivered = -1; // TcpRateLinux: no valid sample
    }
    rc.m_delivered = ctx.delivered;
    rc.m_deliveredTime = ctx.now;
    rc.m_txItemDelivered = rs.m_priorDelivered;
    rc.m_rateDelivered = rs.m_delivered;
    rc.m_rateInterval = rs.m_interval;
    rc.m_rateAppLimited = rs.m_isAppLimited;
    if (rc.m_appLimited != 0 && rc.m_delivered > rc.m_appLimited)
    {
        rc.m_appLimited = 0; // tcp_rate_gen(): "Clear app limited if bubble is acked and gone"
    }
    m_ops->CongControl(m_tcb, rc, rs);
}

void
FullTcpNs3Congestion::OnAckSample(FullTcpCongestionState& state,
                                  const FullTcpAckSample& sample,
                                  const FullTcpCongestionContext& ctx)
{
    if (sample.acked == 0 && !m_congControl)
    {
        return; // ns-3 calls PktsAcked only for an ACK of new data (TcpSocketBase::ProcessAck)
    }
    Sync(state, ctx);
    m_tcb->m_lastAckedSackedBytes = sample.acked + sample.sacked; // TcpSocketBase::ReceivedAck
    if (sample.rtt)
    {
        m_tcb->m_lastRtt = *sample.rtt;
    }
    if (sample.acked > 0)
    {
        const uint32_t segments = ctx.smss > 0 ? std::max(1U, sample.acked / ctx.smss) : 1;
        m_ops->PktsAcked(m_tcb, segments, m_tcb->m_lastRtt);
    }
    if (m_congControl)
    {
        // TcpSocketBase::ReceivedAck, after ProcessAck, for every ACK at or above SND.UNA.
        CallCongControl(sample, ctx);
    }
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
        // ReTxTimeout then sets cwnd to one segment, whatever the algorithm.
        m_tcb->m_cWnd = state.cwnd;
    }
    else if (to == FullTcpCaState::OPEN
             && (from == FullTcpCaState::RECOVERY || from == FullTcpCaState::CWR))
    {
        m_ops->CwndEvent(m_tcb, TcpSocketState::CA_EVENT_COMPLETE_CWR); // ExitRecovery
    }
    CopyBack(state);
}

void
FullTcpNs3Congestion::PreTransmit(FullTcpCongestionState& state,
                                  const FullTcpTransmission& segment,
                                  const FullTcpCongestionContext& ctx)
{
    if (segment.retransmission || ctx.bytesInFlight != 0)
    {
        return;
    }
    // TcpSocketBase::SendPendingData: new data leaves with nothing in flight.
    Sync(state, ctx);
    m_ops->CwndEvent(m_tcb, TcpSocketState::CA_EVENT_TX_START);
    CopyBack(state);
}

} // namespace ns3
