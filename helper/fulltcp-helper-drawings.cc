/*
 * Helper: FullTcpHelper::EnableLadder/EnableTimeSequence through one shared trace recorder
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpHelper's drawings: EnableLadder and EnableTimeSequence hook one
 * FullTcpTraceRecorder to the protocol traces of the helper's nodes and write its files
 * when the simulation is destroyed (or on WriteDrawings()).
 */
#include "fulltcp-helper.h"

#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpHelperDrawings");

namespace
{

/// Write what one Enable call asked for (at Simulator::Destroy or on request).
void
WriteDrawing(Ptr<FullTcpTraceRecorder> recorder, std::string prefix, bool ladder)
{
    const std::vector<std::string> files =
        ladder ? recorder->WriteLadders(prefix) : recorder->WriteTimeSequences(prefix);
    NS_LOG_INFO((ladder ? "ladders" : "time-sequence graphs") << " written: " << files.size());
}

} // namespace

Ptr<FullTcpTraceRecorder>
FullTcpHelper::GetTraceRecorder() const
{
    if (!m_recorder)
    {
        m_recorder = CreateObject<FullTcpTraceRecorder>();
    }
    // Hook the nodes installed since the last call: one recorder sees every connection of
    // every node of this helper, those that exist now and those created later (the
    // protocol's traces cover children forked by listeners and TIME_WAIT records).
    for (auto i = m_installed.Begin(); i != m_installed.End(); ++i)
    {
        if (!m_recordedNodes.insert((*i)->GetId()).second)
        {
            continue;
        }
        Ptr<FullTcpL4Protocol> tcp = (*i)->GetObject<FullTcpL4Protocol>();
        tcp->TraceConnectWithoutContext(
            "SegmentSent", MakeCallback(&FullTcpTraceRecorder::OnSegmentSent, m_recorder));
        tcp->TraceConnectWithoutContext(
            "SegmentReceived", MakeCallback(&FullTcpTraceRecorder::OnSegmentReceived, m_recorder));
        tcp->TraceConnectWithoutContext(
            "StateChange", MakeCallback(&FullTcpTraceRecorder::OnStateChange, m_recorder));
        tcp->TraceConnectWithoutContext(
            "LossEvent", MakeCallback(&FullTcpTraceRecorder::OnLossEvent, m_recorder));
    }
    return m_recorder;
}

void
FullTcpHelper::SetTraceRecorderAttribute(const std::string& name, const AttributeValue& value) const
{
    GetTraceRecorder()->SetAttribute(name, value);
}

Ptr<FullTcpTraceRecorder>
FullTcpHelper::EnableLadder(std::string prefix) const
{
    return EnableDrawing(prefix, true);
}

Ptr<FullTcpTraceRecorder>
FullTcpHelper::EnableTimeSequence(std::string prefix) const
{
    return EnableDrawing(prefix, false);
}

Ptr<FullTcpTraceRecorder>
FullTcpHelper::EnableDrawing(const std::string& prefix, bool ladder) const
{
    NS_ABORT_MSG_IF(m_installed.GetN() == 0,
                    "FullTcpHelper::" << (ladder ? "EnableLadder" : "EnableTimeSequence")
                                      << ": call it after Install()");
    Ptr<FullTcpTraceRecorder> recorder = GetTraceRecorder();
    m_drawings.emplace_back(prefix, ladder);
    Simulator::ScheduleDestroy(&WriteDrawing, recorder, prefix, ladder);
    return recorder;
}

void
FullTcpHelper::WriteDrawings() const
{
    for (const auto& [prefix, ladder] : m_drawings)
    {
        WriteDrawing(GetTraceRecorder(), prefix, ladder);
    }
}

} // namespace ns3
