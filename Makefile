# storepulse — the two commands:
#   make run    build, then run the main job on real data (DATA=path, or data/OnlineRetail.csv)
#               or on a generated sample of 500,000 rows, then train the models (OUT/models)
#   make test   build and pass every test
# Both install the Debian packages they need first (scripts/install-deps.sh).

SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
BUILD ?= build
DATA ?=
OUT ?= out
SAMPLE_ROWS ?= 500000
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=

SHARED_DATA := ../shared/data/OnlineRetail.csv
BIN := $(BUILD)/storepulse

.PHONY: all deps build binary run serve test bench fuzz check-asan format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS)

# The storepulse binary alone (what `make run` needs).
binary: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target storepulse

# The input of `make run`: DATA if given, else data/OnlineRetail.csv, else a sample.
RUN_INPUT = $(if $(DATA),$(DATA),$(if $(wildcard data/OnlineRetail.csv),data/OnlineRetail.csv,$(BUILD)/sample-$(SAMPLE_ROWS).csv))

$(BUILD)/sample-$(SAMPLE_ROWS).csv: | binary
	@$(BIN) generate --rows $(SAMPLE_ROWS) --seed 42 --output $@

run: binary
	@if [ -n "$(DATA)" ] && [ ! -f "$(DATA)" ]; then echo "make run: DATA=$(DATA) does not exist" >&2; exit 2; fi
	@if [ "$(RUN_INPUT)" = "$(BUILD)/sample-$(SAMPLE_ROWS).csv" ]; then \
	  echo "No real data (DATA=path or data/OnlineRetail.csv): using a generated sample of $(SAMPLE_ROWS) rows."; \
	  $(MAKE) --no-print-directory $(BUILD)/sample-$(SAMPLE_ROWS).csv; fi
	@mkdir -p $(OUT)
	@$(BIN) profile --input "$(RUN_INPUT)" --out $(OUT)
	@echo
	@$(BIN) batch --input "$(RUN_INPUT)" --out $(OUT)
	@echo
	@$(BIN) train --input "$(RUN_INPUT)" --models $(OUT)/models
	@echo "Also in $(OUT)/: profile.json and dataset_summary.csv (the data profile above)."

# The HTTP service on what `make run` left: the SQLite warehouse and OUT/models.
serve: binary
	@$(BIN) serve --models $(OUT)/models

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer over the whole test suite.
check-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTOREPULSE_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

bench:
	@scripts/install-deps.sh bench
	@cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSTOREPULSE_BENCH=ON -DSTOREPULSE_TESTS=OFF >/dev/null
	@cmake --build build-bench -j $(JOBS)
	@bench/run.sh build-bench

# libFuzzer on the CSV reader and the cleaning rules, FUZZ_SECONDS per target.
fuzz:
	@scripts/install-deps.sh fuzz
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSTOREPULSE_FUZZ=ON -DSTOREPULSE_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	@fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) build-asan build-bench build-fuzz $(OUT)
