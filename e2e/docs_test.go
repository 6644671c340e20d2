package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim/simtask"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/sqldocs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// docExamples returns the sql+sqlite examples of the table docs, named by table and title.
func docExamples(t *testing.T) []sqldocs.Example {
	files, err := filepath.Glob("../docs/tables/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no table docs found: %v", err)
	}
	var out []sqldocs.Example
	for _, f := range files {
		ex, err := sqldocs.Read(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ex {
			if e.SQLite != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// docResult is what a docs example's golden file pins.
type docResult struct {
	SQL     string   `json:"sql"`
	Columns []string `json:"columns,omitempty"`
	Rows    [][]any  `json:"rows,omitempty"`
	Error   string   `json:"error,omitempty"`
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// TestDocsExamples runs every sql+sqlite example of the table docs against the simulator's
// fixed data and compares the answer with testdata/docs/<table>/<title>.json (regenerate
// with go test ./e2e -run DocsExamples -update, and review the diff). 'now' in an example
// is the data's fixed end, as the plugin's clock is. Examples that read a task by id get
// the id of a task created on the simulator beforehand.
func TestDocsExamples(t *testing.T) {
	e := newEnv(t, envOptions{})
	tids := map[string]int{
		"12450": e.createTask(t, "top-sources"),
		"12470": e.createTask(t, "top-threats"),
	}
	examples := docExamples(t)
	if len(examples) < 20 {
		t.Fatalf("found only %d examples: the docs parser is broken", len(examples))
	}
	seen := map[string]int{}
	for _, ex := range examples {
		table := strings.TrimSuffix(filepath.Base(ex.File), ".md")
		name := table + "/" + strings.Trim(nonWord.ReplaceAllString(strings.ToLower(ex.Title), "_"), "_")
		if seen[name]++; seen[name] > 1 {
			name += fmt.Sprint("_", seen[name])
		}
		t.Run(name, func(t *testing.T) {
			sql := strings.ReplaceAll(ex.SQLite, "'now'", "'"+fazTime(fixedNow)+"'")
			for doc, real := range tids {
				sql = strings.ReplaceAll(sql, doc, fmt.Sprint(real))
			}
			got := docResult{SQL: ex.SQLite}
			res, err := e.db.QueryAll(context.Background(), sql)
			if err != nil {
				t.Fatalf("example fails: %v\n%s", err, sql)
			}
			for _, c := range res.Columns {
				got.Columns = append(got.Columns, c.Name)
			}
			got.Rows = res.Rows
			if len(got.Rows) == 0 {
				t.Fatalf("example returned no rows on the simulator's data:\n%s", sql)
			}
			// The rows as a set: the examples' ORDER BY leaves ties, whose order SQL does
			// not promise (ordering itself is pinned by the golden cases).
			sortRows(got.Rows)
			compareGolden(t, filepath.Join("testdata", "docs", name+".json"), got)
		})
	}
}

// compareGolden compares got, as JSON, with the file want (or rewrites it under -update).
func compareGolden(t *testing.T, want string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(want), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(want, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	exp, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("missing expected file (run go test ./e2e -run %s -update): %v", strings.SplitN(t.Name(), "/", 2)[0], err)
	}
	// Compare as JSON values so number formatting cannot cause false failures.
	var gv, ev any
	if err := json.Unmarshal(b, &gv); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(exp, &ev); err != nil {
		t.Fatalf("%s is not valid JSON: %v", want, err)
	}
	gb, _ := json.Marshal(gv)
	eb, _ := json.Marshal(ev)
	if !bytes.Equal(gb, eb) {
		t.Errorf("result differs from %s\n--- got\n%s", want, b)
	}
}

// createTask starts a FortiView task through JSON-RPC, as another tool would, and deletes it
// when the test ends.
func (e *env) createTask(t *testing.T, view string) int {
	t.Helper()
	d := e.sim.Data()
	tid, err := simtask.Add(context.Background(), e.srv.URL, view, d.End().Add(-24*time.Hour), d.End())
	if err != nil {
		t.Fatalf("creating a %s task: %v", view, err)
	}
	t.Cleanup(func() {
		if err := simtask.Delete(context.Background(), e.srv.URL, view, tid); err != nil {
			t.Errorf("deleting task %d: %v", tid, err)
		}
	})
	return tid
}

// deleteTask frees a task through JSON-RPC.
func (e *env) deleteTask(t *testing.T, view string, tid int) {
	t.Helper()
	if err := simtask.Delete(context.Background(), e.srv.URL, view, tid); err != nil {
		t.Fatal(err)
	}
}
