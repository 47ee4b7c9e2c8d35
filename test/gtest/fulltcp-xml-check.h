/*
 * Test: strict XML well-formedness checker for SVGs, cross-checked by python3 xml.etree
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Checks that a generated SVG is a well-formed XML document: a small strict checker of our
 * own (balanced tags, quoted attributes, only the five predefined entities, one root) and,
 * independently, python3's xml.etree parser.
 */
#ifndef FULLTCP_XML_CHECK_H
#define FULLTCP_XML_CHECK_H

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace fulltcp_test
{

/// \return "" when \p doc is well-formed (in the subset an SVG writer uses), else why not
inline std::string
XmlProblem(const std::string& doc)
{
    std::vector<std::string> open;
    int roots = 0;
    std::size_t i = 0;
    auto entityOk = [&doc](std::size_t at)
    {
        for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
        {
            if (doc.compare(at, std::string(e).size(), e) == 0)
            {
                return true;
            }
        }
        return false;
    };
    if (doc.rfind("<?xml ", 0) != 0)
    {
        return "no XML declaration";
    }
    i = doc.find("?>");
    if (i == std::string::npos)
    {
        return "unterminated declaration";
    }
    i += 2;
    while (i < doc.size())
    {
        const char c = doc[i];
        if (c == '&' && !entityOk(i))
        {
            return "bad entity at " + std::to_string(i);
        }
        if (c == '>')
        {
            return "bare '>' in text at " + std::to_string(i);
        }
        if (c != '<')
        {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(c)))
            {
                return "text outside the root at " + std::to_string(i);
            }
            ++i;
            continue;
        }
        const bool closing = i + 1 < doc.size() && doc[i + 1] == '/';
        std::size_t j = i + (closing ? 2 : 1);
        std::string name;
        while (
            j < doc.size()
            && (std::isalnum(static_cast<unsigned char>(doc[j])) || doc[j] == '-' || doc[j] == ':'))
        {
            name += doc[j++];
        }
        if (name.empty())
        {
            return "bad tag at " + std::to_string(i);
        }
        // Attributes: name="value" with no '<' and only known entities inside.
        bool selfClosing = false;
        while (j < doc.size() && doc[j] != '>')
        {
            if (std::isspace(static_cast<unsigned char>(doc[j])))
            {
                ++j;
                continue;
            }
            if (doc[j] == '/' && j + 1 < doc.size() && doc[j + 1] == '>')
            {
                selfClosing = true;
                ++j;
                break;
            }
            if (closing)
            {
                return "attributes in a closing tag at " + std::to_string(j);
            }
            while (j < doc.size() && doc[j] != '=' && doc[j] != '>'
                   && !std::isspace(static_cast<unsigned char>(doc[j])))
            {
                ++j;
            }
            if (j + 1 >= doc.size() || doc[j] != '=' || doc[j + 1] != '"')
            {
                return "unquoted attribute at " + std::to_string(j);
            }
            j += 2;
            while (j < doc.size() && doc[j] != '"')
            {
                if (doc[j] == '<' || (doc[j] == '&' && !entityOk(j)))
                {
                    return "bad character in an attribute at " + std::to_string(j);
                }
                ++j;
            }
            ++j;
        }
        if (j >= doc.size())
        {
            return "unterminated tag <" + name;
        }
        if (closing)
        {
            if (open.empty() || open.back() != name)
            {
                return "</" + name + "> does not close " + (open.empty() ? "" : open.back());
            }
            open.pop_back();
        }
        else if (!selfClosing)
        {
            roots += open.empty() ? 1 : 0;
            open.push_back(name);
        }
        else
        {
            roots += open.empty() ? 1 : 0;
        }
        i = j + 1;
    }
    if (!open.empty())
    {
        return "<" + open.back() + "> never closed";
    }
    return roots == 1 ? "" : "expected one root element, found " + std::to_string(roots);
}

/// \return whether python3's xml.etree parses \p doc with an <svg> root (written to \p path)
inline bool
PythonParsesSvg(const std::string& doc, const std::string& path)
{
    std::ofstream(path) << doc;
    const std::string cmd = "python3 -c \"import sys, xml.etree.ElementTree as E; "
                            "sys.exit(0 if E.parse(sys.argv[1]).getroot().tag == "
                            "'{http://www.w3.org/2000/svg}svg' else 1)\" '"
                          + path + "'";
    return std::system(cmd.c_str()) == 0;
}

/// \return how many times \p needle occurs in \p hay
inline std::size_t
Count(const std::string& hay, const std::string& needle)
{
    std::size_t n = 0;
    for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
    {
        ++n;
    }
    return n;
}

} // namespace fulltcp_test

#endif /* FULLTCP_XML_CHECK_H */
