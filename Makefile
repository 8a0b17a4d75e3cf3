# Treaty — build, test and install.
#
#   make            build build/treaty and build/libtreaty.a
#   make demo       run the seed and real-world examples (installs build dependencies first)
#   make check      every test: a fuzz smoke run, the golden cases under valgrind, all
#                   suites under ASan and UBSan, then all suites on the plain build
#   make mutate     mutation testing: which small wrong changes go unnoticed
#   make install PREFIX=/usr/local DESTDIR=
#
# Generated sources (bison, flex) go to build/gen and are never committed.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?=

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
LDFLAGS ?=
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -D_XOPEN_SOURCE=700 -Isrc -I$(GEN) -MMD -MP
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS = -fsanitize=address,undefined
endif
LDLIBS  = -ljansson -lm

GEN     = build/gen
OBJ     = $(BUILD)/obj
LIB_SRC = arena.c intern.c source.c diag.c date.c ast.c parse.c load.c model.c \
          resolve.c places.c conditions.c builtins.c whatif.c eval.c result.c query.c accession.c vote.c rule.c power.c export.c batch.c picture.c scenario.c \
          output.c output_json.c junit.c coverage.c session.c lsp.c lsp_diag.c lsp_lang.c format.c
LIB_OBJ = $(addprefix $(OBJ)/,$(LIB_SRC:.c=.o)) $(OBJ)/parser.o $(OBJ)/lexer.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: atop pictures memcheck fuzz fuzz-build fuzz-smoke all deps deps-tests demo check test unit golden seed sanitize install clean bench mutate
.DEFAULT_GOAL := all

all: $(BUILD)/treaty $(BUILD)/libtreaty.a

deps:
	@scripts/install-deps.sh

deps-tests:
	@scripts/install-deps.sh --for-tests

$(GEN)/parser.c $(GEN)/parser.h: grammar/parser.y
	@mkdir -p $(GEN)
	bison -Wall -Werror --output=$(GEN)/parser.c --header=$(GEN)/parser.h $<

$(GEN)/lexer.c: grammar/lexer.l $(GEN)/parser.h
	@mkdir -p $(GEN)
	flex --outfile=$@ $<

$(OBJ)/%.o: src/%.c $(GEN)/parser.h
	@mkdir -p $(OBJ)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Generated code is compiled with the same warnings, minus the few that
# flex's skeleton trips over.
$(OBJ)/parser.o: $(GEN)/parser.c
	@mkdir -p $(OBJ)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(OBJ)/lexer.o: $(GEN)/lexer.c
	@mkdir -p $(OBJ)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Wno-shadow -c $< -o $@

$(BUILD)/libtreaty.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/treaty: $(OBJ)/cli.o $(OBJ)/repl.o $(BUILD)/libtreaty.a
	$(CC) $(LDFLAGS) $(SAN_LDFLAGS) -o $@ $^ $(LDLIBS) -ledit

# Compiled and linked in two steps, so that a change in the library (or a
# mutant, see tests/mutate) relinks the unit tests without compiling them again.
$(BUILD)/tests/%.o: tests/unit/%.c $(GEN)/parser.h
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c $< -o $@
.PRECIOUS: $(BUILD)/tests/%.o

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libtreaty.a
	$(CC) $(LDFLAGS) $(SAN_LDFLAGS) -o $@ $< $(BUILD)/libtreaty.a -lcmocka $(LDLIBS) -lutil

demo: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/treaty run examples/seed/scenarios.treaty
	$(BUILD)/treaty test examples/seed
	$(BUILD)/treaty test examples/real
	$(BUILD)/treaty test examples/atop

# examples/atop/ from the ATOP and COW data in data/ (docs/atop.md); the
# files are committed, and the test suites check that this gives them again.
atop:
	python3 scripts/atop_import.py data examples/atop

# The pictures in docs/pictures/: the DOT and SVG that treaty writes (tests
# check they are current), and the DOT rendered by Graphviz.
pictures: $(BUILD)/treaty
	$(BUILD)/treaty graph --at 2016-01-01 --kind all examples/seed > docs/pictures/seed-2016.dot
	$(BUILD)/treaty graph --at 1914-07-28 examples/atop > docs/pictures/atop-1914-07-28.dot
	$(BUILD)/treaty timeline NATO --from 1949 --to 2024 examples/real/nato.treaty > docs/pictures/nato-1949-2024.svg
	dot -Tsvg docs/pictures/seed-2016.dot > docs/pictures/seed-2016.svg
	dot -Tsvg docs/pictures/atop-1914-07-28.dot > docs/pictures/atop-1914-07-28.svg

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "unit: $$t"; $$t; done

golden: $(BUILD)/treaty
	@tests/golden/run.sh $(BUILD)/treaty

seed: $(BUILD)/treaty
	$(BUILD)/treaty test examples tests/scenarios

# Every suite, ending with one line "N passed, N failed".
test: all $(UNIT_BIN)
	@tests/run-suites.sh $(BUILD) $(UNIT_BIN)

# The whole suite again, built with AddressSanitizer and UBSan in build/san.
sanitize:
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 CC=clang test

# Everything CI runs: a short fuzz of each target (after replaying every
# regression), the golden suite under valgrind, all suites built with ASan and
# UBSan, and last all suites on the plain build, whose total ends the output.
check: deps-tests
	@echo "== fuzz smoke (libFuzzer, ASan, UBSan)"
	@$(MAKE) --no-print-directory fuzz-smoke
	@echo "== golden suite under valgrind"
	@$(MAKE) --no-print-directory memcheck
	@echo "== sanitized build (clang, AddressSanitizer, UndefinedBehaviorSanitizer)"
	@$(MAKE) --no-print-directory sanitize
	@echo "== plain build"
	@$(MAKE) --no-print-directory test

$(BUILD)/bench: tests/bench/bench.c $(BUILD)/libtreaty.a
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $(SAN_LDFLAGS) -o $@ $< $(BUILD)/libtreaty.a $(LDLIBS)

# Throughput, memory per name and per membership record, and how the
# queries grow with the size of an organisation (numbers, not a pass/fail test).
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench
	$(BUILD)/bench 2000 745 12 200000
	$(BUILD)/bench 20000 7450 12 200000
	$(BUILD)/bench memory 1000000 200000
	$(BUILD)/bench scaling 20000 200000
	$(BUILD)/bench hints 10000 100000
	$(BUILD)/bench obligations 10000 100000
	$(BUILD)/bench power 15 27 40
	$(BUILD)/bench atop 1 10 100

# Every golden case again, with the binary under valgrind memcheck: a leak or
# an invalid access prints a report, which changes the output and fails the case.
memcheck: all
	@scripts/install-deps.sh --for-tests
	@command -v valgrind >/dev/null || { echo "memcheck needs valgrind: apt-get install valgrind"; exit 1; }
	@mkdir -p build/memcheck
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all "%s/$(BUILD)/treaty" "$$@"\n' "$$(pwd)" > build/memcheck/treaty
	@chmod +x build/memcheck/treaty
	@tests/golden/run.sh build/memcheck/treaty

# Fuzzing with libFuzzer (clang): the library is rebuilt in build/fuzz with
# coverage instrumentation, ASan and UBSan.  `make fuzz` runs each target for
# FUZZ_SECONDS; crashes land in build/fuzz/ and become files in
# tests/fuzz/regressions/, which `make fuzz-smoke` (part of `make check`)
# replays through every target.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_parse fuzz_pipeline fuzz_repl fuzz_rules fuzz_lsp fuzz_format
FUZZ_CORPUS  = examples/seed examples/tutorial examples/real tests/scenarios tests/golden/inputs tests/golden/inputs/repl tests/golden/inputs/fmt tests/fuzz/regressions
FUZZ_FLAGS   = -dict=tests/fuzz/treaty.dict -timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix=build/fuzz/

fuzz-build: deps-tests
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SAN=1 CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" \
		build/fuzz/libtreaty.a build/fuzz/obj/repl.o
	@set -e; for t in $(FUZZ_TARGETS); do \
		clang -std=c11 -g -O1 -D_XOPEN_SOURCE=700 -Isrc -I$(GEN) -fsanitize=fuzzer,address,undefined \
			tests/fuzz/$$t.c build/fuzz/obj/repl.o build/fuzz/libtreaty.a $(LDLIBS) -ledit -o build/fuzz/$$t; done

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/corpus-$$t; \
		echo "== $$t for $(FUZZ_SECONDS) s"; \
		build/fuzz/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			build/fuzz/corpus-$$t $(FUZZ_CORPUS) 2>&1 | grep -E 'DONE|stat::|ERROR|SUMMARY|Done ' || true; \
		test -z "$$(ls build/fuzz/crash-* build/fuzz/leak-* build/fuzz/timeout-* 2>/dev/null)" || \
			{ echo "fuzz: $$t found a failing input:"; ls build/fuzz/crash-* build/fuzz/leak-* build/fuzz/timeout-* 2>/dev/null; exit 1; }; \
		done

# A short run of each target, after replaying every regression input.
fuzz-smoke: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
		build/fuzz/$$t $(FUZZ_FLAGS) tests/fuzz/regressions/* >/dev/null 2>&1 || \
			{ echo "fuzz-smoke: $$t fails on a regression input"; build/fuzz/$$t tests/fuzz/regressions/*; exit 1; }; \
		mkdir -p build/fuzz/smoke-$$t; \
		build/fuzz/$$t $(FUZZ_FLAGS) -max_total_time=10 build/fuzz/smoke-$$t $(FUZZ_CORPUS) >build/fuzz/smoke-$$t.log 2>&1 || \
			{ echo "fuzz-smoke: $$t failed:"; tail -40 build/fuzz/smoke-$$t.log; exit 1; }; \
		echo "fuzz-smoke: $$t: $$(grep -o 'DONE.*' build/fuzz/smoke-$$t.log | head -1)"; done

# Mutation testing: small wrong changes to the semantic units, one at a time,
# each against the suites; prints the changes that no test notices and the
# share caught.  About 25 minutes (MUTATE_SAMPLE=N for a quick sample), so
# not part of `make check`.  See tests/mutate/README.md.
mutate: deps-tests
	@python3 tests/mutate/mutate.py

install: $(BUILD)/treaty
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/treaty $(DESTDIR)$(PREFIX)/bin/treaty
	install -m 644 docs/treaty.1 $(DESTDIR)$(PREFIX)/share/man/man1/treaty.1

clean:
	rm -rf build

-include $(wildcard $(OBJ)/*.d $(BUILD)/tests/*.d)
