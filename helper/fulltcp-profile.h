/*
 * Helper: FullTcpProfile presets, RFC values or Linux 6.x defaults as socket attributes
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PROFILE_H
#define FULLTCP_PROFILE_H

#include <string>

namespace ns3
{

class FullTcpHelper;
class FullTcpInternetStackHelper;

/**
 * \ingroup fulltcp
 * \brief Presets of FullTcp's attributes: the RFC values, or Linux 6.x's defaults.
 *
 * Each preset sets socket attributes through FullTcpHelper::SetSocketAttribute, so it applies
 * to the nodes installed afterwards and leaves the global defaults alone:
 *
 * \code
 *   FullTcpHelper fulltcp;
 *   FullTcpProfile::Linux(fulltcp); // behave like Linux 6.x
 *   fulltcp.Install(nodes);
 * \endcode
 *
 * FullTcpSocket's own attributes already default to the RFC values; Rfc() adds the RFC values
 * of the ns3::TcpSocket attributes whose ns-3 defaults are not the RFC's. Linux() sets, on
 * top of Rfc(), every value where Linux departs from the RFC, each with its Linux constant
 * (../shared/reference/linux-defaults.md). doc/scripts.rst lists what still differs from
 * Linux.
 */
class FullTcpProfile
{
  public:
    /// \param helper the helper to configure with the RFC values
    static void Rfc(FullTcpHelper& helper);
    /// \param helper the helper to configure with Linux 6.x's defaults
    static void Linux(FullTcpHelper& helper);
    /// \param helper the drop-in helper (FullTcp as ns-3's TCP) to configure with the RFC values
    static void Rfc(FullTcpInternetStackHelper& helper);
    /// \param helper the drop-in helper to configure with Linux 6.x's defaults
    static void Linux(FullTcpInternetStackHelper& helper);
    /**
     * \param helper the helper \param name "rfc" or "linux"
     * \return false (and the helper is untouched) for another name
     */
    static bool Apply(FullTcpHelper& helper, const std::string& name);
};

} // namespace ns3

#endif /* FULLTCP_PROFILE_H */
