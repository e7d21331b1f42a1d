# Gazette. On a fresh Debian 12 machine:
#   make run    install dependencies, build, create a demo site, serve it
#   make test   install dependencies, build, run every test
#   make bench  Gazette against nginx on this machine (docs/performance.md)
# Also: make build, make deps, make clean.

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
JOBS      ?= $(shell nproc)
DB        ?= sqlite:var/gazette.db
ADMIN     ?= admin@example.org

FUZZ_DIR  ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all build run test test-asan fuzz bench deps deps-test clean

all: build

deps:
	@scripts/install-deps build

deps-test:
	@scripts/install-deps test

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# On the first start of an empty site, also an admin account: its password
# is printed once, as "password: ...".
run: build
	@$(BUILD_DIR)/gazette demo --if-empty --db $(DB)
	@$(BUILD_DIR)/gazette user add --role admin --name Admin --if-no-admin --db $(DB) $(ADMIN)
	@exec $(BUILD_DIR)/gazette serve --db $(DB)

# Unit, storage contract, end-to-end and browser tests against the Release
# build, then the unit, contract and end-to-end tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

test-asan: deps-test
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGAZETTE_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -L 'unit|contract|e2e'

# Not part of `make test`: the microbenchmarks (bench/micro, Google
# Benchmark), then the server pinned to one core and wrk to the other,
# against nginx serving the same bytes (bench/run.py).
bench: deps-test
	@scripts/install-deps bench
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)
	taskset -c 0 $(BUILD_DIR)/bench/micro/gazette_micro
	GAZETTE_BIN=$(abspath $(BUILD_DIR))/gazette python3 bench/run.py

# Runs each libFuzzer target of fuzz/ for FUZZ_SECONDS (built with clang).
fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_FUZZ=ON -DGAZETTE_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target text_page_fuzz markdown_fuzz comment_text_fuzz
	for t in text_page markdown comment_text; do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t && \
	  $(FUZZ_DIR)/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) $(FUZZ_DIR)/corpus/$$t fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
