/*
 * Engine: registries of pluggable algorithms by name (congestion control, loss recovery)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_REGISTRY_H
#define FULLTCP_REGISTRY_H

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The algorithms of one kind (Interface: FullTcpCongestionControl or
 * FullTcpLossRecovery) by registered name.
 *
 * An algorithm registers itself at load time from its own .cc file (the kind's
 * FULLTCP_REGISTER_... macro); the engine creates one instance per connection by name. An
 * unknown name is a configuration error: UnknownNameError() says so and lists the known
 * names.
 */
template<class Interface>
class FullTcpRegistry
{
  public:
    /// Makes one instance of an algorithm.
    using Maker = std::function<std::unique_ptr<Interface>()>;

    /**
     * \brief Make an algorithm known (the kind's registration macro does this).
     * \param name its name \param maker how to make one
     * \return true (so that registration can initialize a static)
     */
    static bool
    Register(const std::string& name, Maker maker)
    {
        Map()[name] = std::move(maker);
        return true;
    }

    /// \param name a registered name \return a new instance, or nullptr when unknown
    static std::unique_ptr<Interface>
    Create(const std::string& name)
    {
        const auto it = Map().find(name);
        return it == Map().end() ? nullptr : it->second();
    }

    /// \param name a name \return whether an algorithm is registered under it
    static bool
    Has(const std::string& name)
    {
        return Map().count(name) > 0;
    }

    /// \return the registered names, sorted
    static std::vector<std::string>
    Names()
    {
        std::vector<std::string> names;
        for (const auto& entry : Map())
        {
            names.push_back(entry.first);
        }
        return names;
    }

    /**
     * \param kind what the name was meant to name, e.g. "congestion control"
     * \param name the unknown name
     * \return e.g. `unknown congestion control "Foo" (known: Bar, NewReno)`
     */
    static std::string
    UnknownNameError(const std::string& kind, const std::string& name)
    {
        std::string known;
        for (const auto& entry : Map())
        {
            known += (known.empty() ? "" : ", ") + entry.first;
        }
        return "unknown " + kind + " \"" + name + "\" (known: " + known + ")";
    }

  private:
    /// \return the registry, created on first use (registration runs during static
    ///         initialization)
    static std::map<std::string, Maker>&
    Map()
    {
        static std::map<std::string, Maker> registry;
        return registry;
    }
};

} // namespace ns3

/**
 * Register an algorithm class of a kind under a name, at load time (in the algorithm's .cc
 * file); the kinds' own macros are the ones to use.
 */
#define FULLTCP_REGISTER_ALGORITHM(Interface, Class, name)                                 \
    static const bool fulltcpRegistered##Class [[maybe_unused]] =                          \
        ::ns3::FullTcpRegistry<Interface>::Register(name,                                  \
                                                    []                                     \
                                                    {                                      \
                                                        return std::unique_ptr<Interface>( \
                                                            std::make_unique<Class>());    \
                                                    })

#endif /* FULLTCP_REGISTRY_H */
