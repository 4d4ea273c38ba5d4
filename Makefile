# The two commands (README): `make demo` and `make test`. Everything else is a helper.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all bootstrap build test sanitize demo demo-stop bench fuzz faults format clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)
	@$(MAKE) --no-print-directory web/out/index.html

# The dashboard's static export (served by `converza serve`), rebuilt only when a file under
# web/ changed since the last export (web/out/index.html is the stamp).
WEB_SOURCES := $(shell find web \( -name node_modules -o -name .next -o -name out -o -name e2e \) -prune \
  -o -type f -newer web/out/index.html -print 2>/dev/null | head -1)
web/out/index.html: $(WEB_SOURCES) web/package-lock.json
	@echo "web: next build (static export)"
	@cd web && NEXT_TELEMETRY_DISABLED=1 npm run --silent build >.next-build.log 2>&1 || { cat .next-build.log; exit 1; }
	@touch $@

# Every test: C++ unit tests, integration tests and pgTAP RLS tests against a throwaway
# PostgreSQL cluster the harness starts itself (CTest fixtures), the fuzz pass, the web tests;
# then the unit and integration tests again built with ASan + UBSan (`make sanitize` alone).
test: build
	@ctest --preset $(PRESET) -j $(JOBS)
	@$(MAKE) --no-print-directory sanitize

sanitize: bootstrap
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS) --target unit_tests pg_tests converza
	@ctest --preset asan -j $(JOBS) -L 'unit|integration'

demo: build
	@scripts/demo

demo-stop:
	@scripts/demo stop

bench: build
	@bench/run

# Every libFuzzer target for 5 minutes (make test runs each for 5 seconds).
fuzz: bootstrap
	@scripts/fuzz 300

# The fault and horizontal-scale tests at full length, one at a time (make test runs the short
# versions); prints each scenario's figures (docs/reliability.md). Log: build/$(PRESET)/faults.log
faults: build
	@FAULT_SCALE=long ctest --preset $(PRESET) -L faults -j1 -V >$(BUILD_DIR)/faults.log 2>&1; \
	  status=$$?; grep -h '\[fault\]' $(BUILD_DIR)/faults.log; exit $$status

format:
	@find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
