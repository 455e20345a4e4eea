# baocao - Decree 30 administrative reports from YAML.
#
#   make            build build/baocao (installs missing Debian packages as root)
#   make demo       build and render examples/ into out/
#   make test       unit tests, spec conformance, end-to-end document tests,
#                   the import's .docx reader over ../shared/docx-corpus
#   make test-corpus   every file of ../shared/docx-corpus through template check and render,
#                   and through the import's .docx reader
#   make install    PREFIX=/usr/local DESTDIR=
#   make asan       the tests built with -fsanitize=address,undefined
#   make valgrind   the tests under valgrind
#   make bench      benchmarks (templates/s, reports/s)
#   make golden-update   regenerate golden files for review

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
LOCALEDIR = $(PREFIX)/share/locale
SHARED ?= ../shared
MUSTACHE_SPEC ?= $(SHARED)/mustache-spec

CC ?= cc
OPT ?= -O2 -g
SAN ?=
BUILD ?= build
PKGS = libzip libdeflate libxml-2.0 yaml-0.1 libutf8proc libmd libpng
# Compiled against but not linked: NSS and NSPR are loaded by `baocao ky`
# when it signs or checks (generator/pdf/nss_api.c), so that the other
# commands do not pay for loading them at every start (about 1 ms).
PKGS_LOADED = nss
# The allocator baocao links (a pkg-config module; empty: the C library's).
# jemalloc takes the place of malloc in every library the program uses
# (libxml2, libyaml, libzip and baocao's own code): a batch takes about 5 %
# less time (docs/ARCHITECTURE.md, "Speed"). The ASan and valgrind builds
# keep the C library's, which their tools replace.
ALLOC ?= jemalloc
WARN = -Wall -Wextra -Wstrict-prototypes -Wshadow -Wno-unused-parameter
Q = @
ifdef V
Q =
endif

# Flags come from pkg-config once the dependencies are present; the
# config file is (re)made first, which installs what is missing.
-include $(BUILD)/config.mk

CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Igenerator -I. -I$(BUILD)/gen \
               -DBC_LOCALEDIR='"$(LOCALEDIR)"' $(DEP_CFLAGS)
CFLAGS_ALL = -std=c17 $(WARN) $(OPT) $(SAN) $(CFLAGS)
LDLIBS_ALL = $(DEP_LIBS) -lpthread -lm
# Every object records the headers it read (-MMD) and survives a removed
# header (-MP); the .d files are included at the end.
DEPFLAGS = -MMD -MP

# The layers of generator/, lowest first (docs/ARCHITECTURE.md): a file may
# include the headers of its own layer and of the layers before it
# (tools/check-layers.sh, run by `make test`).
LAYERS = base mustache input package pdf wml report import app
LIB_SRC = $(foreach l,$(LAYERS),$(wildcard generator/$(l)/*.c))
LIB_OBJ = $(LIB_SRC:generator/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/template_data.o \
          $(BUILD)/obj/font_data.o
TEMPLATE_FILES = $(shell find templates/bao-cao -type f | LC_ALL=C sort)
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all demo test test-unit test-cli test-spec test-docx test-pdf test-images test-sign test-templates test-i18n \
        test-layers test-nhap test-corpus test-import-corpus install uninstall clean asan valgrind bench golden-update deps \
        fuzz fuzz-build fuzz-targets schema

all: $(BUILD)/baocao

$(BUILD)/config.mk: tools/ensure-deps.sh Makefile
	$(Q)mkdir -p $(BUILD)
	$(Q)tools/ensure-deps.sh --cmd $(firstword $(CC)) ar
	$(Q)tools/ensure-deps.sh $(PKGS) $(PKGS_LOADED) $(ALLOC)
	$(Q)printf 'DEP_CFLAGS = %s\nDEP_LIBS = %s\n' \
	    "$$(pkg-config --cflags $(PKGS) $(PKGS_LOADED))" "$$(pkg-config --libs $(ALLOC) $(PKGS))" > $@

$(BUILD)/obj/%.o: generator/%.c $(BUILD)/config.mk
	$(Q)mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -c $< -o $@

$(BUILD)/embed: tools/embed.c
	$(Q)mkdir -p $(BUILD)
	$(Q)$(CC) -O1 -o $@ $<

$(BUILD)/gen/template_data.c: $(BUILD)/embed $(TEMPLATE_FILES)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(BUILD)/embed $@ bc_embedded_bao_cao templates/bao-cao $(TEMPLATE_FILES)

$(BUILD)/obj/template_data.o: $(BUILD)/gen/template_data.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS_ALL) -std=c17 -O0 $(DEPFLAGS) -c $< -o $@

$(BUILD)/obj/font_data.o: fonts/metrics.c $(BUILD)/config.mk
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -c $< -o $@

$(BUILD)/libbaocao.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/baocao: $(BUILD)/obj/main.o $(BUILD)/libbaocao.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# ---- translations ----------------------------------------------------------
# po/LANG.po compiled to $(BUILD)/locale/LANG/LC_MESSAGES/baocao.mo, where
# an uninstalled $(BUILD)/baocao finds it (main.c); `make install` puts it in
# $(LOCALEDIR). `make po-update` extracts the _() and N_() messages of
# generator/ into po/baocao.pot and merges them into every po/LANG.po.

PO_LANGS = vi
MO_FILES = $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/baocao.mo)

.PHONY: po-update install-translations uninstall-translations

$(BUILD)/baocao: | $(MO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/baocao.mo: po/%.po
	$(Q)tools/ensure-deps.sh --cmd msgfmt
	$(Q)mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<

po-update:
	$(Q)tools/ensure-deps.sh --cmd msgfmt
	$(Q)xgettext -k_ -kN_ --from-code=UTF-8 --package-name=baocao \
	    --add-comments=TRANSLATORS: -o po/baocao.pot $(sort $(LIB_SRC)) generator/main.c
	$(Q)for l in $(PO_LANGS); do \
	    msgmerge --quiet --update --backup=none po/$$l.po po/baocao.pot && \
	    msgfmt --check --statistics -o /dev/null po/$$l.po; \
	done

install: install-translations
install-translations: $(MO_FILES)
	$(Q)for l in $(PO_LANGS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/baocao.mo \
	        $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/baocao.mo; \
	done

uninstall: uninstall-translations
uninstall-translations:
	$(Q)for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/baocao.mo; done

# ---- tests ---------------------------------------------------------------

$(BUILD)/config-test.mk: tools/ensure-deps.sh
	$(Q)mkdir -p $(BUILD)
	$(Q)tools/ensure-deps.sh cmocka zlib
	$(Q)printf 'CMOCKA_CFLAGS = %s\nCMOCKA_LIBS = %s\n' \
	    "$$(pkg-config --cflags cmocka zlib)" "$$(pkg-config --libs cmocka zlib)" > $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbaocao.a $(BUILD)/config-test.mk
	$(Q)mkdir -p $(dir $@)
	@echo "  TEST-CC $<"
	$(Q)$(CC) $(CPPFLAGS_ALL) $$(sed -n 's/^CMOCKA_CFLAGS = //p' $(BUILD)/config-test.mk) \
	    -DBC_SOURCE_DIR='"$(CURDIR)"' -DBC_BUILD_DIR='"$(abspath $(BUILD))"' \
	    $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL) \
	    $$(sed -n 's/^CMOCKA_LIBS = //p' $(BUILD)/config-test.mk)

# Test tools (tests/tools/*.c): programs the shell suites run.
$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/libbaocao.a
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL)

$(BUILD)/run_spec: tests/spec/run_spec.c $(BUILD)/libbaocao.a
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL)

test: test-layers test-unit test-cli test-spec test-docx test-batch test-images test-pdf test-sign test-templates test-i18n \
      test-import-corpus test-nhap

# The tree's rules: the layers' includes, names that lead to their files.
test-layers: $(BUILD)/libbaocao.a
	$(Q)tools/check-layers.sh generator $(LAYERS)
	$(Q)tests/layers/run.sh
	$(Q)tools/check-names.sh $(BUILD)

test-unit: $(BUILD)/baocao $(TEST_BIN)
	$(Q)VALGRIND=$(VALGRIND) tests/run-unit.sh $(BUILD) $(TEST_BIN)

test-spec: $(BUILD)/run_spec
	$(Q)if [ -d "$(MUSTACHE_SPEC)" ]; then \
	    $(if $(VALGRIND),valgrind -q --error-exitcode=99 --leak-check=full) \
	    $(BUILD)/run_spec "$(MUSTACHE_SPEC)"; \
	elif [ -d "$(SHARED)" ]; then \
	    echo "test-spec: FAILED: $(SHARED) is here but $(MUSTACHE_SPEC) is not"; exit 1; \
	else echo "test-spec: SKIPPED: the mustache specification ($(MUSTACHE_SPEC)) is not here"; fi

test-cli: $(BUILD)/baocao
	$(Q)tests/cli/run.sh $(BUILD)

# PDF/A through the real LibreOffice and fake ones (tests/pdf/run.sh).
test-pdf: $(BUILD)/baocao
	$(Q)tests/pdf/run.sh $(BUILD)

test-docx: $(BUILD)/baocao
	$(Q)tests/docx/run.sh $(BUILD) $(SHARED)

# `baocao ky`: a test CA, an NSS database and a SoftHSM2 token made by the
# suite; pdfsig checks the signatures (tests/sign/run.sh).
test-sign: $(BUILD)/baocao
	$(Q)tests/sign/run.sh $(BUILD)

# Real Word files of other projects (../shared/docx-corpus), not in `make
# test`: no crash, no hang, refusals with ids, text kept, valid outputs.
test-corpus: $(BUILD)/baocao test-import-corpus
	$(Q)tests/corpus/run.sh $(BUILD) $(SHARED)

# The import's .docx reader over the same corpus (tests/import-corpus/run.sh):
# about 20 s, so in `make test` as well.
test-import-corpus: $(BUILD)/baocao $(BUILD)/tools/import-dump
	$(Q)tests/import-corpus/run.sh $(BUILD) $(SHARED)

# Script suites: each tests/SUITE/run.sh BUILD_DIR SHARED_DIR, when present.
test-batch test-images test-templates test-i18n test-nhap: $(BUILD)/baocao
	$(Q)s=tests/$(@:test-%=%)/run.sh; if [ -x $$s ]; then $$s $(BUILD) $(SHARED); \
	else echo "$@: skipped ($$s not present)"; fi

demo: $(BUILD)/baocao
	$(Q)mkdir -p out
	$(Q)for f in examples/*.yaml; do \
	    o=out/$$(basename $$f .yaml).docx; \
	    $(BUILD)/baocao render $$f -o $$o || exit 1; \
	done
	$(Q)for f in examples/*/*.yaml; do \
	    $(BUILD)/baocao batch $$f -o out/$$(basename $$(dirname $$f)) || exit 1; \
	done

asan:
	$(Q)$(MAKE) BUILD=build-asan OPT="-O1 -g" ALLOC= \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test-unit test-spec test-cli test-batch test-images test-sign test-nhap

valgrind:
	$(Q)$(MAKE) BUILD=build-vg OPT="-O1 -g" ALLOC= VALGRIND=1 test-unit test-spec

# ---- fuzzing ----------------------------------------------------------------
# `make fuzz` builds every tests/fuzz/fuzz_*.c with clang's libFuzzer, ASan
# and UBSan (in build-fuzz) and runs each for FUZZ_SECONDS (FUZZ=report csv
# picks targets); tests/fuzz/run.sh says what a finding is.
FUZZ_SECONDS ?= 60
FUZZ ?=
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

fuzz: fuzz-build
	$(Q)tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ)

fuzz-build:
	$(Q)tools/ensure-deps.sh --cmd clang libfuzzer
	$(Q)$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g" ALLOC= \
	    SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" fuzz-targets

fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libbaocao.a
	$(Q)mkdir -p $(dir $@)
	@echo "  FUZZ-CC $<"
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -fsanitize=fuzzer $(DEPFLAGS) -o $@ $< \
	    $(BUILD)/libbaocao.a $(LDLIBS_ALL)

# ---- the JSON Schema of the input ------------------------------------------------
# docs/baocao.schema.json is made from generator/report/schema.c; a unit test
# fails when the committed file is not what `make schema` writes.
$(BUILD)/schema-json: tools/schema-json.c $(BUILD)/libbaocao.a
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL)

schema: $(BUILD)/schema-json
	$(Q)$(BUILD)/schema-json docs/baocao.schema.json
	@echo "wrote docs/baocao.schema.json"

$(BUILD)/bench_mustache: bench/bench_mustache.c $(BUILD)/libbaocao.a
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL)

$(BUILD)/bench_workbook: bench/bench_workbook.c $(BUILD)/libbaocao.a
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(LDLIBS_ALL)

bench: $(BUILD)/baocao $(BUILD)/bench_mustache $(BUILD)/bench_workbook
	$(Q)bench/run.sh $(BUILD) $(SHARED)

golden-update: $(BUILD)/baocao
	$(Q)tests/golden-update.sh $(BUILD)

install: $(BUILD)/baocao
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/baocao $(DESTDIR)$(BINDIR)/baocao
	install -m 644 docs/baocao.1 $(DESTDIR)$(MANDIR)/baocao.1
	install -d $(DESTDIR)$(PREFIX)/share/baocao
	install -m 644 docs/baocao.schema.json $(DESTDIR)$(PREFIX)/share/baocao/baocao.schema.json

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/baocao $(DESTDIR)$(MANDIR)/baocao.1 \
	    $(DESTDIR)$(PREFIX)/share/baocao/baocao.schema.json

clean:
	rm -rf build build-asan build-vg build-fuzz out

# the headers each object, test and tool read (-MMD -MP)
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
