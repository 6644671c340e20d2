package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// docExample is one sql+sqlite block of docs/tables/*.md.
type docExample struct {
	table, title, sql string
}

var (
	exampleTitle = regexp.MustCompile(`(?m)^### (.+)$`)
	sqliteBlock  = regexp.MustCompile("(?s)```sql\\+sqlite\n(.*?)```")
)

func docExamples(t *testing.T) []docExample {
	files, err := filepath.Glob("../docs/tables/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no table docs found: %v", err)
	}
	var out []docExample
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		table := strings.TrimSuffix(filepath.Base(f), ".md")
		// Split at example titles so each block is named by the title above it.
		sections := exampleTitle.Split(string(src), -1)
		titles := exampleTitle.FindAllStringSubmatch(string(src), -1)
		for i, sec := range sections[1:] {
			for _, m := range sqliteBlock.FindAllStringSubmatch(sec, -1) {
				out = append(out, docExample{table: table, title: titles[i][1], sql: m[1]})
			}
		}
	}
	return out
}

// mayBeEmpty lists examples whose answer can honestly be empty on the simulator's data.
var mayBeEmpty = map[string]bool{
	"Devices that are not connected": true, // every simulated device is up
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
		name := ex.table + "/" + strings.Trim(nonWord.ReplaceAllString(strings.ToLower(ex.title), "_"), "_")
		if seen[name]++; seen[name] > 1 {
			name += fmt.Sprint("_", seen[name])
		}
		t.Run(name, func(t *testing.T) {
			sql := strings.ReplaceAll(ex.sql, "'now'", "'"+fazTime(fixedNow)+"'")
			for doc, real := range tids {
				sql = strings.ReplaceAll(sql, doc, fmt.Sprint(real))
			}
			got := docResult{SQL: ex.sql}
			res, err := e.db.QueryAll(context.Background(), sql)
			if err != nil {
				t.Fatalf("example fails: %v\n%s", err, sql)
			}
			for _, c := range res.Columns {
				got.Columns = append(got.Columns, c.Name)
			}
			got.Rows = res.Rows
			if len(got.Rows) == 0 && !mayBeEmpty[ex.title] {
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

// createTask starts a FortiView task straight through JSON-RPC, as another tool would,
// and deletes it when the test ends.
func (e *env) createTask(t *testing.T, view string) int {
	t.Helper()
	call := func(body map[string]any) map[string]any {
		b, _ := json.Marshal(body)
		resp, err := http.Post(e.srv.URL+"/jsonrpc", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	login := call(map[string]any{"id": 1, "method": "exec", "params": []any{map[string]any{
		"url": "/sys/login/user", "data": map[string]any{"user": "admin", "passwd": "fortinet"}}}})
	sid, _ := login["session"].(string)
	url := "/fortiview/adom/root/" + view + "/run"
	d := e.sim.Data()
	add := call(map[string]any{"id": 2, "jsonrpc": "2.0", "method": "add", "session": sid, "params": []any{map[string]any{
		"url": url, "apiver": 3, "device": []any{map[string]any{"devid": "All_FortiGate"}}, "limit": 20,
		"time-range": map[string]any{"start": d.End().Add(-24 * time.Hour).In(d.Location()).Format("2006-01-02 15:04:05"),
			"end": d.End().In(d.Location()).Format("2006-01-02 15:04:05")}}}})
	res, _ := add["result"].(map[string]any)
	tid, ok := res["tid"].(float64)
	if !ok {
		t.Fatalf("creating a %s task: %v", view, add)
	}
	call(map[string]any{"id": 4, "method": "exec", "session": sid, "params": []any{map[string]any{"url": "/sys/logout"}}})
	t.Cleanup(func() { e.deleteTask(t, view, int(tid)) })
	return int(tid)
}

// deleteTask frees a task through JSON-RPC (with the API key, so no session is left open).
func (e *env) deleteTask(t *testing.T, view string, tid int) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"id": 3, "jsonrpc": "2.0", "method": "delete", "params": []any{map[string]any{
		"url": fmt.Sprintf("/fortiview/adom/root/%s/run/%d", view, tid), "apiver": 3}}})
	req, _ := http.NewRequest("POST", e.srv.URL+"/jsonrpc", bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer fazsim-api-key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
