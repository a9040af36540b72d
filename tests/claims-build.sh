#!/bin/sh
# Builds build/claims-tool (tests/claims-tool.c, a driver of the claims
# library) against the objects of build/release; prints its path.
# Used by tests/claims_fnc1.sh and tests/claims_bench.sh.
cd "$(dirname "$0")/.." || exit 2
make -s whosaid >&2 || exit 2
PKGS="sqlite3 libpcre2-8 libcgraph libgvc jansson libutf8proc"
objs=$(ls build/release/*.o | grep -v -e '/main\.o$' -e '/graph\.o$' -e '/cmd_graph\.o$')
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror -O2 -g \
	-Iinclude $(pkg-config --cflags $PKGS) -o build/claims-tool tests/claims-tool.c $objs \
	$(pkg-config --libs $PKGS) -lstemmer -lpthread -lm >&2 || exit 2
echo build/claims-tool
