/*
 * Glue: FullTcpLossEvent, what a connection's loss recovery did (the protocol's LossEvent trace)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LOSS_EVENT_H
#define FULLTCP_LOSS_EVENT_H

#include "ns3/fulltcp-undo.h"
#include "ns3/sequence-number.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief One loss-recovery event of a connection, as the node's FullTcpL4Protocol reports it
 * (trace source "LossEvent"; the FullTcpMib counts them): what the per-socket traces
 * TailLossProbe, RackLost and Undo report, in one place for every connection of the node,
 * so that a drawing can mark them without following each socket.
 */
struct FullTcpLossEvent
{
    /// What happened.
    enum class Kind : uint8_t
    {
        TAIL_LOSS_PROBE, //!< a Tail Loss Probe left (RFC 8985 §7.3): [start, end), newData
        RACK_LOST,       //!< RACK marked [start, end) lost (RFC 8985 §6.2 step 5)
        UNDO,            //!< a spurious reduction was undone (undo; [start, end) = SND.UNA..NXT)
    };
    Kind kind {Kind::RACK_LOST}; //!< what happened
    SequenceNumber32 start;      //!< first sequence number concerned (wire value)
    SequenceNumber32 end;        //!< sequence number just past them
    bool newData {false};        //!< TAIL_LOSS_PROBE: new data rather than a retransmission
    FullTcpUndoKind undo {FullTcpUndoKind::FULL}; //!< UNDO: which (Linux tcp_try_undo_*())
};

} // namespace ns3

#endif /* FULLTCP_LOSS_EVENT_H */
