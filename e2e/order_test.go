package e2e

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// addRecorder keeps the parameters of every FortiView add the plugin sends.
type addRecorder struct {
	mu   sync.Mutex
	adds []map[string]any
}

func (a *addRecorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct {
			Method string           `json:"method"`
			Params []map[string]any `json:"params"`
		}
		if json.Unmarshal(body, &req) == nil && req.Method == "add" && len(req.Params) > 0 {
			if u, _ := req.Params[0]["url"].(string); strings.HasPrefix(u, "/fortiview/") {
				a.mu.Lock()
				a.adds = append(a.adds, req.Params[0])
				a.mu.Unlock()
			}
		}
		next.ServeHTTP(w, r)
	})
}

// take returns "url sort-by limit" of the adds since the last take, sorted.
func (a *addRecorder) take() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, p := range a.adds {
		sorts := []string{}
		if l, ok := p["sort-by"].([]any); ok {
			for _, s := range l {
				m, _ := s.(map[string]any)
				sorts = append(sorts, fmt.Sprintf("%v %v", m["field"], m["order"]))
			}
		}
		out = append(out, fmt.Sprintf("%v [%s] limit %v", p["url"], strings.Join(sorts, ","), p["limit"]))
	}
	a.adds = nil
	slices.Sort(out)
	return out
}

// column renders one column of rows as strings.
func column(rows []map[string]any, name string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r[name])
	}
	return out
}

// topBy sorts rows by the int64 column (desc or asc, NULL lowest as in SQLite) and keeps n.
func topBy(rows []map[string]any, col string, desc bool, n int) []string {
	cp := slices.Clone(rows)
	slices.SortStableFunc(cp, func(a, b map[string]any) int {
		c := 0
		switch x, y := a[col], b[col]; {
		case x == nil && y == nil:
		case x == nil:
			c = -1
		case y == nil:
			c = 1
		default:
			// integers compare as numbers; timestamps ("2006-01-02 15:04:05") as text
			xi, xok := x.(int64)
			yi, yok := y.(int64)
			if xok && yok {
				c = cmp.Compare(xi, yi)
			} else {
				c = strings.Compare(fmt.Sprint(x), fmt.Sprint(y))
			}
		}
		if desc {
			c = -c
		}
		return c
	})
	return column(cp[:min(n, len(cp))], col)
}

// TestOrderByBecomesSortBy: an ORDER BY on a sortable column of a FortiView table is the
// task's sort-by, and the LIMIT its limit: one task of N rows, in that order. Any other
// ORDER BY leaves the view's default ranking and limit, and SQLite sorts.
func TestOrderByBecomesSortBy(t *testing.T) {
	rec := &addRecorder{}
	e := newEnv(t, envOptions{wrap: rec.wrap})
	all := e.mustQuery(`select srcip, sessions, bytes from fortianalyzer_top_source`)
	if len(all) < 10 {
		t.Fatalf("top-sources has %d rows; the cases need more than their limits", len(all))
	}
	rec.take()
	e.takeScans()
	const url = "/fortiview/adom/root/top-sources/run"
	cases := []struct {
		name, sql string
		wantAdds  []string
		wantSort  []string // ScanInfo.Sort
		col       string
		desc      bool
		n         int
	}{
		{"desc limit", `select srcip, sessions from fortianalyzer_top_source order by sessions desc limit 5`,
			[]string{url + " [sessions desc] limit 5"}, []string{"sessions desc"}, "sessions", true, 5},
		{"asc limit", `select srcip, sessions from fortianalyzer_top_source order by sessions limit 3`,
			[]string{url + " [sessions asc] limit 3"}, []string{"sessions asc"}, "sessions", false, 3},
		{"computed column", `select srcip, bytes from fortianalyzer_top_source order by bytes desc limit 4`,
			[]string{url + " [bandwidth desc] limit 4"}, []string{"bytes desc"}, "bytes", true, 4},
		{"no limit", `select srcip, sessions from fortianalyzer_top_source order by sessions desc`,
			[]string{url + " [sessions desc] limit 1000"}, []string{"sessions desc"}, "sessions", true, len(all)},
		{"two terms: ties need every row", `select srcip, sessions, bytes from fortianalyzer_top_source order by sessions desc, bytes desc limit 3`,
			[]string{url + " [sessions desc] limit 1000"}, []string{"sessions desc", "bytes desc"}, "sessions", true, 3},
		{"text column: SQLite sorts", `select srcip, sessions from fortianalyzer_top_source order by srcip limit 3`,
			[]string{url + " [bandwidth desc] limit 1000"}, nil, "", false, 3},
		{"no order: the view's ranking", `select srcip, bytes from fortianalyzer_top_source limit 5`,
			[]string{url + " [bandwidth desc] limit 5"}, nil, "bytes", true, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := e.mustQuery(c.sql)
			if got := rec.take(); !reflect.DeepEqual(got, c.wantAdds) {
				t.Errorf("adds = %v, want %v", got, c.wantAdds)
			}
			scans := e.takeScans()
			if len(scans) != 1 || !reflect.DeepEqual(scans[0].Sort, c.wantSort) {
				t.Errorf("scans = %+v, want one with Sort %v", scans, c.wantSort)
			}
			if len(rows) != c.n {
				t.Fatalf("%d rows, want %d", len(rows), c.n)
			}
			if c.col != "" {
				got, want := column(rows, c.col), topBy(all, c.col, c.desc, c.n)
				if c.wantSort == nil {
					// no order asked: the right rows, in whatever order the SDK streams them
					slices.Sort(got)
					slices.Sort(want)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %v, want %v", c.col, got, want)
				}
			}
		})
	}
	// two terms: the second orders the ties of the first
	rows := e.mustQuery(`select sessions, bytes from fortianalyzer_top_source order by sessions desc, bytes desc`)
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if a["sessions"].(int64) == b["sessions"].(int64) && a["bytes"].(int64) < b["bytes"].(int64) {
			t.Errorf("rows %d, %d: bytes ascending within equal sessions: %v, %v", i-1, i, a, b)
		}
	}
}

// TestOrderByAcrossTasks: an IN list makes the SDK run one list call per value and
// interleave their rows, so the embedded engine sorts them itself and keeps the LIMIT.
func TestOrderByAcrossTasks(t *testing.T) {
	rec := &addRecorder{}
	e := newEnv(t, envOptions{wrap: rec.wrap})
	all := e.mustQuery(`select srcip, sessions, adom from fortianalyzer_top_source where adom in ('root', 'Branch_Office')`)
	adoms := map[string]bool{}
	for _, r := range all {
		adoms[fmt.Sprint(r["adom"])] = true
	}
	if len(adoms) != 2 {
		t.Fatalf("the case needs rows in both ADOMs, got %v", adoms)
	}
	rec.take()
	e.takeScans()
	rows := e.mustQuery(`select srcip, sessions, adom from fortianalyzer_top_source where adom in ('root', 'Branch_Office') order by sessions desc limit 6`)
	want := []string{
		"/fortiview/adom/Branch_Office/top-sources/run [bandwidth desc] limit 1000",
		"/fortiview/adom/root/top-sources/run [bandwidth desc] limit 1000",
	}
	if got := rec.take(); !reflect.DeepEqual(got, want) {
		t.Errorf("adds = %v, want %v", got, want)
	}
	if got, w := column(rows, "sessions"), topBy(all, "sessions", true, 6); !reflect.DeepEqual(got, w) {
		t.Errorf("sessions = %v, want %v", got, w)
	}
	for _, s := range e.takeScans() {
		if s.Sort != nil || s.Limit != -1 {
			t.Errorf("scan %+v: an order or limit went down with an IN list", s)
		}
	}
}

// TestOrderByWhereTheApplianceCannotSort: the seed documents' server lacks policy-hits'
// counts; the plugin then reads every row in the view's order and sorts them itself,
// rather than answer in an order SQL did not ask for.
func TestOrderByWhereTheApplianceCannotSort(t *testing.T) {
	rec := &addRecorder{}
	e := newEnv(t, envOptions{wrap: rec.wrap, sim: fazsim.Options{Dialect: fazsim.DialectExamples}})
	all := e.mustQuery(`select policy_id, hits from fortianalyzer_policy_hit`)
	rec.take()
	rows := e.mustQuery(`select policy_id, hits from fortianalyzer_policy_hit order by hits desc limit 3`)
	want := []string{
		"/fortiview/adom/root/policy-hits/run [] limit 1000",
		"/fortiview/adom/root/policy-hits/run [counts desc] limit 3",
	}
	if got := rec.take(); !reflect.DeepEqual(got, want) {
		t.Errorf("adds = %v, want the refused sorted one, then every row in the view's order %v", got, want)
	}
	if got, w := column(rows, "hits"), topBy(all, "hits", true, 3); !reflect.DeepEqual(got, w) || len(all) < 4 {
		t.Errorf("hits = %v, want %v (of %d rows)", got, w, len(all))
	}
}

// TestEverySortableColumnSorts: for every column of every table that declares a sort, in
// both dialects, `order by col desc limit 3` (and asc, for each table's first) goes down
// and returns the first three values of the table's unsorted rows sorted here: the
// simulator ranks by each sort-by the spec allows, numerically, and the plugin maps each
// column to its field.
func TestEverySortableColumnSorts(t *testing.T) {
	for _, dialect := range []string{fazsim.DialectReal, fazsim.DialectExamples} {
		t.Run(dialect, func(t *testing.T) {
			// fewer logs than the default: every query aggregates them all again
			e := newEnv(t, envOptions{sim: fazsim.Options{Dialect: dialect, LogRows: 20_000}})
			n := 0
			for _, ti := range e.db.Tables("") {
				var cols []string
				for _, c := range ti.Columns {
					if c.Sort == "" {
						continue
					}
					if c.Sort != "asc desc" {
						t.Errorf("%s.%s sorts %q; FortiView sorts either way", ti.Name, c.Name, c.Sort)
					}
					cols = append(cols, c.Name)
				}
				if len(cols) == 0 {
					continue
				}
				all := e.mustQuery(fmt.Sprintf(`select %s from %s`, strings.Join(cols, ", "), ti.Name))
				for i, col := range cols {
					for _, desc := range []bool{true, false} {
						if (!desc || dialect == fazsim.DialectExamples) && i > 0 {
							continue // the other dialect, and asc, once per table
						}
						n++
						dir := map[bool]string{true: "desc", false: "asc"}[desc]
						e.takeScans()
						rows := e.mustQuery(fmt.Sprintf(`select %s from %s order by %s %s limit 3`, col, ti.Name, col, dir))
						if got, want := column(rows, col), topBy(all, col, desc, 3); !reflect.DeepEqual(got, want) {
							t.Errorf("%s order by %s %s: %v, want %v (of %d rows)", ti.Name, col, dir, got, want, len(all))
						}
						if s := e.takeScans(); len(s) != 1 || len(s[0].Sort) != 1 || s[0].Limit != 3 {
							t.Errorf("%s order by %s %s: scans %+v, want the order and limit 3 pushed", ti.Name, col, dir, s)
						}
					}
				}
			}
			if n < 10 {
				t.Errorf("only %d sorted queries", n)
			}
		})
	}
}
