# whosaid: who said what, who reported it, and who disagrees.
# `make demo` and `make test` are the whole set-up on a fresh Debian machine.

CC ?= cc
PKGS = sqlite3 libpcre2-8 libcgraph libgvc jansson libutf8proc
DEB_PKGS = build-essential pkg-config libsqlite3-dev libpcre2-dev libgraphviz-dev \
           libjansson-dev libstemmer-dev libutf8proc-dev graphviz python3 \
           python3-jsonschema libxml2-utils valgrind
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
OPT ?= -O2 -g
CFLAGS_ALL = -std=c11 $(WARN) $(OPT) -Iinclude -DWHOSAID_RULES_DIR='"$(CURDIR)/rules"' \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
# The dot layout and core (SVG) plugins, linked in: `whosaid graph` works
# without Graphviz's plugin configuration file.
GV_PLUGIN_DIR = $(shell pkg-config --variable=libdir libgvc 2>/dev/null)/graphviz
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -L$(GV_PLUGIN_DIR) -Wl,-rpath,$(GV_PLUGIN_DIR) \
       -lgvplugin_dot_layout -lgvplugin_core -lstemmer -lpthread -lm

SRC = $(wildcard analyzer/*.c)
LIB_SRC = $(filter-out analyzer/main.c,$(SRC))
HDR = $(wildcard include/*.h)
BUILD ?= build/release
OBJ = $(patsubst analyzer/%.c,$(BUILD)/%.o,$(SRC))
LIB_OBJ = $(patsubst analyzer/%.c,$(BUILD)/%.o,$(LIB_SRC))
DEPS_STAMP = build/.deps-ok
STORY = tests/story/harbor-courier.txt tests/story/valley-post.md tests/story/the-ledger.txt \
        tests/story/wire.jsonl

.PHONY: all deps demo test unit-test rule-test e2e-test asan ubsan leakcheck bench bench-ingest eval clean lint fuzz \
        check-all golden

all: whosaid

# Installs missing Debian packages (through sudo when not root).
deps: $(DEPS_STAMP)
$(DEPS_STAMP):
	@sh tests/install-deps.sh $(DEB_PKGS)
	@mkdir -p build && touch $@

whosaid: $(DEPS_STAMP) $(BUILD)/whosaid
	@cp $(BUILD)/whosaid $@

$(BUILD)/whosaid: $(OBJ)
	$(CC) $(CFLAGS_ALL) -o $@ $(OBJ) $(LIBS) $(LDFLAGS)

$(BUILD)/%.o: analyzer/%.c $(HDR) | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/unit: tests/unit.c $(LIB_OBJ)
	$(CC) $(CFLAGS_ALL) -o $@ tests/unit.c $(LIB_OBJ) $(LIBS) $(LDFLAGS)

demo: whosaid
	@mkdir -p out
	./whosaid extract $(STORY) > out/quotes.jsonl
	./whosaid extract --format text $(STORY) > out/quotes.txt
	@echo "wrote out/quotes.jsonl ($$(grep -c '"type":"quote"' out/quotes.jsonl) quotes) and out/quotes.txt"
	@rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	./whosaid ingest -q --db out/demo.db $(STORY)
	./whosaid graph --db out/demo.db -o out/graph.dot
	./whosaid graph --db out/demo.db -o out/graph.svg
	@echo "wrote out/graph.dot and out/graph.svg (the source graph)"
	./whosaid sources --db out/demo.db > out/sources.txt
	./whosaid claims --db out/demo.db > out/claims.txt
	./whosaid stories --db out/demo.db > out/stories.txt
	@echo "wrote out/demo.db, out/sources.txt, out/claims.txt and out/stories.txt"
	./whosaid conflicts --db out/demo.db > out/conflicts.txt
	./whosaid conflicts --db out/demo.db --format json > out/conflicts.jsonl
	@echo "wrote out/conflicts.txt and out/conflicts.jsonl ($$(grep -c . out/conflicts.jsonl) contested propositions)"
	./whosaid check -q --exit-zero --db out/demo.db $(STORY) > out/check.txt
	./whosaid check -q --exit-zero --db out/demo.db --format sarif $(STORY) > out/check.sarif
	@echo "wrote out/check.txt ($$(grep -c '^[^ ].*: \(error\|warning\|note\): ' out/check.txt) findings) and out/check.sarif"

# Runs every test, then again under AddressSanitizer and UBSan.
test: whosaid
	@$(MAKE) --no-print-directory check-all BUILD=build/release
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory ubsan
	@echo "all test suites passed (release, asan, ubsan)"

check-all: $(BUILD)/whosaid $(BUILD)/unit
	@$(BUILD)/unit
	@sh tests/run-tests.sh $(BUILD)/whosaid

# WHOSAID_SANITIZER=1 tells the tests to use smaller big inputs.
asan:
	@WHOSAID_SANITIZER=1 $(MAKE) --no-print-directory check-all BUILD=build/asan OPT="-O1 -g -fsanitize=address -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address"

ubsan:
	@WHOSAID_SANITIZER=1 $(MAKE) --no-print-directory check-all BUILD=build/ubsan OPT="-O1 -g -fsanitize=undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=undefined"

leakcheck: whosaid
	@sh tests/leakcheck.sh ./whosaid

# Regenerates tests/e2e/expected from ./whosaid; review with git diff.
golden: whosaid
	@sh tests/update-golden.sh ./whosaid

bench: whosaid
	@sh tests/bench.sh ./whosaid

bench-ingest: whosaid
	@sh tests/bench-ingest.sh ./whosaid

eval: whosaid
	@sh tests/eval.sh ./whosaid

lint: whosaid
	./whosaid rules check rules

clean:
	rm -rf build whosaid
