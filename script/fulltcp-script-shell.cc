/*
 * Script: the sysctl commands that a backtick shell command runs (defaults.sh files)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-shell.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace ns3
{

std::vector<std::string>
FullTcpScriptShellCommands(const std::string& command)
{
    std::vector<std::string> out;
    std::istringstream lines(command);
    for (std::string line; std::getline(lines, line);)
    {
        // A backslash at the end of a line continues the command on the next (the suite
        // writes `set_sysctls.py A=1 \` and B=2 on the line below).
        for (std::string next; !line.empty() && line.back() == '\\' && std::getline(lines, next);)
        {
            line.back() = ' ';
            line += next;
        }
        // A word that starts with # starts a shell comment (`sysctl -q X=1  # on`).
        for (size_t at = line.find('#'); at != std::string::npos; at = line.find('#', at + 1))
        {
            if (at == 0 || std::isspace(static_cast<unsigned char>(line[at - 1])))
            {
                line.erase(at);
                break;
            }
        }
        std::istringstream words(line);
        std::string first;
        if (!(words >> first))
        {
            continue;
        }
        if (first.size() >= 14 && first.compare(first.size() - 14, 14, "set_sysctls.py") == 0)
        {
            // set_sysctls.py writes VALUE into /proc/sys/net/ipv4/NAME (and a restore file).
            std::string sysctl = "sysctl -q";
            for (std::string w; words >> w;)
            {
                const std::string proc = "/proc/sys/";
                std::string name = w.rfind(proc, 0) == 0 ? w.substr(proc.size()) : w;
                for (char& c : name)
                {
                    c = c == '/' ? '.' : c;
                    if (c == '=')
                    {
                        break;
                    }
                }
                sysctl += " " + name;
            }
            out.push_back(sysctl);
            continue;
        }
        std::ifstream file(first);
        // A program (an ELF binary such as /bin/dd or /bin/rm) is a command of its own, for
        // FullTcpScriptSyscalls::Command() to apply or ignore.
        static const std::string elf = {'\x7f', 'E', 'L', 'F'};
        std::string magic(4, '\0');
        const bool program = file && file.read(&magic[0], 4) && magic == elf;
        file.clear();
        file.seekg(0);
        if (first == "sysctl" || !file || program)
        {
            out.push_back(line);
            continue;
        }
        // A shell file (defaults.sh): its sysctl commands; the rest (ip, tc) is not TCP's.
        for (std::string fileLine; std::getline(file, fileLine);)
        {
            const size_t start = fileLine.find_first_not_of(" \t");
            if (start != std::string::npos && fileLine.compare(start, 7, "sysctl ") == 0)
            {
                out.push_back(fileLine.substr(start));
            }
        }
    }
    return out;
}

} // namespace ns3
