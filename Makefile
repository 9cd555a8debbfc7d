# The two commands of the README: `make run` and `make test`.
# Everything else here is a helper they call.
BUILD_TYPE ?= Release
BUILD_DIR  ?= build/release
ASAN_DIR   ?= build/asan
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080
DATABASE   ?= sqlite:var/warroom.db

CMAKE_FLAGS = -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: all bootstrap build run test unit-asan bench docs format clean

# The contract and browser tests' tools from the npm registry, exactly as
# the lock files pin them (npm ci never resolves anew).
NODE_DEPS = tests/contract/node_modules/.package-lock.json
BROWSER_NODE_DEPS = tests/browser/node_modules/.package-lock.json

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: bootstrap $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p -m 700 var
	$(BUILD_DIR)/warroom serve --listen $(LISTEN) --database $(DATABASE)

$(NODE_DEPS): tests/contract/package.json tests/contract/package-lock.json
	cd tests/contract && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BROWSER_NODE_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Every suite, each timed (scripts/test prints the times at the end).
test: build $(NODE_DEPS) $(BROWSER_NODE_DEPS)
	BUILD_DIR=$(BUILD_DIR) ASAN_DIR=$(ASAN_DIR) JOBS=$(JOBS) scripts/test

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
unit-asan: bootstrap
	cmake -S . -B $(ASAN_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DWARROOM_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS) --target warroom_unit_tests
	cd $(ASAN_DIR) && ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	scripts/bench

# The API reference, rendered from docs/openapi.json by Redocly's build-docs
# (pinned in tests/contract): build/docs/api.html, one self-contained page
# (not committed).
docs: $(NODE_DEPS)
	@mkdir -p build/docs
	cd tests/contract && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	  node_modules/.bin/redocly build-docs ../../docs/openapi.json --output ../../build/docs/api.html

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
