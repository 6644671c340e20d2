# steampipe-plugin-fortianalyzer
# `make demo` runs the seed use cases against the embedded simulator;
# `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin
PLUGIN_DIR := $(HOME)/.steampipe/plugins/local/fortianalyzer
CONFIG_DIR := $(HOME)/.steampipe/config

.PHONY: all build bins test vet demo install bench faults clean

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

test: vet
	$(GO) test -count=1 ./...

clean:
	rm -rf $(BIN)
bench: bins
	$(GO) run ./bench $(BENCHFLAGS)

# Every simulator fault kind through the plugin; prints the reliability table.
# FAULTSFLAGS="-o BENCHMARKS.md" also updates its Reliability section.
faults:
	$(GO) run ./scripts/faults $(FAULTSFLAGS)
