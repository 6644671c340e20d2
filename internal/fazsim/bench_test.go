package fazsim

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
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
		if rows, _ := srv.aggregate(context.Background(), q); len(rows) == 0 {
			b.Fatal("no rows")
		}
	}
}

// BenchmarkLogSearchPageServer is BenchmarkLogSearchPage without the
// client's JSON decoding: only the simulator's own cost per 1000-row page.
func BenchmarkLogSearchPageServer(b *testing.B) {
	srv := New(Options{End: testEnd, LogRows: 1_000_000, APIKeys: []string{"k"}})
	call := func(body string) []byte {
		req := httptest.NewRequest(http.MethodPost, "/jsonrpc", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer k")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec.Body.Bytes()
	}
	b.ResetTimer()
	off := 0
	for i := 0; i < b.N; i++ {
		out := call(fmt.Sprintf(`{"id":1,"jsonrpc":"2.0","method":"add","params":[{"url":"/logview/adom/root/logsearch","apiver":3,"logtype":"traffic","limit":1000,"offset":%d,"time-range":{"start":"2026-11-01 00:00","end":"2026-11-30 00:00"}}]}`, off))
		tid := strings.TrimSuffix(strings.SplitN(string(out), `"tid":`, 2)[1], "}}")
		out = call(`{"id":2,"jsonrpc":"2.0","method":"get","params":[{"url":"/logview/adom/root/logsearch/` + tid + `","apiver":3}]}`)
		if len(out) < 1000 {
			b.Fatalf("short page: %s", out)
		}
		off = (off + 1000) % 150_000
	}
}
