# steampipe-plugin-fortianalyzer
# `make demo` runs the seed use cases against the embedded simulator;
# `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin
PLUGIN_DIR := $(HOME)/.steampipe/plugins/local/fortianalyzer
CONFIG_DIR := $(HOME)/.steampipe/config

.PHONY: all build bins test vet demo install bench clean mod-sql test-mod-postgres

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

# The Powerpipe mod's queries and controls as NAME.pg.sql files (params replaced by their
# defaults; the endpoint detail dashboard's input by a simulator address), for
# QUERIES_DIR=$(MODSQL_DIR) postgres-fdw/run.sh.
MODSQL_DIR ?= $(BIN)/modsql
mod-sql:
	rm -rf $(MODSQL_DIR)
	$(GO) run ./cmd/modsql -mod mod -out $(MODSQL_DIR) -set endpoint_ip=10.0.1.50

# Runs every query and control of the mod through PostgreSQL and the Steampipe FDW against
# the simulator; fails on an error or an empty answer. Needs the FDW extension installed
# and FDW_RUN set to the postgres-fdw harness's run.sh.
test-mod-postgres: mod-sql
	@test -n "$(FDW_RUN)" || { echo "test-mod-postgres: set FDW_RUN=path/to/postgres-fdw/run.sh" >&2; exit 2; }
	@QUERIES_DIR=$(abspath $(MODSQL_DIR)) bash $(FDW_RUN) $(CURDIR) >$(BIN)/modsql.log 2>&1; rc=$$?; \
	  cat $(BIN)/modsql.log; \
	  if grep -q ' rows=0$$' $(BIN)/modsql.log; then echo "test-mod-postgres: empty answers above" >&2; exit 1; fi; \
	  exit $$rc
