# Gazette. On a fresh Debian 12 machine:
#   make run    install dependencies, build, create a demo site, serve it
#   make test   install dependencies, build, run every test
# Also: make build, make deps, make clean.

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
JOBS      ?= $(shell nproc)
DB        ?= sqlite:var/gazette.db

.PHONY: all build run test test-unit test-asan deps deps-test clean

all: build

deps:
	@scripts/install-deps build

deps-test:
	@scripts/install-deps test

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/gazette demo --if-empty --db $(DB)
	@exec $(BUILD_DIR)/gazette serve --db $(DB)

# Unit, storage contract, end-to-end and browser tests against the Release
# build, then the unit and contract tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

test-asan: deps-test
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGAZETTE_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -L 'unit|contract'

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
