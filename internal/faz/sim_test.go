package faz

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/hashicorp/go-hclog"
)

// simEnv is a simulator behind a real HTTP server and a client on it.
type simEnv struct {
	sim *fazsim.Server
	ts  *httptest.Server
	c   *Client
	log *syncBuffer // everything the client logged, at trace level
}

// testEnd fixes the simulator's newest log time so data is repeatable.
var testEnd = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// startSim starts a simulator and a session-auth client with fast polling.
// At cleanup it closes the client and fails the test if any server task is
// still alive: every test checks that nothing leaks.
func startSim(t *testing.T, opts fazsim.Options, mut func(*Config)) *simEnv {
	t.Helper()
	if opts.End.IsZero() {
		opts.End = testEnd
	}
	if opts.LogRows == 0 {
		opts.LogRows = 20_000
	}
	sim := fazsim.New(opts)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	buf := &syncBuffer{}
	cfg := Config{
		URL: ts.URL, Username: "admin", Password: "fortinet",
		PollFloor: time.Millisecond, PollCap: 20 * time.Millisecond,
		Logger: hclog.New(&hclog.LoggerOptions{Output: buf, Level: hclog.Trace}),
	}
	if mut != nil {
		mut(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := &simEnv{sim: sim, ts: ts, c: c, log: buf}
	t.Cleanup(func() {
		_ = c.Close(context.Background())
		if live := sim.Stats().LiveTasks; len(live) > 0 {
			t.Errorf("server tasks left alive: %v", live)
		}
	})
	return e
}

// window is a time range inside the simulator's data.
func window(d time.Duration) (time.Time, time.Time) { return testEnd.Add(-d), testEnd }

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recorder wraps a handler and keeps every request body and answer body,
// so tests can check what went over the wire.
type recorder struct {
	h    http.Handler
	mu   sync.Mutex
	reqs []string
	resp []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body := make([]byte, 0, 512)
	buf := make([]byte, 4096)
	for {
		n, err := req.Body.Read(buf)
		body = append(body, buf[:n]...)
		if err != nil {
			break
		}
	}
	req.Body = nopCloser{strings.NewReader(string(body))}
	rw := &captureWriter{ResponseWriter: w}
	r.h.ServeHTTP(rw, req)
	r.mu.Lock()
	r.reqs = append(r.reqs, string(body))
	r.resp = append(r.resp, rw.b.String())
	r.mu.Unlock()
}

func (r *recorder) all() (reqs, resps []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.reqs...), append([]string(nil), r.resp...)
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

type captureWriter struct {
	http.ResponseWriter
	b strings.Builder
}

func (c *captureWriter) Write(p []byte) (int, error) {
	c.b.Write(p)
	return c.ResponseWriter.Write(p)
}

// collect gathers rows from a run.
func collect(rows *[]Row) func(Row) error {
	return func(r Row) error { *rows = append(*rows, r); return nil }
}

// newBenchServer serves h over HTTP for a benchmark and returns its URL.
func newBenchServer(b *testing.B, h http.Handler) string {
	ts := httptest.NewServer(h)
	b.Cleanup(ts.Close)
	return ts.URL
}
