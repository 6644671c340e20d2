// Package e2e runs SQL through the embedded engine, the plugin, the client and the
// simulator over real HTTP: the whole path a user's query takes.
package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// fixedNow anchors the simulator's data and the plugin's default windows, so golden
// results do not depend on when the tests run.
var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// env is one simulator plus one SQL database over the plugin pointed at it.
type env struct {
	t     *testing.T
	sim   *fazsim.Server
	srv   *httptest.Server
	db    *pluginsql.DB
	mu    sync.Mutex
	scans []pluginsql.ScanInfo
}

type envOptions struct {
	sim      fazsim.Options
	realNow  bool   // plugin and simulator use the wall clock (docs examples use now())
	extraHCL string // appended to the connection config
	conns    func(url string) []pluginsql.Connection
	cache    bool // the SDK's query cache on, as in Steampipe
	// wrap, when set, stands between the plugin and the simulator (a request recorder).
	wrap func(http.Handler) http.Handler
}

func newEnv(t *testing.T, o envOptions) *env {
	t.Helper()
	if !o.realNow && o.sim.End.IsZero() {
		o.sim.End = fixedNow
	}
	if o.sim.LogRows == 0 {
		o.sim.LogRows = 100_000
	}
	e := &env{t: t, sim: fazsim.New(o.sim)}
	var h http.Handler = e.sim
	if o.wrap != nil {
		h = o.wrap(e.sim)
	}
	e.srv = httptest.NewServer(h)
	popts := fortianalyzer.Options{}
	if !o.realNow {
		popts.Now = func() time.Time { return fixedNow }
	}
	conns := []pluginsql.Connection{{
		Name:   "fortianalyzer",
		Plugin: "fortianalyzer",
		Config: fmt.Sprintf("url = %q\nusername = \"admin\"\npassword = \"fortinet\"\n%s", e.srv.URL, o.extraHCL),
	}}
	if o.conns != nil {
		conns = o.conns(e.srv.URL)
	}
	pf, closePlugin := fortianalyzer.NewWithCloser(popts)
	var cacheTTL time.Duration
	if o.cache {
		cacheTTL = time.Hour
	}
	db, err := pluginsql.Open(context.Background(), pf, conns, pluginsql.Options{
		QueryCache: cacheTTL,
		OnScan: func(s pluginsql.ScanInfo) {
			e.mu.Lock()
			e.scans = append(e.scans, s)
			e.mu.Unlock()
		},
	})
	if err != nil {
		e.srv.Close()
		t.Fatalf("open engine: %v", err)
	}
	e.db = db
	t.Cleanup(func() {
		if err := closePlugin(context.Background()); err != nil {
			t.Errorf("closing the plugin's sessions: %v", err)
		}
		_ = db.Close()
		e.srv.Close()
		st := e.sim.Stats()
		if len(st.LiveTasks) != 0 {
			t.Errorf("tasks left alive on the appliance: %v", st.LiveTasks)
		}
		if st.Logins != st.Logouts {
			t.Errorf("sessions left open on the appliance: %d logins, %d logouts", st.Logins, st.Logouts)
		}
	})
	return e
}

// query runs sql and returns its rows as column-name maps.
func (e *env) query(sql string, args ...any) ([]map[string]any, error) {
	res, err := e.db.QueryAll(context.Background(), sql, args...)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(res.Rows))
	for _, r := range res.Rows {
		m := map[string]any{}
		for i, c := range res.Columns {
			m[c.Name] = r[i]
		}
		out = append(out, m)
	}
	return out, nil
}

func (e *env) mustQuery(sql string, args ...any) []map[string]any {
	e.t.Helper()
	rows, err := e.query(sql, args...)
	if err != nil {
		e.t.Fatalf("query failed: %v\n%s", err, sql)
	}
	return rows
}

// takeScans returns and clears the plugin scans seen so far.
func (e *env) takeScans() []pluginsql.ScanInfo {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.scans
	e.scans = nil
	return s
}

// requests counts the simulator's requests whose "method url" starts with prefix.
func (e *env) requests(prefix string) int {
	n := 0
	for k, v := range e.sim.Stats().Requests {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// fazTime formats an instant the way the engine accepts timestamps.
func fazTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// pluginFunc is a plain plugin instance for tests that need no simulator.
func pluginFunc() plugin.PluginFunc { return fortianalyzer.New(fortianalyzer.Options{}) }
