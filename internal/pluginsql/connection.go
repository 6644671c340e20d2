package pluginsql

import (
	"fmt"
	"path"
	"regexp"
)

// Connection is one connection block of a Steampipe .spc file.
type Connection struct {
	// Name is the connection name; it becomes the SQLite schema name.
	Name string
	// Plugin is the plugin the connection names (informational: the engine
	// serves one plugin, given to Open).
	Plugin string
	// Config is the HCL text of the connection body passed to the plugin,
	// without the plugin, type and connections attributes.
	Config string
	// Children makes this an aggregator connection: the names (or globs, as
	// in `connections = ["faz_*"]`) of the connections it aggregates.
	Children []string
}

// IsAggregator reports whether c aggregates other connections.
func (c Connection) IsAggregator() bool { return c.Children != nil }

// ConfigError reports an invalid connection list or .spc file.
type ConfigError struct {
	Connection string // empty when the error is not about one connection
	Msg        string
}

// Error names the connection at fault, if any, and the problem.
func (e *ConfigError) Error() string {
	if e.Connection == "" {
		return "pluginsql: " + e.Msg
	}
	return fmt.Sprintf("pluginsql: connection %q: %s", e.Connection, e.Msg)
}

// identRE is what a connection name may look like: it is used unquoted as a
// schema name by users, so keep it to plain identifiers (as Steampipe does).
var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reservedSchemas are SQLite's own schema names.
var reservedSchemas = map[string]bool{"main": true, "temp": true}

// resolveConnections validates conns and expands aggregator globs to the
// names of the plain connections they match, in declaration order.
func resolveConnections(conns []Connection) ([]Connection, error) {
	if len(conns) == 0 {
		return nil, &ConfigError{Msg: "no connections: give at least one connection"}
	}
	seen := map[string]bool{}
	var plain []string
	for _, c := range conns {
		if !identRE.MatchString(c.Name) {
			return nil, &ConfigError{Connection: c.Name, Msg: "name must match [A-Za-z_][A-Za-z0-9_]*"}
		}
		if reservedSchemas[c.Name] {
			return nil, &ConfigError{Connection: c.Name, Msg: "name is reserved by SQLite (main, temp)"}
		}
		if seen[c.Name] {
			return nil, &ConfigError{Connection: c.Name, Msg: "defined twice"}
		}
		seen[c.Name] = true
		if !c.IsAggregator() {
			plain = append(plain, c.Name)
		}
	}
	out := make([]Connection, len(conns))
	for i, c := range conns {
		out[i] = c
		if !c.IsAggregator() {
			continue
		}
		var kids []string
		picked := map[string]bool{}
		for _, pattern := range c.Children {
			if _, err := path.Match(pattern, ""); err != nil {
				return nil, &ConfigError{Connection: c.Name, Msg: fmt.Sprintf("bad connections pattern %q: %v", pattern, err)}
			}
			for _, name := range plain {
				if ok, _ := path.Match(pattern, name); ok && !picked[name] {
					picked[name] = true
					kids = append(kids, name)
				}
			}
		}
		if len(kids) == 0 {
			return nil, &ConfigError{Connection: c.Name, Msg: fmt.Sprintf("aggregator matches no connection (connections = %q)", c.Children)}
		}
		out[i].Children = kids
	}
	return out, nil
}

// defaultConnection is the connection answering unqualified table names:
// the first aggregator if any, else the first connection.
func defaultConnection(conns []Connection) Connection {
	for _, c := range conns {
		if c.IsAggregator() {
			return c
		}
	}
	return conns[0]
}
