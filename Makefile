# The two commands (README): `make demo` and `make test`. Everything else is a helper.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
# Tests mostly wait (on servers, retries, PostgreSQL), so twice as many run as there are cores:
# the pipeline and analyze-stage tests take 59 s at -j4 against 148 s at -j1 here (2 cores).
TEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))

.PHONY: all bootstrap build test demo demo-stop bench fuzz faults format clean

all: build

bootstrap:
	@scripts/bootstrap

# The product: the `converza` binary and the dashboard's static export.
build: bootstrap
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS) --target converza
	@$(MAKE) --no-print-directory web/out/index.html

# The dashboard's static export (served by `converza serve`), rebuilt only when a file under
# web/ changed since the last export (web/out/index.html is the stamp).
WEB_SOURCES := $(shell find web \( -name node_modules -o -name .next -o -name out -o -name e2e \) -prune \
  -o -type f -newer web/out/index.html -print 2>/dev/null | head -1)
web/out/index.html: $(WEB_SOURCES) web/package-lock.json
	@echo "web: next build (static export)"
	@cd web && NEXT_TELEMETRY_DISABLED=1 npm run --silent build >.next-build.log 2>&1 || { cat .next-build.log; exit 1; }
	@touch $@

# Every test, in one build tree compiled once with ASan + UBSan: the C++ unit and integration
# tests (GoogleTest), the fault tests, pgTAP RLS tests, the deploy tests, supabase-js, the fuzz
# pass, the style checks, the web unit tests and the browser scenarios against that `converza`.
# CI has 2 cores: a second, release build of the same sources cost about a third of the run. The
# release build is `make build` (and `make demo`); `ctest --preset release` after a full
# `cmake --build --preset release` runs every test there too.
test: bootstrap
	@cmake --preset $(TEST_PRESET) >/dev/null
	@cmake --build --preset $(TEST_PRESET) -j $(JOBS)
	@$(MAKE) --no-print-directory web/out/index.html
	@ctest --preset $(TEST_PRESET) -j $(TEST_JOBS) -E '_NOT_BUILT$$'
TEST_PRESET ?= asan

demo: build
	@scripts/demo

demo-stop:
	@scripts/demo stop

bench: build
	@cmake --build --preset $(PRESET) -j $(JOBS) --target benches
	@bench/run

# Every libFuzzer target for 5 minutes (make test runs each for 5 seconds).
fuzz: bootstrap
	@scripts/fuzz 300

# The fault and horizontal-scale tests at full length, one at a time (make test runs the short
# versions); prints each scenario's figures (docs/reliability.md). Log: build/$(PRESET)/faults.log
faults: build
	@cmake --build --preset $(PRESET) -j $(JOBS) --target fault_tests
	@FAULT_SCALE=long ctest --preset $(PRESET) -L faults -j1 -V >$(BUILD_DIR)/faults.log 2>&1; \
	  status=$$?; grep -h '\[fault\]' $(BUILD_DIR)/faults.log; exit $$status

format:
	@find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
