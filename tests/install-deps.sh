#!/bin/sh
# Installs the Debian packages given as arguments that are not installed yet,
# through sudo when not root. Prints nothing when everything is there.
missing=""
for p in "$@"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "whosaid: installing missing packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
$SUDO apt-get install -y -qq $missing >/dev/null || {
	echo "whosaid: error: could not install:$missing" >&2
	exit 1
}
