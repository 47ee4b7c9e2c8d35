/*
 * Engine: names and printers of timer slots, application events and drop reasons
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-connection-output.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpConnectionOutput");

const char*
FullTcpAppEventName(FullTcpAppEvent e)
{
    switch (e)
    {
    case FullTcpAppEvent::CONNECTED:
        return "CONNECTED";
    case FullTcpAppEvent::CONNECT_REFUSED:
        return "CONNECT_REFUSED";
    case FullTcpAppEvent::CONNECT_TIMED_OUT:
        return "CONNECT_TIMED_OUT";
    case FullTcpAppEvent::CONNECT_UNREACHABLE:
        return "CONNECT_UNREACHABLE";
    case FullTcpAppEvent::DATA_ARRIVED:
        return "DATA_ARRIVED";
    case FullTcpAppEvent::SEND_SPACE:
        return "SEND_SPACE";
    case FullTcpAppEvent::PEER_CLOSED:
        return "PEER_CLOSED";
    case FullTcpAppEvent::CLOSED:
        return "CLOSED";
    case FullTcpAppEvent::RESET:
        return "RESET";
    case FullTcpAppEvent::TIMED_OUT:
        return "TIMED_OUT";
    case FullTcpAppEvent::UNREACHABLE:
        return "UNREACHABLE";
    }
    return "INVALID_EVENT";
}

const char*
FullTcpDropReasonName(FullTcpDropReason r)
{
    switch (r)
    {
    case FullTcpDropReason::SEQ_NOT_ACCEPTABLE:
        return "SEQ_NOT_ACCEPTABLE";
    case FullTcpDropReason::CONNECTION_CLOSED:
        return "CONNECTION_CLOSED";
    case FullTcpDropReason::RST_IN_LISTEN:
        return "RST_IN_LISTEN";
    case FullTcpDropReason::ACK_IN_LISTEN:
        return "ACK_IN_LISTEN";
    case FullTcpDropReason::SYN_FIN_IN_LISTEN:
        return "SYN_FIN_IN_LISTEN";
    case FullTcpDropReason::NO_SYN_NO_RST:
        return "NO_SYN_NO_RST";
    case FullTcpDropReason::ACK_UNACCEPTABLE:
        return "ACK_UNACCEPTABLE";
    case FullTcpDropReason::RST_UNACCEPTABLE:
        return "RST_UNACCEPTABLE";
    case FullTcpDropReason::RST_NOT_EXACT:
        return "RST_NOT_EXACT";
    case FullTcpDropReason::RST_IGNORED_RFC1337:
        return "RST_IGNORED_RFC1337";
    case FullTcpDropReason::SYN_IN_SYNCHRONIZED:
        return "SYN_IN_SYNCHRONIZED";
    case FullTcpDropReason::DUPLICATE_SYN:
        return "DUPLICATE_SYN";
    case FullTcpDropReason::OLD_SYN_IN_TIME_WAIT:
        return "OLD_SYN_IN_TIME_WAIT";
    case FullTcpDropReason::NO_LISTENER_FOR_SYN:
        return "NO_LISTENER_FOR_SYN";
    case FullTcpDropReason::NO_ACK:
        return "NO_ACK";
    case FullTcpDropReason::ACK_OF_UNSENT_DATA:
        return "ACK_OF_UNSENT_DATA";
    case FullTcpDropReason::ACK_TOO_OLD:
        return "ACK_TOO_OLD";
    case FullTcpDropReason::TEXT_AFTER_FIN:
        return "TEXT_AFTER_FIN";
    case FullTcpDropReason::DATA_AFTER_CLOSE:
        return "DATA_AFTER_CLOSE";
    case FullTcpDropReason::SYN_TEXT:
        return "SYN_TEXT";
    case FullTcpDropReason::PAWS_REJECTED:
        return "PAWS_REJECTED";
    case FullTcpDropReason::ACCEPT_QUEUE_FULL:
        return "ACCEPT_QUEUE_FULL";
    case FullTcpDropReason::MD5_UNEXPECTED:
        return "MD5_UNEXPECTED";
    }
    return "INVALID_REASON";
}

std::ostream&
operator<<(std::ostream& os, FullTcpAppEvent e)
{
    return os << FullTcpAppEventName(e);
}

std::ostream&
operator<<(std::ostream& os, FullTcpDropReason r)
{
    return os << FullTcpDropReasonName(r);
}

} // namespace ns3
