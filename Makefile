# steampipe-plugin-fortianalyzer
# `make demo` runs the seed use cases against the embedded simulator;
# `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin
PLUGIN_DIR := $(HOME)/.steampipe/plugins/local/fortianalyzer
CONFIG_DIR := $(HOME)/.steampipe/config

.PHONY: all build bins test test-harness race lint vet demo install bench bench-startup clean test-postgres mod-sql test-mod-postgres

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

# Real PostgreSQL through Turbot's Steampipe FDW (not run by CI: it needs the FDW's source).
# The house's build script (FDW_TOOLS) builds the FDW's standalone extension around this
# plugin from git directories of turbot/steampipe-postgres-fdw (FDW_GIT_DIR) and
# turbot/steampipe (STEAMPIPE_GIT_DIR) and installs it into the local PostgreSQL; then
# scripts/pgcheck runs every docs example, the twins in e2e/testdata/postgres and every query
# and control of the Powerpipe mod through it and through the embedded engine, and compares.
FDW_TOOLS ?= ../shared/tools/postgres-fdw
FDW_REF   ?= v2.2.2
test-postgres: mod-sql
	@test -n "$(FDW_GIT_DIR)" || { echo "test-postgres: set FDW_GIT_DIR (a git dir of turbot/steampipe-postgres-fdw) and STEAMPIPE_GIT_DIR (of turbot/steampipe); see README, Development"; exit 2; }
	FDW_GIT_DIR=$(FDW_GIT_DIR) STEAMPIPE_GIT_DIR=$(STEAMPIPE_GIT_DIR) FDW_REF=$(FDW_REF) bash $(FDW_TOOLS)/build.sh .
	$(GO) run ./scripts/pgcheck -queries $(MODSQL_DIR) $(PGCHECK_FLAGS)

# The Powerpipe mod's queries and controls as NAME.pg.sql files (params replaced by their
# defaults; the endpoint detail dashboard's input by a simulator address).
MODSQL_DIR ?= $(BIN)/modsql
mod-sql:
	rm -rf $(MODSQL_DIR)
	$(GO) run ./cmd/modsql -mod mod -out $(MODSQL_DIR) -set endpoint_ip=10.0.1.50

# Runs every query and control of the mod through PostgreSQL and the Steampipe FDW (the
# extension test-postgres builds, installed beforehand) against the simulator, cold and with
# the query cache warm; fails on an error or an empty answer.
test-mod-postgres: mod-sql
	$(GO) run ./scripts/pgcheck -queries $(MODSQL_DIR) -run 'query: ' $(PGCHECK_FLAGS)

# fazsql "select 1" with a cold and a warm compilation cache, side by side.
bench-startup: bins
	$(GO) run ./scripts/startup -fazsql $(BIN)/fazsql
