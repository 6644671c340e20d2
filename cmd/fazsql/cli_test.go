package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// testWiring serves a tiny plugin: table t_item (name, n, ok, tags, ts) with
// 5 rows, and t_fail whose list fails. Its list reports progress events.
func testWiring() wiring {
	type cfg struct {
		Label *string `hcl:"label"`
	}
	type item struct {
		Name  string
		N     int64
		Ok    bool
		Tags  []string
		Label string
	}
	return wiring{
		Name:       "toy",
		DefaultSPC: ".steampipe/config/toy.spc",
		Attrs: []attrFlag{
			{Flag: "label", Attr: "label", Help: "label"},
			{Flag: "loud", Attr: "loud", Bool: true, Help: "bool"},
		},
		New: func(progress func(progressEvent), _ func(string)) (plugin.PluginFunc, func(context.Context) error) {
			return func(ctx context.Context) *plugin.Plugin {
				return &plugin.Plugin{
					Name:                   "toy",
					DefaultTransform:       transform.FromGo(),
					ConnectionConfigSchema: &plugin.ConnectionConfigSchema{NewInstance: func() any { return &cfg{} }},
					TableMap: map[string]*plugin.Table{
						"t_item": {
							Name:        "t_item",
							Description: "Items.",
							List: &plugin.ListConfig{Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
								label := ""
								if c, ok := d.Connection.Config.(cfg); ok && c.Label != nil {
									label = *c.Label
								}
								for i := range 5 {
									if progress != nil {
										progress(progressEvent{ID: "t", Label: "items", Percentage: i * 20, Done: i == 4})
									}
									d.StreamListItem(ctx, item{Name: fmt.Sprintf("it%d", i), N: int64(i), Ok: i%2 == 0, Tags: []string{"a"}, Label: label})
								}
								return nil, nil
							}},
							Columns: []*plugin.Column{
								{Name: "name", Type: proto.ColumnType_STRING, Description: "Name."},
								{Name: "n", Type: proto.ColumnType_INT, Description: "Number.", Sort: plugin.SortAsc}, // streamed ascending
								{Name: "ok", Type: proto.ColumnType_BOOL, Description: "Flag."},
								{Name: "tags", Type: proto.ColumnType_JSON, Description: "Tags."},
								{Name: "label", Type: proto.ColumnType_STRING, Description: "Connection label."},
							},
						},
						"t_fail": {
							Name: "t_fail",
							List: &plugin.ListConfig{Hydrate: func(context.Context, *plugin.QueryData, *plugin.HydrateData) (any, error) {
								return nil, fmt.Errorf("backend refused:\nmultiline detail")
							}},
							Columns: []*plugin.Column{{Name: "name", Type: proto.ColumnType_STRING, Description: "Name."}},
						},
					},
				}
			}, nil
		},
	}
}

// runCLI runs the CLI with stdin and returns exit code, stdout, stderr.
func runCLI(t *testing.T, stdin string, home string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
		Home:   home,
	}
	code := run(context.Background(), args, e, testWiring())
	return code, out.String(), errb.String()
}

func TestCLIOneShotFormats(t *testing.T) {
	home := t.TempDir()
	code, out, stderr := runCLI(t, "", home, "-o", "csv", "select name, n, ok, tags from t_item where n < 2 order by n")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if want := "name,n,ok,tags\nit0,0,true,\"[\"\"a\"\"]\"\nit1,1,false,\"[\"\"a\"\"]\"\n"; out != want {
		t.Errorf("csv = %q, want %q", out, want)
	}
	_, out, stderr = runCLI(t, "", home, "--output", "json", "select name, n, ok, tags, null as missing from t_item where n = 0")
	if want := "[\n  {\"name\": \"it0\", \"n\": 0, \"ok\": true, \"tags\": [\"a\"], \"missing\": null}\n]\n"; out != want {
		t.Errorf("json = %q, want %q (stderr %q)", out, want, stderr)
	}
	_, out, _ = runCLI(t, "", home, "select name, n from t_item where n = 3")
	want := "+------+---+\n| name | n |\n+------+---+\n| it3  | 3 |\n+------+---+\n"
	if out != want {
		t.Errorf("table = %q, want %q", out, want)
	}
	_, out, _ = runCLI(t, "", home, "-o", "line", "select name, n from t_item where n = 3; select 1 as one")
	if want := "-[ RECORD 1 ]----\nname | it3\nn    | 3\n-[ RECORD 1 ]----\none | 1\n"; out != want {
		t.Errorf("line = %q, want %q", out, want)
	}
}

func TestCLIErrors(t *testing.T) {
	home := t.TempDir()
	code, out, stderr := runCLI(t, "", home, "select * from t_fail")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "Error: ") || !strings.Contains(stderr, "backend refused: multiline detail") {
		t.Errorf("stderr = %q, want one line with the plugin's message", stderr)
	}
	if code, _, stderr := runCLI(t, "", home, "-o", "xml", "select 1"); code != 2 || !strings.Contains(stderr, "table, json, csv, line") {
		t.Errorf("bad --output: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", home, "--config", filepath.Join(home, "missing.spc"), "select 1"); code != 1 || !strings.Contains(stderr, "--config") {
		t.Errorf("missing config: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", home, "--help"); code != 0 || !strings.Contains(stderr, "Usage:") {
		t.Errorf("--help: exit %d", code)
	}
	if code, _, stderr := runCLI(t, "", home, "select * from nope"); code != 1 || !strings.Contains(stderr, "no such table: nope") {
		t.Errorf("unknown table: exit %d, %q", code, stderr)
	}
}

func TestCLIConnectionsFromFlagsAndSPC(t *testing.T) {
	home := t.TempDir()
	_, out, stderr := runCLI(t, "", home, "--label", `x"${y}`, "-o", "csv", "select distinct label, sp_connection_name from t_item")
	if out != "label,sp_connection_name\n\"x\"\"${y}\",toy\n" {
		t.Errorf("flags: out %q stderr %q", out, stderr)
	}
	spc := filepath.Join(home, ".steampipe", "config")
	if err := os.MkdirAll(spc, 0o700); err != nil {
		t.Fatal(err)
	}
	src := `
connection "toy_1" {
  plugin = "toy"
  label  = "one"
}
connection "toy_2" {
  plugin = "toy"
  label  = "two"
}
connection "toy_all" {
  plugin      = "toy"
  type        = "aggregator"
  connections = ["toy_*"]
}`
	if err := os.WriteFile(filepath.Join(spc, "toy.spc"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, out, stderr = runCLI(t, "", home, "-o", "csv", "select sp_connection_name, label, count(*) from t_item group by 1, 2 order by 1")
	if out != "sp_connection_name,label,count(*)\ntoy_1,one,5\ntoy_2,two,5\n" {
		t.Errorf("default spc: out %q stderr %q", out, stderr)
	}
	_, out, _ = runCLI(t, "", home, "-o", "csv", "select distinct label from toy_2.t_item")
	if out != "label\ntwo\n" {
		t.Errorf("schema-qualified: %q", out)
	}
	if code, _, stderr := runCLI(t, "", home, "--config", filepath.Join(spc, "toy.spc"), "--label", "z", "select 1"); code != 1 || !strings.Contains(stderr, "either --config or connection flags") {
		t.Errorf("config + flags: exit %d %q", code, stderr)
	}
}

func TestCLIShellFromPipe(t *testing.T) {
	home := t.TempDir()
	script := `.output csv
-- a comment
select name
  from t_item
 where n = 1; select 'a;b' as s;
.tables
.inspect t_item
.connections
.nope
select count(*) as c from t_item
`
	code, out, stderr := runCLI(t, script, home)
	if code != 1 { // .nope failed
		t.Errorf("exit %d, want 1 after a failed command", code)
	}
	for _, want := range []string{"name\nit1\n", "s\na;b\n", "| t_item | Items.", "| BOOLEAN |", "| toy        | plugin (default) |", "c\n5\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "unknown command .nope") {
		t.Errorf("stderr = %q", stderr)
	}
	inspectsSort := false
	for _, l := range strings.Split(out, "\n") {
		inspectsSort = inspectsSort || (strings.HasPrefix(l, "| n ") && strings.Contains(l, "| asc "))
	}
	if !inspectsSort {
		t.Errorf(".inspect does not show n's sort order:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(home, ".fazsql_history")); err == nil {
		t.Error("non-interactive shell wrote history")
	}
}
