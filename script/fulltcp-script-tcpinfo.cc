/*
 * Script: TCP_INFO asserts of inline Python blocks: parse (==, !=, masks) and evaluate
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-tcpinfo.h"

#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

/// \param word a number or a TCPI_OPT_* name \param out its value \return whether known
bool
Number(const std::string& word, int64_t& out)
{
    // include/uapi/linux/tcp.h: the bits of tcpi_options.
    static const std::map<std::string, int64_t> names = {{"TCPI_OPT_TIMESTAMPS", 1},
                                                         {"TCPI_OPT_SACK", 2},
                                                         {"TCPI_OPT_WSCALE", 4},
                                                         {"TCPI_OPT_ECN", 8},
                                                         {"TCPI_OPT_ECN_SEEN", 16},
                                                         {"TCPI_OPT_SYN_DATA", 32},
                                                         {"TCPI_OPT_USEC_TS", 64}};
    const auto it = names.find(word);
    if (it != names.end())
    {
        out = it->second;
        return true;
    }
    char* end = nullptr;
    errno = 0;
    out = std::strtoll(word.c_str(), &end, 0);
    return !word.empty() && *end == '\0' && errno == 0;
}

FullTcpScriptExpr
Integer(int64_t v)
{
    FullTcpScriptExpr x;
    x.kind = FullTcpScriptExpr::INTEGER;
    x.number = v;
    return x;
}

/// The comparisons an assert may make, and their codes in a condition.
const std::map<std::string, int64_t>&
Ops()
{
    static const std::map<std::string, int64_t> ops = {
        {"==", 0}, {"!=", 1}, {"<", 2}, {"<=", 3}, {">", 4}, {">=", 5}};
    return ops;
}

/// \param mask the field's mask (-1: all) \param op a comparison \param value what it is
/// compared with \return the condition FullTcpScriptTcpInfoHolds() checks
FullTcpScriptExpr
Condition(int64_t mask, const std::string& op, int64_t value)
{
    FullTcpScriptExpr condition;
    condition.kind = FullTcpScriptExpr::STRUCT;
    condition.fields = {"mask", "op", "value"};
    condition.items = {Integer(mask), Integer(Ops().at(op)), Integer(value)};
    return condition;
}

} // namespace

bool
FullTcpScriptTcpInfoAsserts(const std::string& code, FullTcpScriptCall& call)
{
    FullTcpScriptExpr want;
    want.kind = FullTcpScriptExpr::STRUCT;
    std::istringstream in(code);
    for (std::string line; std::getline(in, line);)
    {
        // The words before the message; `(` `)` `&` stand apart.
        std::string spaced;
        for (char c : line.substr(0, line.find(',')))
        {
            spaced +=
                (c == '(' || c == ')' || c == '&') ? std::string(" ") + c + " " : std::string(1, c);
        }
        std::istringstream words(spaced);
        std::vector<std::string> w;
        for (std::string s; words >> s;)
        {
            w.push_back(s);
        }
        if (w.empty())
        {
            continue; // a blank line
        }
        // The fields getsockopt(TCP_INFO) knows (fulltcp-script-sockopts.cc); a block that
        // asks for another one is skipped whole.
        static const std::set<std::string> known = {"tcpi_state",
                                                    "tcpi_ca_state",
                                                    "tcpi_rto",
                                                    "tcpi_retransmits",
                                                    "tcpi_snd_mss",
                                                    "tcpi_rcv_mss",
                                                    "tcpi_snd_cwnd",
                                                    "tcpi_snd_ssthresh",
                                                    "tcpi_options",
                                                    "tcpi_rtt"};
        int64_t mask = -1;
        int64_t value = 0;
        std::string field;
        std::string op;
        // assert LOW OP tcpi_NAME OP HIGH (Python's chained comparison): two conditions.
        int64_t low = 0;
        static const std::map<std::string, std::string> mirror = {{"<=", ">="}, {"<", ">"}};
        if (w.size() == 6 && w[0] == "assert" && mirror.count(w[2]) != 0 && mirror.count(w[4]) != 0
            && known.count(w[3]) != 0 && Number(w[1], low) && Number(w[5], value))
        {
            want.fields.push_back(w[3]);
            want.items.push_back(Condition(-1, mirror.at(w[2]), low));
            want.fields.push_back(w[3]);
            want.items.push_back(Condition(-1, w[4], value));
            continue;
        }
        if (w.size() == 4 && w[0] == "assert")
        {
            field = w[1]; // assert tcpi_NAME OP N
            op = w[2];
            if (!Number(w[3], value))
            {
                return false;
            }
        }
        else if (w.size() == 8 && w[0] == "assert" && w[1] == "(" && w[3] == "&" && w[5] == ")")
        {
            field = w[2]; // assert ( tcpi_NAME & MASK ) OP N
            op = w[6];
            if (!Number(w[4], mask) || !Number(w[7], value))
            {
                return false;
            }
        }
        else
        {
            return false;
        }
        if (known.count(field) == 0 || Ops().count(op) == 0)
        {
            return false;
        }
        want.fields.push_back(field);
        if (op == "==" && mask == -1)
        {
            want.items.push_back(Integer(value));
            continue;
        }
        want.items.push_back(Condition(mask, op, value));
    }
    if (want.fields.empty())
    {
        return false;
    }
    auto symbol = [](const std::string& name)
    {
        FullTcpScriptExpr x;
        x.kind = FullTcpScriptExpr::SYMBOL;
        x.text = name;
        return x;
    };
    call.name = "getsockopt";
    call.args = {symbol(FullTcpScriptCall::SOCKET_UNDER_TEST),
                 symbol("SOL_TCP"),
                 symbol("TCP_INFO"),
                 want,
                 FullTcpScriptExpr()};
    call.result.kind = FullTcpScriptExpr::INTEGER;
    call.result.number = 0;
    return true;
}

std::optional<bool>
FullTcpScriptTcpInfoHolds(const FullTcpScriptExpr& want, int64_t actual)
{
    if (want.kind != FullTcpScriptExpr::STRUCT || want.items.size() != 3
        || want.fields != std::vector<std::string> {"mask", "op", "value"})
    {
        return std::nullopt;
    }
    const int64_t masked = actual & want.items[0].number;
    const int64_t value = want.items[2].number;
    switch (want.items[1].number)
    {
    case 0:
        return masked == value;
    case 1:
        return masked != value;
    case 2:
        return masked < value;
    case 3:
        return masked <= value;
    case 4:
        return masked > value;
    default:
        return masked >= value;
    }
}

} // namespace ns3
