package pluginsql

import (
	"context"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rankScores renders the scores of toy_rank sorted by less, the first n of them.
func rankScores(n int, less func(a, b rankRow) bool) []string {
	rows := toyRanks()
	sort.SliceStable(rows, func(i, j int) bool { return less(rows[i], rows[j]) })
	var out []string
	for _, r := range rows[:n] {
		out = append(out, strconv.FormatInt(r.Score, 10))
	}
	return out
}

// TestToyRankIsScrambled guards the tests below: toy_rank's own order is sorted by
// none of its columns, so an engine that trusts an order it did not get returns wrong rows.
func TestToyRankIsScrambled(t *testing.T) {
	rows := toyRanks()
	if sort.SliceIsSorted(rows, func(i, j int) bool { return rows[i].Score < rows[j].Score }) ||
		sort.SliceIsSorted(rows, func(i, j int) bool { return rows[i].Score > rows[j].Score }) ||
		sort.SliceIsSorted(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name }) {
		t.Fatal("toy_rank's rows are already sorted: the ORDER BY tests could not fail")
	}
}

func TestOrderByPushedWhenDeclared(t *testing.T) {
	db, ty, sl := openToy(t, "")
	asc := func(a, b rankRow) bool { return a.Score < b.Score }
	desc := func(a, b rankRow) bool { return a.Score > b.Score }
	byName := func(a, b rankRow) bool { return a.Name < b.Name }
	cases := []struct {
		name, sql string
		wantSort  []string // what the plugin was asked for; nil: SQLite sorts
		wantLimit int64
		want      []string // scores, in order
	}{
		{"asc", `select score from toy_rank order by score`, []string{"score asc"}, -1, rankScores(20, asc)},
		{"desc limit", `select score from toy_rank order by score desc limit 3`, []string{"score desc"}, 3, rankScores(3, desc)},
		{"limit offset", `select score from toy_rank order by score limit 2 offset 3`, []string{"score asc"}, 5, rankScores(5, asc)[3:]},
		{"desc-only column", `select score from toy_rank order by down desc limit 4`, []string{"down desc"}, 4, rankScores(4, desc)},
		{"desc-only column asc", `select score from toy_rank order by down limit 4`, nil, -1, rankScores(4, asc)},
		{"asc-only column desc", `select score from toy_rank order by up desc limit 4`, nil, -1, rankScores(4, desc)},
		{"undeclared column", `select score from toy_rank order by name limit 4`, nil, -1, rankScores(4, byName)},
		{"mixed terms", `select score from toy_rank order by score desc, name limit 4`, nil, -1, rankScores(4, desc)},
		{"two declared terms", `select score from toy_rank order by score, down desc limit 4`, []string{"score asc", "down desc"}, 4, rankScores(4, asc)},
		{"unhandled qual: order, no limit", `select score from toy_rank where name like 'r1%' order by score desc limit 2`, []string{"score desc"}, -1, []string{"9", "8"}},
		{"= qual", `select score from toy_rank where grp = 'g1' order by score desc limit 2`, []string{"score desc"}, 2, []string{"19", "17"}},
		{"IN list: the SDK interleaves one call per value", `select score from toy_rank where grp in ('g0', 'g1') order by score desc limit 3`, nil, -1, rankScores(3, desc)},
		{"expression", `select score from toy_rank order by score + 0 desc limit 3`, nil, -1, rankScores(3, desc)},
		{"collation", `select score from toy_rank order by score collate nocase desc limit 3`, nil, -1, rankScores(3, desc)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ty.reset()
			sl.mu.Lock()
			sl.scans = nil
			sl.mu.Unlock()
			got := colOf(query(t, db, c.sql), 0)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: rows %v, want %v", c.sql, got, c.want)
			}
			calls := ty.callsFor("toy_rank")
			if len(calls) == 0 {
				t.Fatalf("%s: no calls", c.sql)
			}
			for _, call := range calls { // an IN list: one call per value
				if !reflect.DeepEqual(call.Sort, c.wantSort) {
					t.Errorf("%s: plugin sort = %v, want %v", c.sql, call.Sort, c.wantSort)
				}
				if call.Limit != c.wantLimit {
					t.Errorf("%s: plugin limit = %d, want %d", c.sql, call.Limit, c.wantLimit)
				}
			}
			scans := sl.forTable("toy_rank")
			if len(scans) != 1 || !reflect.DeepEqual(scans[0].Sort, c.wantSort) {
				t.Errorf("%s: ScanInfo = %+v, want Sort %v", c.sql, scans, c.wantSort)
			}
		})
	}
}

// TestOrderByKeysThePlanAndCache: the same SQL with another ORDER BY is planned anew
// (the order is part of the plan's idxStr), and with the SDK's query cache on, as Steampipe
// runs plugins, cached rows of one order (or of none) never answer another order.
func TestOrderByKeysThePlanAndCache(t *testing.T) {
	conns, err := ParseSPC([]byte(`connection "toy" {
  plugin = "toy"
}`))
	if err != nil {
		t.Fatal(err)
	}
	ty := newToy()
	db, err := Open(context.Background(), ty.pluginFunc(), conns, Options{QueryCache: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	query(t, db, `select score from toy_rank`) // unordered rows in the cache
	want := map[string]string{"": "", "asc": "0,1,2", "desc": "19,18,17"}
	for range 2 {
		for _, dir := range []string{"asc", "desc"} {
			got := strings.Join(colOf(query(t, db, `select score from toy_rank order by score `+dir+` limit 3`), 0), ",")
			if got != want[dir] {
				t.Errorf("order by score %s limit 3 = %s, want %s", dir, got, want[dir])
			}
		}
	}
	for _, c := range ty.callsFor("toy_rank")[1:] {
		if len(c.Sort) != 1 || c.Limit != 3 {
			t.Errorf("ordered call got sort %v limit %d, want one term and limit 3", c.Sort, c.Limit)
		}
	}
}

// TestOrderByNotPushedThroughAggregator: the SDK interleaves an aggregator's connections,
// so SQLite sorts and no limit goes down.
func TestOrderByNotPushedThroughAggregator(t *testing.T) {
	db, ty, _ := openToy(t, `
connection "toy_a" {
  plugin = "toy"
}
connection "toy_b" {
  plugin = "toy"
}
connection "toy_all" {
  plugin      = "toy"
  type        = "aggregator"
  connections = ["toy_*"]
}`)
	got := colOf(query(t, db, `select score from toy_rank order by score desc limit 3`), 0)
	if !reflect.DeepEqual(got, []string{"19", "19", "18"}) {
		t.Errorf("aggregator rows = %v", got)
	}
	for _, c := range ty.callsFor("toy_rank") {
		if c.Sort != nil || c.Limit != -1 {
			t.Errorf("%s: sort %v limit %d pushed through an aggregator", c.Connection, c.Sort, c.Limit)
		}
	}
	got = colOf(query(t, db, `select score from toy_a.toy_rank order by score desc limit 3`), 0)
	if !reflect.DeepEqual(got, []string{"19", "18", "17"}) {
		t.Errorf("one connection's rows = %v", got)
	}
}
