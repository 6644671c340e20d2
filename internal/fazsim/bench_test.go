package fazsim

import (
	"fmt"
	"testing"
)

// BenchmarkLogSearchPage measures one 1000-row page of a 1M-row dataset at
// a growing offset over HTTP (add + fetch), as the SQL benchmarks page.
func BenchmarkLogSearchPage(b *testing.B) {
	f := newFixture(b, Options{LogRows: 1_000_000})
	f.login()
	b.ResetTimer()
	off := 0
	for i := 0; i < b.N; i++ {
		tid := f.addLS("root", map[string]any{"logtype": "traffic", "limit": 1000, "offset": off})
		r := f.lsGet("root", tid, nil)
		if _, ok := r["result"]; !ok {
			b.Fatalf("page %d: %.200v", i, r)
		}
		off += 1000
		if off >= 200_000 {
			off = 0
		}
	}
}

// BenchmarkFortiViewTopSources1M aggregates a whole 1M-row window (no cache).
func BenchmarkFortiViewTopSources1M(b *testing.B) {
	srv := New(Options{End: testEnd, LogRows: 1_000_000})
	ds := srv.Data()
	lo, hi := ds.IndexRange(ds.Start(), ds.End())
	for i := 0; i < b.N; i++ {
		q := fvQuery{view: views["top-sources"], adom: 0, lo: lo, hi: hi, fstr: fmt.Sprint(i)}
		if len(srv.aggregate(q)) == 0 {
			b.Fatal("no rows")
		}
	}
}
