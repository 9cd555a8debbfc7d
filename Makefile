# The two commands of the README: `make run` and `make test`.
# Everything else here is a helper they call.
BUILD_TYPE ?= Release
BUILD_DIR  ?= build/release
ASAN_DIR   ?= build/asan
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080
DATABASE   ?= sqlite:var/warroom.db

CMAKE_FLAGS = -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: all bootstrap build run test unit-asan bench format clean

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

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	$(MAKE) unit-asan

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
unit-asan: bootstrap
	cmake -S . -B $(ASAN_DIR) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DWARROOM_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS) --target warroom_unit_tests
	cd $(ASAN_DIR) && ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	scripts/bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
