package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// wiring is everything plugin-specific the CLI needs (see plugin.go).
type wiring struct {
	Name       string     // plugin name, also the connection name built from flags
	DefaultSPC string     // Steampipe config file, relative to the home directory
	Attrs      []attrFlag // flags that become connection attributes
	// New builds the plugin; progress (maybe nil) receives task progress, warn the
	// plugin's warnings about risky settings, to show to the user. The returned
	// function, when not nil, releases what the plugin holds on its servers (sessions,
	// tasks still being deleted) and is called before the CLI exits.
	New func(progress func(progressEvent), warn func(string)) (plugin.PluginFunc, func(context.Context) error)
	// Examples for --help.
	Examples string
}

// attrFlag maps a command-line flag to a connection config attribute.
type attrFlag struct {
	Flag, Attr, Help string
	Bool             bool
}

// connSource says where connections come from.
type connSource struct {
	ConfigPath string            // --config
	Attrs      map[string]string // attribute -> value, from flags that were set
	Home       string            // home directory, for the default .spc
}

// loadConnections picks the connections: connection flags build one
// connection (the plugin reads its environment variables for anything not
// given); else --config; else the default Steampipe .spc if present; else
// one connection configured by environment variables alone.
func loadConnections(w wiring, src connSource) ([]pluginsql.Connection, string, error) {
	if len(src.Attrs) > 0 {
		if src.ConfigPath != "" {
			return nil, "", errors.New("give either --config or connection flags, not both")
		}
		return []pluginsql.Connection{{Name: w.Name, Plugin: w.Name, Config: hclBody(w, src.Attrs)}}, "flags", nil
	}
	path := src.ConfigPath
	if path == "" && src.Home != "" {
		def := filepath.Join(src.Home, w.DefaultSPC)
		if _, err := os.Stat(def); err == nil {
			path = def
		}
	}
	if path == "" {
		return []pluginsql.Connection{{Name: w.Name, Plugin: w.Name}}, "environment", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("--config: %w", err)
	}
	conns, err := pluginsql.ParseSPC(b)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return conns, path, nil
}

// hclBody renders attributes as HCL, in the wiring's flag order.
func hclBody(w wiring, attrs map[string]string) string {
	var sb strings.Builder
	for _, a := range w.Attrs {
		v, ok := attrs[a.Attr]
		if !ok {
			continue
		}
		if a.Bool {
			fmt.Fprintf(&sb, "%s = %s\n", a.Attr, v)
		} else {
			fmt.Fprintf(&sb, "%s = %s\n", a.Attr, hclString(v))
		}
	}
	return sb.String()
}

// hclString quotes s as an HCL string literal, escaping template
// sequences so a password containing "${" stays literal.
func hclString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}
