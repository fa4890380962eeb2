# aitp: `make run` and `make test` are the whole set-up contract (see README.md).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATA_DIR ?= var
HOST ?= 127.0.0.1
PORT ?= 8000
# PORTABLE=1 builds a binary for any x86-64 (no -march=native); see docs/decisions/0003.
PORTABLE ?= 0
NATIVE := $(if $(filter 1,$(PORTABLE)),OFF,ON)

.PHONY: all bootstrap build build-dev web run test test-cpp test-web test-e2e bench format clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

web: bootstrap
	cd web && npm run build --silent

# Only what `make run` starts: the aitp binary (tests and benchmarks belong to make test / make bench).
build: bootstrap web
	cmake --preset release -DAITP_NATIVE=$(NATIVE) >/dev/null
	cmake --build --preset release -j $(JOBS) --target aitp

build-dev: bootstrap
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# The server generates demo data into an empty data directory on its first start.
run: build
	build/bin/aitp serve --data-dir "$(DATA_DIR)" --host $(HOST) --port $(PORT)

test: build-dev web
	bash scripts/lint.sh build-dev
	ctest --preset dev -j $(JOBS)
	cd web && npm test --silent
	bash scripts/e2e.sh build-dev/bin/aitp

# Debian 12's Google Benchmark 1.7.1 takes --benchmark_min_time as plain seconds (no "s" suffix).
bench: bootstrap
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)
	@for b in build-bench/bench/*_bench; do echo "== $$b"; "$$b" --benchmark_min_time=0.5 || exit 1; done

format:
	@bash scripts/format.sh

clean:
	rm -rf build build-dev build-bench build-relwithdebinfo web/dist
