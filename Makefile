# steampipe-plugin-fortianalyzer
# `make demo` runs the seed use cases against the embedded simulator;
# `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin
PLUGIN_DIR := $(HOME)/.steampipe/plugins/local/fortianalyzer
CONFIG_DIR := $(HOME)/.steampipe/config

.PHONY: all build bins test test-harness race lint vet demo install bench bench-startup clean

all: build

build:
	$(GO) build ./...

# The plugin binary, the simulator and the SQL shell.
bins:
	$(GO) build -o $(BIN)/steampipe-plugin-fortianalyzer .
	$(GO) build -o $(BIN)/fazsim ./cmd/fazsim
	$(GO) build -o $(BIN)/fazsql ./cmd/fazsql

# Starts the simulator on a free loopback port, runs the seed use cases through fazsql,
# stops the simulator whatever happens.
demo: bins
	$(GO) run ./scripts/demo

# Installs the plugin for Steampipe; keeps an existing connection config.
install:
	$(GO) build -o $(PLUGIN_DIR)/fortianalyzer.plugin .
	mkdir -p $(CONFIG_DIR)
	test -f $(CONFIG_DIR)/fortianalyzer.spc || cp config/fortianalyzer.spc $(CONFIG_DIR)/fortianalyzer.spc

vet:
	$(GO) vet ./...

# Every package's tests, except the benchmark harness's end-to-end run (-short in ./bench:
# slow, and it reads /proc); `make test-harness` runs that one.
test: vet
	$(GO) test -count=1 $$($(GO) list ./... | grep -v '/bench$$')
	$(GO) test -count=1 -short ./bench

test-harness:
	$(GO) test -count=1 -run TestMeasureInstantTasks ./bench

# The packages that do not include the SDK are clean under the race detector.
race:
	$(GO) test -count=1 -race ./internal/faz/... ./internal/fazsim/...

# golangci-lint at the version pinned in tools/go.mod (from the Go module proxy), with
# .golangci.yml.
lint:
	$(GO) tool -modfile=tools/go.mod golangci-lint run ./...

clean:
	rm -rf $(BIN)
bench: bins
	$(GO) run ./bench $(BENCHFLAGS)

# fazsql "select 1" with a cold and a warm compilation cache, side by side.
bench-startup: bins
	$(GO) run ./scripts/startup -fazsql $(BIN)/fazsql
