package pluginsql

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseSPC(t *testing.T) {
	src := `
# a comment
options "general" { update_check = false }

connection "faz_a" {
  plugin = "local/fortianalyzer"
  url    = "https://faz-a:443"
  api_key = "secret-a"
  options "connection" {
    cache = false
  }
  ignore_error_codes = [-11]
}

connection "faz_b" {
  plugin = "fortianalyzer"
  url    = "https://faz-b"
}

connection "faz" {
  plugin      = "fortianalyzer"
  type        = "aggregator"
  connections = ["faz_*"]
}
`
	conns, err := ParseSPC([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 3 {
		t.Fatalf("%d connections", len(conns))
	}
	a := conns[0]
	if a.Name != "faz_a" || a.Plugin != "local/fortianalyzer" || a.IsAggregator() {
		t.Errorf("faz_a = %+v", a)
	}
	wantCfg := "url    = \"https://faz-a:443\"\napi_key = \"secret-a\"\nignore_error_codes = [-11]\n"
	if a.Config != wantCfg {
		t.Errorf("faz_a config = %q, want %q", a.Config, wantCfg)
	}
	if strings.Contains(conns[1].Config, "plugin") {
		t.Errorf("plugin attribute kept in config: %q", conns[1].Config)
	}
	agg := conns[2]
	if !agg.IsAggregator() || !reflect.DeepEqual(agg.Children, []string{"faz_*"}) || strings.TrimSpace(agg.Config) != "" {
		t.Errorf("aggregator = %+v", agg)
	}
	resolved, err := resolveConnections(conns)
	if err != nil {
		t.Fatal(err)
	}
	if got := resolved[2].Children; !reflect.DeepEqual(got, []string{"faz_a", "faz_b"}) {
		t.Errorf("expanded children = %v", got)
	}
	if d := defaultConnection(resolved); d.Name != "faz" {
		t.Errorf("default = %s, want the aggregator", d.Name)
	}
}

func TestParseSPCErrors(t *testing.T) {
	cases := map[string]string{
		`connection "x" {`:                       "parse .spc",
		`options "general" {}`:                   "no connection blocks",
		`connection {}`:                          "one label",
		`connection "x" { type = "weird" }`:      `"plugin" and "aggregator"`,
		`connection "x" { type = "aggregator" }`: "needs connections",
		`connection "x" { connections = ["a"] }`: `only valid with type = "aggregator"`,
		"connection \"x\" {\n type = \"aggregator\"\n connections = \"a\"\n}": "list of strings",
	}
	for src, want := range cases {
		_, err := ParseSPC([]byte(src))
		var cerr *ConfigError
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want a ConfigError containing %q", src, err, want)
		}
	}
}

func TestResolveConnectionsErrors(t *testing.T) {
	cases := []struct {
		conns []Connection
		want  string
	}{
		{nil, "no connections"},
		{[]Connection{{Name: "bad-name"}}, "must match"},
		{[]Connection{{Name: "main"}}, "reserved"},
		{[]Connection{{Name: "a"}, {Name: "a"}}, "defined twice"},
		{[]Connection{{Name: "a"}, {Name: "agg", Children: []string{"b*"}}}, "matches no connection"},
		{[]Connection{{Name: "a"}, {Name: "agg", Children: []string{"[a"}}}, "bad connections pattern"},
	}
	for _, c := range cases {
		_, err := resolveConnections(c.conns)
		var cerr *ConfigError
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.conns, err, c.want)
		}
	}
}
