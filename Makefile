# cramplab build.  `make run` and `make test` are the two entry points (see
# README.md); both install missing Debian packages first and are idempotent.

CC       ?= cc
PKGS     := sqlite3 expat libzip jansson libmicrohttpd libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libzip and libmicrohttpd are compiled against but not linked: the SR24
# importer opens libzip with dlopen() (see src/lib/import_sr24.c) and `cramplab
# serve` libmicrohttpd (src/http/server.c), so other commands do not load them
# and the OpenSSL and GnuTLS they bring at every start.
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libzip libmicrohttpd,$(PKGS)) 2>/dev/null)
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(1).so \
                   2>/dev/null | sed -n 's/^ *SONAME *//p')
LIBZIP_SONAME := $(call soname,libzip)
MHD_SONAME    := $(call soname,libmicrohttpd)
DATADIR  := $(CURDIR)/data

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc/lib \
            -DCL_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
LDLIBS   := $(PKG_LIBS) -lglpk -lm -lpthread -ldl
# The tool links the libraries every command loads from their static archives
# (Debian's -dev packages ship them; libltdl-dev for GLPK's libltdl): one
# object for the loader to map and relocate instead of thirteen, which cuts
# some 70 page faults and 3 ms from every command on the machines this runs
# on (docs/performance.md).  libc, libm and the dlopen()ed libzip and
# libmicrohttpd stay shared.  Without all the archives, or with
# STATIC_TOOL=no, it links as the tests do.
STATIC_TOOL ?= yes
LIBDIR   := $(shell pkg-config --variable=libdir sqlite3 2>/dev/null)
STATIC_NAMES := sqlite3 expat jansson utf8proc glpk colamd amd suitesparseconfig gmp z ltdl
STATIC_ARCHIVES := $(foreach n,$(STATIC_NAMES),$(wildcard $(LIBDIR)/lib$(n).a))
ifeq ($(STATIC_TOOL)$(words $(STATIC_ARCHIVES)),yes$(words $(STATIC_NAMES)))
TOOL_LDLIBS := $(STATIC_ARCHIVES) -lm -lpthread -ldl
else
TOOL_LDLIBS := $(LDLIBS)
endif
# With the C library's static archive too (libc6-dev ships libc.a and the
# start file rcrt1.o), the tool is a static PIE: no loader, no libc.so or
# libm.so to map and relocate at every start, and the address still
# randomised.  Some 2 ms of CPU less per command on this VM, a third of the
# cost of starting (docs/performance.md, round 9).  A static program cannot
# dlopen() libzip or libmicrohttpd safely (they would bring a second C
# library), so the same objects are also linked as before into
# cramplab-dynamic, which the static tool runs (exec, same process id) for
# `import` and `serve` (src/cli/main.c).  STATIC_PIE=no links the tool as
# before and builds no sibling.
STATIC_PIE ?= yes
HAVE_STATIC_LIBC := $(if $(and $(wildcard $(shell $(CC) -print-file-name=libc.a)),$(wildcard $(shell $(CC) -print-file-name=rcrt1.o))),yes)
CRAMPLAB_DYN := build/cramplab-dynamic
ifeq ($(STATIC_PIE)$(HAVE_STATIC_LIBC)$(TOOL_LDLIBS),yesyes$(STATIC_ARCHIVES) -lm -lpthread -ldl)
TOOL_LINK := -static-pie
TOOL_SIBLING := $(CRAMPLAB_DYN)
else
TOOL_LINK :=
TOOL_SIBLING :=
endif

REL_FLAGS  := -O2 -g $(WARN)
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined $(WARN)

LIB_SRC  := $(sort $(wildcard src/lib/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
HTTP_SRC := $(sort $(wildcard src/http/*.c))
WEB_FILES:= $(sort $(wildcard src/http/web/*))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC:= $(sort $(wildcard bench/bench_*.c))

REL_LIB_OBJ  := $(LIB_SRC:src/%.c=build/rel/%.o)
REL_CLI_OBJ  := $(CLI_SRC:src/%.c=build/rel/%.o)
ASAN_LIB_OBJ := $(LIB_SRC:src/%.c=build/asan/%.o)
ASAN_CLI_OBJ := $(CLI_SRC:src/%.c=build/asan/%.o)
# The web server is part of the tool, not the library: its objects, and the
# page embedded from src/http/web/ (build/gen/web_assets.c), link into cramplab.
REL_HTTP_OBJ := $(HTTP_SRC:src/%.c=build/rel/%.o) build/rel/http/web_assets.o
ASAN_HTTP_OBJ:= $(HTTP_SRC:src/%.c=build/asan/%.o) build/asan/http/web_assets.o
UNIT_BIN     := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
VG_UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=build/vg/tests/%)
BENCH_BIN    := $(BENCH_SRC:bench/%.c=build/rel/bench/%)

DB       := build/foods.db
JAR      := build/sr24/usda_sr24.jar
CRAMPLAB := build/cramplab

.PHONY: all deps run test test-valgrind unit build-test bench clean format fuzz fuzz-smoke
all: $(CRAMPLAB) $(TOOL_SIBLING)

deps:
	@sh scripts/deps.sh

build/rel/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(REL_FLAGS) -MMD -MP -c $< -o $@

build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) $(ASAN_FLAGS) -MMD -MP -c $< -o $@

build/gen/web_assets.c: src/http/embed.sh $(WEB_FILES)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@sh src/http/embed.sh $@ $(WEB_FILES)

build/rel/http/web_assets.o: build/gen/web_assets.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) -Isrc/http $(REL_FLAGS) -c $< -o $@

build/asan/http/web_assets.o: build/gen/web_assets.c
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) -Isrc/http $(ASAN_FLAGS) -c $< -o $@

build/rel/libcramplab.a: $(REL_LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

build/asan/libcramplab.a: $(ASAN_LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

# The data snapshot (src/lib/jsonsnap.c): the parsed trees of data/*.json,
# written by a build tool linked with the library and compiled into the
# tool, which uses a tree only for a file whose bytes are the ones it was
# built from.  Keyed also by a hash of the snapshot's code (CL_SNAP_CODE),
# so that a snapshot from another format is never read.
DATA_JSON := $(sort $(wildcard data/*.json))
SNAP_SRC  := src/lib/jsonsnap.c src/lib/jsonsnap.h
SNAP_CODE := $(shell cat $(SNAP_SRC) | sha256sum | cut -c1-16)
SNAP_OBJ  := build/rel/lib/jsonsnap.o build/asan/lib/jsonsnap.o build/fuzz/lib/jsonsnap.o
$(SNAP_OBJ): CPPFLAGS += -DCL_SNAP_CODE='"$(SNAP_CODE)"'
$(SNAP_OBJ): $(SNAP_SRC)

build/rel/tools/datasnap: src/tools/datasnap.c build/rel/libcramplab.a
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(REL_FLAGS) -o $@ $< build/rel/libcramplab.a $(LDLIBS)

# The same file holds the compiled knowledge base and food rules (kbimage.c,
# foodrules.c), which also copy the rules' common-foods list.
build/gen/data_snapshot.c: build/rel/tools/datasnap $(DATA_JSON) data/common_foods.tsv
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@build/rel/tools/datasnap $@ $(DATA_JSON)

build/rel/gen/data_snapshot.o: build/gen/data_snapshot.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(REL_FLAGS) -c $< -o $@

build/asan/gen/data_snapshot.o: build/gen/data_snapshot.c
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(CPPFLAGS) $(ASAN_FLAGS) -c $< -o $@

# The sibling is an order-only prerequisite: `import` and `serve` need it,
# and `make` (which imports the database) builds both.  The static link warns
# that dlopen() needs the shared libraries at run time: main.c never lets
# the static tool call it, hence the filter.
$(CRAMPLAB): $(REL_CLI_OBJ) $(REL_HTTP_OBJ) build/rel/gen/data_snapshot.o build/rel/libcramplab.a \
             | $(TOOL_SIBLING)
	@echo "  LD      $@"
	@$(CC) $(REL_FLAGS) $(TOOL_LINK) -o $@ $(REL_CLI_OBJ) $(REL_HTTP_OBJ) build/rel/gen/data_snapshot.o \
		build/rel/libcramplab.a $(TOOL_LDLIBS) >$@.log 2>&1; rc=$$?; \
		grep -v "Using 'dlopen' in statically linked\|in function .mhd_load.:\|in function .zl_load.:" $@.log; \
		rm -f $@.log; exit $$rc

$(CRAMPLAB_DYN): $(REL_CLI_OBJ) $(REL_HTTP_OBJ) build/rel/gen/data_snapshot.o build/rel/libcramplab.a
	@echo "  LD      $@"
	@$(CC) $(REL_FLAGS) -o $@ $(REL_CLI_OBJ) $(REL_HTTP_OBJ) build/rel/gen/data_snapshot.o \
		build/rel/libcramplab.a $(TOOL_LDLIBS)

build/asan/cramplab: $(ASAN_CLI_OBJ) $(ASAN_HTTP_OBJ) build/asan/gen/data_snapshot.o build/asan/libcramplab.a
	@echo "  LD asan $@"
	@$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_CLI_OBJ) $(ASAN_HTTP_OBJ) build/asan/gen/data_snapshot.o \
		build/asan/libcramplab.a $(LDLIBS)

build/asan/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/asan/libcramplab.a
	@mkdir -p $(@D)
	@echo "  CC test $<"
	@$(CC) $(CPPFLAGS) -Itests/unit $(ASAN_FLAGS) -o $@ $< build/asan/libcramplab.a $(LDLIBS) -lcmocka

# Unit tests for valgrind: the release library, no sanitizers.
build/vg/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/rel/libcramplab.a
	@mkdir -p $(@D)
	@echo "  CC vg   $<"
	@$(CC) $(CPPFLAGS) -Itests/unit $(REL_FLAGS) -o $@ $< build/rel/libcramplab.a $(LDLIBS) -lcmocka

build/rel/bench/%: bench/%.c build/rel/libcramplab.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(REL_FLAGS) -o $@ $< build/rel/libcramplab.a $(LDLIBS)

$(JAR):
	sh scripts/fetch-sr24.sh build/sr24

ZIP_OBJ   := build/rel/lib/import_sr24.o build/asan/lib/import_sr24.o build/fuzz/lib/import_sr24.o
$(ZIP_OBJ): CPPFLAGS += $(if $(LIBZIP_SONAME),-DCL_LIBZIP_SONAME='"$(LIBZIP_SONAME)"')
MHD_OBJ   := build/rel/http/server.o build/asan/http/server.o build/fuzz/http/server.o
$(MHD_OBJ): CPPFLAGS += $(if $(MHD_SONAME),-DCL_MHD_SONAME='"$(MHD_SONAME)"')

# The food pool cache the importer stores in the database (src/lib/poolcache.c)
# is keyed by a hash of the sources that decide its contents, compiled into
# poolcache.o: after a change to any of them an old cache is no longer used
# (pools are computed instead, with the same result) and build/foods.db is
# rebuilt below.
POOL_SRC  := src/lib/foodrules.c src/lib/foodrules_internal.h include/cramplab/foodrules.h \
             src/lib/rich.c src/lib/rich_internal.h include/cramplab/rich.h \
             src/lib/poolcache.c src/lib/textfold.c src/lib/textfold.h
POOL_CODE := $(shell cat $(POOL_SRC) | sha256sum | cut -c1-16)
POOL_OBJ  := build/rel/lib/poolcache.o build/asan/lib/poolcache.o build/fuzz/lib/poolcache.o
$(POOL_OBJ): CPPFLAGS += -DCL_POOL_CODE='"$(POOL_CODE)"'
$(POOL_OBJ): $(POOL_SRC)

# The diary-line cache (src/lib/linecache.c) trusts an answer only from a
# parser built from the same sources: a hash of those that decide what a line
# resolves to, compiled into diary.o.
PARSE_SRC  := src/lib/diary.c src/lib/linecache.c src/lib/linecache.h include/cramplab/diary.h \
              $(wildcard src/lib/search*.c src/lib/search*.h) src/lib/quantity.c src/lib/quantity.h \
              src/lib/textfold.c src/lib/textfold.h src/lib/fooddb.c src/lib/fooddb_internal.h \
              include/cramplab/fooddb.h src/lib/util.c src/lib/util.h
PARSE_CODE := $(shell cat $(PARSE_SRC) | sha256sum | cut -c1-16)
PARSE_OBJ  := build/rel/lib/diary.o build/asan/lib/diary.o build/fuzz/lib/diary.o
$(PARSE_OBJ): CPPFLAGS += -DCL_PARSE_CODE='"$(PARSE_CODE)"'
$(PARSE_OBJ): $(PARSE_SRC)

# The food database is rebuilt when the code that writes it changes (the
# importer, the schema, the search index, the food pool and its rules), not on
# every change to the tool.
DB_SRC   := src/lib/import_sr24.c src/lib/foodwrite.c src/lib/fooddb_schema.h src/lib/nutrient.c \
            src/lib/foodrec.c src/lib/foodrec.h \
            src/lib/sr_groups.c src/lib/textfold.c $(wildcard src/lib/search*.c src/lib/search*.h) \
            $(POOL_SRC)
$(DB): $(JAR) $(DB_SRC) data/search_synonyms.tsv data/search_describe.tsv data/search_classes.tsv data/search_forms.tsv data/common_foods.tsv data/search_usual.tsv \
       data/search_dishes.tsv data/search_wordnet.tsv data/absent_foods.tsv data/food_rules.json \
       | $(CRAMPLAB)
	$(CRAMPLAB) import sr24 $(JAR) --db $@

build-test: $(CRAMPLAB) build/asan/cramplab $(UNIT_BIN) $(DB)

EXAMPLE  := examples/older-adult-night-cramps.json

# The entry points below build through a second make (after deps, so that a
# fresh machine has its compilers and pkg-config first) with one job per core
# unless the caller gave -j: the release, ASan, unit-test and fuzz builds are
# independent of each other and the SR24 import, and two cores halve the
# build in CI.  -j appears in MAKEFLAGS only once the recipes run, hence the
# deferred `=`.
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
PARALLEL  = $(if $(findstring -j,$(MAKEFLAGS)),,-j$(JOBS))

run: deps
	@$(MAKE) --no-print-directory $(PARALLEL) $(CRAMPLAB) $(DB)
	@echo
	@CRAMPLAB_DB=$(DB) $(CRAMPLAB) assess $(EXAMPLE)

test: deps
	@$(MAKE) --no-print-directory $(PARALLEL) build-test
	@sh tests/run.sh

# The suite again under valgrind, on the release build (tests/valgrind.sh).
test-valgrind: deps
	@$(MAKE) --no-print-directory $(PARALLEL) build-test $(VG_UNIT_BIN)
	@sh tests/valgrind.sh

bench: $(BENCH_BIN) $(CRAMPLAB) $(DB)
	@for b in $(BENCH_BIN); do echo "== $$b"; CRAMPLAB_DB=$(DB) $$b || exit 1; done

# Fuzzing (libFuzzer, clang from Debian): `make fuzz FUZZ_SECONDS=600` runs
# each harness in fuzz/ for that long, seeded from the test data; crashes are
# written to build/fuzz/ and must become test cases.
FUZZ_SECONDS ?= 30
FUZZ_CC      := clang
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_OBJ := $(LIB_SRC:src/%.c=build/fuzz/%.o)
FUZZ_BIN     := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))

build/fuzz/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP -c $< -o $@

build/fuzz/libcramplab.a: $(FUZZ_LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

FUZZ_HTTP_OBJ:= $(HTTP_SRC:src/%.c=build/fuzz/%.o) build/fuzz/http/web_assets.o

build/fuzz/http/web_assets.o: build/gen/web_assets.c
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CPPFLAGS) -Isrc/http $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz_%: fuzz/fuzz_%.c build/fuzz/libcramplab.a
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< \
		build/fuzz/libcramplab.a $(LDLIBS)

# The jar harness writes jars itself, so it links libzip (the importer
# still opens its own handle with dlopen, which finds the same library).
build/fuzz/fuzz_sr24_jar: fuzz/fuzz_sr24_jar.c build/fuzz/libcramplab.a
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< \
		build/fuzz/libcramplab.a $(LDLIBS) $(shell pkg-config --libs libzip 2>/dev/null)

# The HTTP harness runs the web server in process.
build/fuzz/fuzz_http: fuzz/fuzz_http.c $(FUZZ_HTTP_OBJ) build/fuzz/libcramplab.a
	@echo "  LD fuzz $@"
	@$(FUZZ_CC) $(CPPFLAGS) -Isrc/http -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(FUZZ_HTTP_OBJ) build/fuzz/libcramplab.a $(LDLIBS)

fuzz: deps
	@$(MAKE) --no-print-directory $(PARALLEL) $(FUZZ_BIN) $(DB)
	@sh fuzz/run.sh $(FUZZ_SECONDS)

# A short run of every harness, for CI (.ci/run).
fuzz-smoke: deps
	@$(MAKE) --no-print-directory $(PARALLEL) $(FUZZ_BIN) $(DB)
	@sh fuzz/run.sh 10

format:
	clang-format -i include/cramplab/*.h src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build tests/out

-include $(shell find build -name '*.d' 2>/dev/null)
