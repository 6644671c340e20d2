package pluginsql

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// connectionMetaAttrs are the attributes Steampipe itself reads from a
// connection block; they are not part of the plugin's config.
var connectionMetaAttrs = map[string]bool{"plugin": true, "type": true, "connections": true, "import_schema": true}

// ParseSPC reads the connection blocks of a Steampipe .spc file. Other
// top-level blocks (options, plugin) are ignored. Each connection keeps its
// body text, minus plugin/type/connections, as the Config given to the
// plugin, so the plugin parses exactly what the user wrote.
func ParseSPC(src []byte) ([]Connection, error) {
	file, diags := hclsyntax.ParseConfig(src, "config.spc", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, &ConfigError{Msg: "parse .spc: " + diags.Error()}
	}
	body := file.Body.(*hclsyntax.Body)
	var conns []Connection
	for _, block := range body.Blocks {
		if block.Type != "connection" {
			continue
		}
		if len(block.Labels) != 1 {
			return nil, &ConfigError{Msg: fmt.Sprintf("line %d: a connection block takes one label: connection \"name\" { ... }", block.DefRange().Start.Line)}
		}
		c, err := parseConnectionBlock(src, block)
		if err != nil {
			return nil, err
		}
		conns = append(conns, c)
	}
	if len(conns) == 0 {
		return nil, &ConfigError{Msg: "no connection blocks in .spc"}
	}
	return conns, nil
}

// parseConnectionBlock turns one connection block into a Connection.
func parseConnectionBlock(src []byte, block *hclsyntax.Block) (Connection, error) {
	c := Connection{Name: block.Labels[0]}
	var kind string
	// pieces of body text kept for the plugin, in source order
	type piece struct {
		start int
		text  string
	}
	var pieces []piece
	for name, attr := range block.Body.Attributes {
		if !connectionMetaAttrs[name] {
			r := attr.SrcRange
			pieces = append(pieces, piece{r.Start.Byte, string(src[r.Start.Byte:r.End.Byte])})
			continue
		}
		val, diags := attr.Expr.Value(nil)
		if diags.HasErrors() {
			return c, &ConfigError{Connection: c.Name, Msg: fmt.Sprintf("%s: %s", name, diags.Error())}
		}
		switch name {
		case "plugin", "type":
			if val.Type() != cty.String || val.IsNull() {
				return c, &ConfigError{Connection: c.Name, Msg: name + " must be a string"}
			}
			if name == "plugin" {
				c.Plugin = val.AsString()
			} else {
				kind = val.AsString()
			}
		case "connections":
			if !val.CanIterateElements() || val.IsNull() {
				return c, &ConfigError{Connection: c.Name, Msg: `connections must be a list of strings, e.g. ["faz_*"]`}
			}
			c.Children = []string{}
			for it := val.ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.Type() != cty.String || v.IsNull() {
					return c, &ConfigError{Connection: c.Name, Msg: `connections must be a list of strings, e.g. ["faz_*"]`}
				}
				c.Children = append(c.Children, v.AsString())
			}
		}
	}
	for _, b := range block.Body.Blocks {
		if b.Type == "options" {
			continue // Steampipe connection options (cache...), not plugin config
		}
		r := b.Range()
		pieces = append(pieces, piece{r.Start.Byte, string(src[r.Start.Byte:r.End.Byte])})
	}
	switch kind {
	case "", "plugin":
		if c.Children != nil {
			return c, &ConfigError{Connection: c.Name, Msg: `connections is only valid with type = "aggregator"`}
		}
	case "aggregator":
		if c.Children == nil {
			return c, &ConfigError{Connection: c.Name, Msg: `an aggregator needs connections = ["name or glob", ...]`}
		}
	default:
		return c, &ConfigError{Connection: c.Name, Msg: fmt.Sprintf("type %q: accepted values are \"plugin\" and \"aggregator\"", kind)}
	}
	sort.Slice(pieces, func(i, j int) bool { return pieces[i].start < pieces[j].start })
	var sb strings.Builder
	for _, p := range pieces {
		sb.WriteString(p.text)
		sb.WriteString("\n")
	}
	c.Config = sb.String()
	return c, nil
}
