/*
 * Example: command-line runner of a packetdrill-syntax script against FullTcp
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-script — run a packetdrill-syntax script against FullTcp (doc/scripts.rst).
 *
 *   ./fulltcp-script [--profile=rfc|linux] [--tolerance_usecs=N] [--verbose]
 *                    [--local_ip=A.B.C.D] [--remote_ip=A.B.C.D] [--defaults=FILE.sh]
 *                    [-D NAME=VALUE ...] SCRIPT.pkt
 *
 * -D NAME=VALUE (also -DNAME=VALUE, --define=NAME=VALUE) defines a symbol as packetdrill's -D
 * does: the word NAME in the script reads as VALUE.
 *
 * Exit status: 0 the script passed, 1 a mismatch (the first one is printed), 2 the script
 * (or the command line) could not be parsed.
 */
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/fulltcp-script-parser.h"
#include "ns3/fulltcp-script-runner.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

using namespace ns3;

namespace
{

/**
 * \brief Take packetdrill's defines out of the command line (ns-3's CommandLine knows only
 * --name=value): `-D NAME=VALUE`, `-DNAME=VALUE` and `--define=NAME=VALUE`.
 * \param argc in/out \param argv in/out: the other arguments, in order
 * \param defines out \return false on a define without '='
 */
bool
TakeDefines(int& argc, char* argv[], FullTcpScriptDefines& defines)
{
    int kept = 1;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        std::string definition;
        if (arg == "-D" && i + 1 < argc)
        {
            definition = argv[++i];
        }
        else if (arg.rfind("-D", 0) == 0 && arg.size() > 2)
        {
            definition = arg.substr(2);
        }
        else if (arg.rfind("--define=", 0) == 0)
        {
            definition = arg.substr(9);
        }
        else
        {
            argv[kept++] = argv[i];
            continue;
        }
        const size_t eq = definition.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            std::cerr << "bad definition '" << definition << "' (expected NAME=VALUE)\n";
            return false;
        }
        defines[definition.substr(0, eq)] = definition.substr(eq + 1);
    }
    argc = kept;
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    FullTcpScriptDefines defines;
    if (!TakeDefines(argc, argv, defines))
    {
        return 2;
    }
    std::string profile = "rfc";
    uint64_t toleranceUsecs = 4000; // packetdrill's default tolerance
    bool verbose = false;
    std::string localIp = "192.168.0.1"; // packetdrill's default addresses
    std::string remoteIp = "192.0.2.1";
    std::string defaults;
    std::string path;
    CommandLine cmd(__FILE__);
    cmd.Usage("Run a packetdrill-syntax script against FullTcp. Exit 0: pass, 1: mismatch, "
              "2: the script cannot be parsed.");
    cmd.AddValue("profile", "defaults: rfc (FullTcp's RFC values) or linux (Linux 6.x)", profile);
    cmd.AddValue("tolerance_usecs", "timing tolerance in microseconds", toleranceUsecs);
    cmd.AddValue("verbose", "print every event and every segment FullTcp sends", verbose);
    cmd.AddValue("local_ip", "IPv4 address of FullTcp (the node under test)", localIp);
    cmd.AddValue("remote_ip", "IPv4 address of the script side", remoteIp);
    cmd.AddValue("defaults",
                 "a shell file whose sysctl lines run before the script (as a backtick "
                 "command naming it would)",
                 defaults);
    cmd.AddNonOption("script", "the script (.pkt)", path);
    cmd.Parse(argc, argv);

    FullTcpScriptRunner::Options options;
    options.profile = profile;
    options.tolerance = MicroSeconds(toleranceUsecs);
    options.verbose = verbose;
    options.localIp = Ipv4Address(localIp.c_str());
    options.remoteIp = Ipv4Address(remoteIp.c_str());
    if (!defaults.empty())
    {
        if (!std::ifstream(defaults))
        {
            std::cerr << "cannot read " << defaults << "\n";
            return 2;
        }
        options.commands.push_back(defaults); // the runner takes the file's sysctl lines
    }
    if (path.empty() || (profile != "rfc" && profile != "linux"))
    {
        std::cerr << "usage: fulltcp-script [--profile=rfc|linux] [--tolerance_usecs=N] "
                     "[--verbose] [--local_ip=IP] [--remote_ip=IP] [-D NAME=VALUE] SCRIPT.pkt\n";
        return 2;
    }

    FullTcpScript script;
    try
    {
        script = FullTcpScriptParseFile(path, defines);
    }
    catch (const FullTcpScriptSyntaxError& e)
    {
        std::cerr << path << ":" << e.GetLine() << ": parse error: " << e.what() << "\n";
        return 2;
    }
    // Options in the script override the command line, as in packetdrill.
    for (const auto& [name, value] : script.options)
    {
        if (name == "tolerance_usecs")
        {
            options.tolerance = MicroSeconds(std::strtoull(value.c_str(), nullptr, 10));
        }
        else
        {
            std::cout << path << ": note: option --" << name << " ignored\n";
        }
    }
    for (uint32_t line : script.skippedLines)
    {
        std::cout << path << ":" << line << ": note: %{ python }% block not evaluated\n";
    }

    FullTcpScriptRunner runner(script, options);
    if (!runner.Run())
    {
        std::cerr << runner.GetMessage() << "\n";
        std::cout << "FAIL " << path << "\n";
        return 1;
    }
    std::cout << "PASS " << path << "\n";
    return 0;
}
