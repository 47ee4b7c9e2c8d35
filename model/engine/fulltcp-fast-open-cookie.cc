/*
 * Engine: Fast Open key parsing (proc_tcp_fastopen_key), SipHash-2-4, cookie make and check
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-fast-open-cookie.h"

#include <cctype>
#include <cstdlib>

namespace ns3
{

namespace
{

uint64_t
Rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

uint64_t
ReadLe64(const uint8_t* p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
    {
        v = (v << 8) | p[i];
    }
    return v;
}

/// \param text `w-w-w-w` \param out the 16 bytes, each word little-endian \return whether
/// well-formed
bool
ParseOneKey(const std::string& text, FullTcpFastOpenKey::Bytes& out)
{
    size_t at = 0;
    for (int w = 0; w < 4; ++w)
    {
        const size_t end = w < 3 ? text.find('-', at) : text.size();
        if (end == std::string::npos || end == at || end - at > 8)
        {
            return false;
        }
        const std::string word = text.substr(at, end - at);
        for (char c : word)
        {
            if (!std::isxdigit(static_cast<unsigned char>(c)))
            {
                return false;
            }
        }
        const uint32_t v = static_cast<uint32_t>(std::strtoul(word.c_str(), nullptr, 16));
        // proc_tcp_fastopen_key(): key[i] = cpu_to_le32(user_key[i]).
        for (int b = 0; b < 4; ++b)
        {
            out[4 * w + b] = static_cast<uint8_t>(v >> (8 * b));
        }
        at = end + 1;
    }
    return true;
}

} // namespace

std::optional<FullTcpFastOpenKey>
FullTcpFastOpenKey::Parse(const std::string& text)
{
    FullTcpFastOpenKey key;
    const size_t comma = text.find(',');
    if (!ParseOneKey(text.substr(0, comma), key.primary))
    {
        return std::nullopt;
    }
    if (comma != std::string::npos)
    {
        key.backup.emplace();
        if (!ParseOneKey(text.substr(comma + 1), *key.backup))
        {
            return std::nullopt;
        }
    }
    return key;
}

uint64_t
FullTcpSipHash24(const FullTcpFastOpenKey::Bytes& key, const uint8_t* data, size_t len)
{
    const uint64_t k0 = ReadLe64(key.data());
    const uint64_t k1 = ReadLe64(key.data() + 8);
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;
    auto round = [&]()
    {
        v0 += v1;
        v1 = Rotl(v1, 13) ^ v0;
        v0 = Rotl(v0, 32);
        v2 += v3;
        v3 = Rotl(v3, 16) ^ v2;
        v0 += v3;
        v3 = Rotl(v3, 21) ^ v0;
        v2 += v1;
        v1 = Rotl(v1, 17) ^ v2;
        v2 = Rotl(v2, 32);
    };
    auto compress = [&](uint64_t m)
    {
        v3 ^= m;
        round(); // SipHash-2-4: two compression rounds per word
        round();
        v0 ^= m;
    };
    const size_t whole = len - len % 8;
    for (size_t i = 0; i < whole; i += 8)
    {
        compress(ReadLe64(data + i));
    }
    uint64_t last = static_cast<uint64_t>(len) << 56;
    for (size_t i = whole; i < len; ++i)
    {
        last |= static_cast<uint64_t>(data[i]) << (8 * (i - whole));
    }
    compress(last);
    v2 ^= 0xff;
    for (int i = 0; i < 4; ++i) // four finalization rounds
    {
        round();
    }
    return v0 ^ v1 ^ v2 ^ v3;
}

std::vector<uint8_t>
FullTcpFastOpenCookie(const FullTcpFastOpenKey::Bytes& key, uint32_t saddr, uint32_t daddr)
{
    const uint8_t addrs[8] = {static_cast<uint8_t>(saddr >> 24),
                              static_cast<uint8_t>(saddr >> 16),
                              static_cast<uint8_t>(saddr >> 8),
                              static_cast<uint8_t>(saddr),
                              static_cast<uint8_t>(daddr >> 24),
                              static_cast<uint8_t>(daddr >> 16),
                              static_cast<uint8_t>(daddr >> 8),
                              static_cast<uint8_t>(daddr)};
    const uint64_t hash = FullTcpSipHash24(key, addrs, sizeof(addrs));
    std::vector<uint8_t> cookie(8);
    for (int i = 0; i < 8; ++i)
    {
        cookie[i] = static_cast<uint8_t>(hash >> (8 * i)); // cpu_to_le64()
    }
    return cookie;
}

int
FullTcpFastOpenCookieCheck(const FullTcpFastOpenKey& key,
                           uint32_t saddr,
                           uint32_t daddr,
                           const std::vector<uint8_t>& cookie)
{
    if (cookie == FullTcpFastOpenCookie(key.primary, saddr, daddr))
    {
        return 1;
    }
    if (key.backup && cookie == FullTcpFastOpenCookie(*key.backup, saddr, daddr))
    {
        return 2;
    }
    return 0;
}

} // namespace ns3
