# aitp: `make run` and `make test` are the whole set-up contract (see README.md).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATA_DIR ?= var

.PHONY: all bootstrap build build-dev run test bench format clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev: bootstrap
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

# Until the server exists, `make run` creates the demo data and lists it.
run: build
	@if [ ! -d "$(DATA_DIR)/processed" ]; then \
		build/bin/aitp data gen --data-dir "$(DATA_DIR)" --demo; fi
	build/bin/aitp data ls --data-dir "$(DATA_DIR)"

test: build-dev
	ctest --preset dev -j $(JOBS)

bench: bootstrap
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)
	@for b in build-bench/bench/*_bench; do echo "== $$b"; "$$b" --benchmark_min_time=0.5s || exit 1; done

format:
	@bash scripts/format.sh

clean:
	rm -rf build build-dev build-bench build-relwithdebinfo
