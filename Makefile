# steampipe-plugin-fortianalyzer
# `make demo` runs the seed use cases against the embedded simulator;
# `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin
PLUGIN_DIR := $(HOME)/.steampipe/plugins/local/fortianalyzer
CONFIG_DIR := $(HOME)/.steampipe/config

.PHONY: all build test vet demo install bench clean

all: build

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

test: vet
	$(GO) test -count=1 ./...

clean:
	rm -rf $(BIN)
