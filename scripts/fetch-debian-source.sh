#!/usr/bin/env bash
# Fetches and unpacks a Debian source package through a private apt configuration: /etc/apt is never read for sources nor written
#
#   scripts/fetch-debian-source.sh SUITE PACKAGE DEST
#
# Unpacks PACKAGE from Debian's SUITE (bookworm, trixie, sid, ...) into DEST and prints the
# unpacked folder on stdout (everything else goes to stderr). A DEST that already holds an
# unpacked PACKAGE is reused without any download.
#
# Why private: `apt-get source` needs a deb-src entry, and Debian 12 images have only deb
# entries, in deb822 form with Signed-By. Adding a one-line entry to /etc/apt breaks every later
# `apt-get update` ("Conflicting values set for option Signed-By"), and a build has no business
# changing the system's configuration anyway. So the sources list, the package lists and apt's
# cache live under DEST/.apt, and apt is pointed at them with -o Dir::... options; the system's
# sources.list.d is replaced by an empty folder so that its entries are not read either.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 SUITE PACKAGE DEST" >&2
  exit 2
fi
suite="$1"
package="$2"
dest="$3"

here="$(cd "$(dirname "$0")" && pwd)"

# FullTcp before issue 16 added this one-line entry to the system's sources; it is the user's
# system, so say what to do rather than delete a file under /etc.
legacy=/etc/apt/sources.list.d/fulltcp-deb-src.list
if [ -e "$legacy" ]; then
  echo "fetch-debian-source: $legacy was left by an earlier FullTcp build and makes" \
       "'apt-get update' fail (Conflicting values set for option Signed-By). FullTcp no longer" \
       "needs it; remove it with: sudo rm $legacy && sudo apt-get update" >&2
fi
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

existing=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name "${package}-*" | head -n1)
if [ -n "$existing" ]; then
  echo "fetch-debian-source: reusing $existing" >&2
  echo "$existing"
  exit 0
fi

# dpkg-source (in dpkg-dev) unpacks what apt-get source downloads.
"$here/install-deps.sh" dpkg-dev >&2

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
apt_dir="$dest/.apt"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $suite main" >"$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::sourcelist=$apt_dir/sources.list"
  -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  # apt downloads as the user _apt, who may not be able to enter a private folder under $HOME.
  -o "APT::Sandbox::User=root"
)
echo "fetch-debian-source: $package from $suite (private apt configuration in $apt_dir)" >&2
apt-get "${apt_opts[@]}" update -qq >&2
(cd "$dest" && apt-get "${apt_opts[@]}" source -qq "$package" >&2)

unpacked=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name "${package}-*" | head -n1)
if [ -z "$unpacked" ]; then
  echo "fetch-debian-source: apt-get source left no ${package}-* folder in $dest" >&2
  exit 1
fi
echo "$unpacked"
