package modcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each fixture mod under testdata shows one family of mistakes; the test pins every
// diagnostic, with its file and line, so a check that stops firing fails here.
func TestFixtures(t *testing.T) {
	cases := []struct {
		dir  string
		want []string
	}{
		{"good", nil},
		{"typo_attribute", []string{
			`mod.pp:7:5: unsupported attribute "widht" in card block; did you mean "width"?`,
		}},
		{"typo_block", []string{
			`mod.pp:7:5: unsupported block type "serie" in chart block; did you mean "series"?`,
		}},
		{"missing_reference", []string{
			`mod.pp:10:13: reference to undefined query.threat_cuont; did you mean "threat_count"?`,
			`mod.pp:14:13: card.d_anonymous_card_1: query must reference a query block, as query.NAME`,
			`mod.pp:14:13: unsupported reference query[...]: use query.NAME`,
			`mod.pp:19:15: reference to undefined control.nope`,
			`mod.pp:19:29: benchmark.b: a benchmark child must be control.NAME or benchmark.NAME`,
		}},
		{"syntax_error", []string{
			`mod.pp:4:11: Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.`,
		}},
		{"args_params", []string{
			`mod.pp:14:1: query.unused: sql uses $2 but declares 1 param(s)`,
			`mod.pp:17:3: query.unused: param "a" is $1, which the sql never uses`,
			`mod.pp:22:1: control.no_args: param "ip" of query.q has no default and no arg gives it`,
			`mod.pp:26:1: control.wrong_name: param "ip" of query.q has no default and no arg gives it`,
			`mod.pp:29:11: control.wrong_name: arg "ipp" matches no param of query.q (params: ip, limit); did you mean "ip"?`,
			`mod.pp:35:11: control.too_many: 3 positional args for 2 param(s) of query.q`,
		}},
		// Without param blocks Powerpipe passes positional args as they are and drops named ones.
		{"no_params", []string{
			`mod.pp:16:12: table.d_anonymous_table_1: named args, but query.by_position declares no param blocks: Powerpipe would pass none of them`,
			`mod.pp:21:3: table.d_anonymous_table_2: query.by_position uses $1 and no arg gives it`,
			`mod.pp:27:13: table.d_anonymous_table_3: 2 positional arg(s) for the $1..$1 of query.by_position`,
		}},
		{"inputs_files_labels_require", []string{
			`mod.pp:2:24: file("./docs/missing.md"): no such file in the mod`,
			`mod.pp:5:5: plugin "local/fortianalyzer" needs min_version`,
			`mod.pp:17:13: dashboard "d" has no input "ipp"; did you mean "ip"?`,
			`mod.pp:22:3: card block takes 0 label(s), has 1`,
		}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			_, diags := Load(filepath.Join("testdata", c.dir))
			got := strings.Split(strings.TrimSuffix(Format(diags), "\n"), "\n")
			if len(diags) == 0 {
				got = nil
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if (len(c.want) > 0) != diags.HasErrors() {
				t.Errorf("HasErrors() = %v with %d expected diagnostics", diags.HasErrors(), len(c.want))
			}
		})
	}
}

func TestStatements(t *testing.T) {
	m, diags := Load("testdata/good")
	if diags.HasErrors() {
		t.Fatal(Format(diags))
	}
	if _, err := m.Statements(nil); err == nil || !strings.Contains(err.Error(), `param "ip" of query.hits has no constant arg or default`) {
		t.Fatalf("Statements(nil) error = %v, want one naming the param without default", err)
	}
	stmts, err := m.Statements(map[string]string{"ip": "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, s := range stmts {
		got[s.Name] = strings.TrimSpace(s.SQL)
		order = append(order, s.Name)
	}
	if want := "query_ips query_hits query_over control_over control_inline"; strings.Join(order, " ") != want {
		t.Errorf("statements %q, want %q", strings.Join(order, " "), want)
	}
	// ${dashboard.NAME.url_path} in SQL is the dashboard's path, as Powerpipe renders it
	if want := `select '10.0.0.1' as label, '10.0.0.1' as value, '/fixture.dashboard.detail' as link`; got["query_ips"] != want {
		t.Errorf("query_ips:\n got %s\nwant %s", got["query_ips"], want)
	}
	for name, want := range map[string]string{
		// $N inside a string literal or a comment is not a placeholder.
		"query_hits": `select count(*) as value from fortianalyzer_log where srcip = '10.0.0.1' and message <> '$2' -- $3`,
		// defaults, quoted the way Powerpipe passes them
		"query_over": `select 5::int as threshold, 'it''s' as name, true as flag`,
		// a control's constant arg wins over the default
		"control_over":   `select 7::int as threshold, 'it''s' as name, true as flag`,
		"control_inline": `select 'r' as resource, 'ok' as status, 'fine' as reason`,
	} {
		if got[name] != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got[name], want)
		}
	}
	// a given value beats a default, not a control's constant arg
	stmts, err = m.Statements(map[string]string{"ip": "10.0.0.1", "threshold": "9"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		want := map[string]string{
			"query_over":   `select '9'::int as threshold`,
			"control_over": `select 7::int as threshold`,
		}[s.Name]
		if want != "" && !strings.HasPrefix(strings.TrimSpace(s.SQL), want) {
			t.Errorf("%s with threshold=9: %s, want prefix %s", s.Name, strings.TrimSpace(s.SQL), want)
		}
	}
}

// The repository's mod: valid, every query used, every statement renderable with the
// sample endpoint the Makefile's mod-sql target passes, and no placeholder left over.
func TestRepositoryMod(t *testing.T) {
	m, diags := Load("../../mod")
	if len(diags) > 0 {
		t.Fatalf("mod/ has problems:\n%s", Format(diags))
	}
	if u, err := m.Unformatted(false); err != nil || len(u) > 0 {
		t.Errorf("files not in canonical HCL layout (go run ./cmd/modsql -fmt): %v %v", u, err)
	}
	if u := m.Unreferenced(); len(u) > 0 {
		t.Errorf("queries nothing references: %v", u)
	}
	stmts, err := m.Statements(map[string]string{"endpoint_ip": "10.0.1.50"})
	if err != nil {
		t.Fatal(err)
	}
	controls := 0
	for _, s := range stmts {
		if len(placeholders(s.SQL)) > 0 {
			t.Errorf("%s still has a placeholder:\n%s", s.Name, s.SQL)
		}
		if strings.HasPrefix(s.Name, "control_") {
			controls++
			for _, col := range []string{" as resource", " as status", " as reason"} {
				if !strings.Contains(s.SQL, col) {
					t.Errorf("%s has no %q column", s.Name, strings.TrimPrefix(col, " as "))
				}
			}
		}
	}
	if controls == 0 {
		t.Error("mod/ has no control")
	}
	// the docs describe every dashboard
	doc, err := os.ReadFile("../../mod/docs/index.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Resources() {
		if r.Kind == "dashboard" && r.Top && !strings.Contains(string(doc), "dashboard."+r.Name) {
			t.Errorf("mod/docs/index.md does not describe dashboard.%s", r.Name)
		}
	}
}
