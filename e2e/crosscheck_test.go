package e2e

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// TestGroupByEqualsSimulatorData checks SQL aggregates over the plugin against the same
// aggregates computed straight from the simulator's log rows.
// The window [start_time, end_time) is half-open: the logs of end_time's own second are out.
func TestGroupByEqualsSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	rows := e.mustQuery(`select adom, count(*) as sources, sum(sessions) as sessions, sum(bytes) as bytes
		from fortianalyzer_top_source
		where adom in ('root', 'Branch_Office', 'Data_Center') and start_time = ? and end_time = ?
		group by adom order by adom`, fazTime(start), fazTime(end))

	type agg struct{ sources, sessions, bytes int64 }
	want := map[string]*agg{}
	for _, a := range e.sim.Data().ADOMs() {
		ips := map[string]bool{}
		g := &agg{}
		e.sim.Data().Logs(a.Name, start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
			if r.LogType != "traffic" {
				return true
			}
			ip, _ := r.Field("srcip")
			ips[ip] = true
			g.sessions++
			g.bytes += r.SentBytes() + r.RcvdBytes()
			return true
		})
		g.sources = int64(len(ips))
		want[a.Name] = g
	}
	if len(rows) != 3 {
		t.Fatalf("want 3 ADOMs, got %v", rows)
	}
	for _, r := range rows {
		w := want[r["adom"].(string)]
		got := agg{r["sources"].(int64), r["sessions"].(int64), r["bytes"].(int64)}
		if got != *w {
			t.Errorf("adom %s: SQL says %+v, the simulator's logs say %+v", r["adom"], got, *w)
		}
	}
}

// TestJoinEqualsSimulatorData checks a join of the two seed tables against a nested loop
// over the simulator's logs: for each critical threat, the sessions of each endpoint that hit it.
func TestJoinEqualsSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-3*time.Hour), fixedNow
	rows := e.mustQuery(`select t.threat, s.srcip, s.sessions
		from fortianalyzer_ioc_threat t, json_each(t.sources) ip, fortianalyzer_top_source s
		where t.start_time = ? and t.end_time = ? and t.threat_level = 4
		  and s.srcip = ip.value and s.start_time = t.start_time and s.end_time = t.end_time
		order by 1, 2`, fazTime(start), fazTime(end))

	sessions := map[string]int64{}
	hits := map[string]map[string]bool{}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		ip, _ := r.Field("srcip")
		if r.LogType == "traffic" {
			sessions[ip]++
		}
		if th, ok := r.Threat(); ok && th.Level == 4 {
			if hits[th.Name] == nil {
				hits[th.Name] = map[string]bool{}
			}
			hits[th.Name][ip] = true
		}
		return true
	})
	var want []string
	for th, ips := range hits {
		for ip := range ips {
			if sessions[ip] > 0 { // a top source has traffic in the window
				want = append(want, fmt.Sprintf("%s|%s|%d", th, ip, sessions[ip]))
			}
		}
	}
	sort.Strings(want)
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s|%s|%d", r["threat"], r["srcip"], r["sessions"]))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("join differs from the simulator's data\n--- SQL\n%s\n--- simulator\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(got) == 0 {
		t.Fatal("the join returned nothing: the check proves nothing")
	}
}

// TestAggregatorTellsConnectionsApart queries two FortiAnalyzers through one aggregator.
func TestAggregatorTellsConnectionsApart(t *testing.T) {
	other := httptest.NewServer(fazsim.New(fazsim.Options{End: fixedNow, Seed: 2, LogRows: 50_000}))
	t.Cleanup(other.Close) // after the env's own cleanup, which logs out of it
	e := newEnv(t, envOptions{conns: func(url string) []pluginsql.Connection {
		cfg := func(u string) string {
			return fmt.Sprintf("url = %q\nusername = \"admin\"\npassword = \"fortinet\"\n", u)
		}
		return []pluginsql.Connection{
			{Name: "faz_all", Plugin: "fortianalyzer", Children: []string{"faz_*"}},
			{Name: "faz_hq", Plugin: "fortianalyzer", Config: cfg(url)},
			{Name: "faz_dr", Plugin: "fortianalyzer", Config: cfg(other.URL)},
		}
	}})
	rows := e.mustQuery(`select sp_connection_name as conn, count(*) as threats
		from faz_all.fortianalyzer_ioc_threat group by 1 order by 1`)
	if len(rows) != 2 || rows[0]["conn"] != "faz_dr" || rows[1]["conn"] != "faz_hq" {
		t.Fatalf("want one group per connection, got %v", rows)
	}
	for _, r := range rows {
		if r["threats"].(int64) == 0 {
			t.Errorf("connection %s returned no threats", r["conn"])
		}
	}
}

// TestFingerprintPinTrustsStockCertificate connects over TLS to a simulator with a
// certificate shaped like the appliance's (CN = serial, no SAN): refused by default,
// accepted with tls_fingerprint.
func TestFingerprintPinTrustsStockCertificate(t *testing.T) {
	cert, err := fazsim.SelfSignedCertificate("FAZ-VM0000000001")
	if err != nil {
		t.Fatal(err)
	}
	sim := fazsim.New(fazsim.Options{End: fixedNow, LogRows: 20_000})
	srv := httptest.NewUnstartedServer(sim)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	defer srv.Close()
	sum := sha256.Sum256(cert.Certificate[0])
	pin := hex.EncodeToString(sum[:])

	conns := func(extra string) func(string) []pluginsql.Connection {
		return func(string) []pluginsql.Connection {
			return []pluginsql.Connection{{Name: "fortianalyzer", Plugin: "fortianalyzer",
				Config: fmt.Sprintf("url = %q\napi_key = %q\n%s", srv.URL, "fazsim-api-key", extra)}}
		}
	}
	e := newEnv(t, envOptions{conns: conns("")})
	if _, err := e.query(`select name from fortianalyzer_adom`); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("an unpinned self-signed certificate must be refused, got %v", err)
	}
	e = newEnv(t, envOptions{conns: conns(fmt.Sprintf("tls_fingerprint = %q\n", pin))})
	if rows := e.mustQuery(`select name from fortianalyzer_adom`); len(rows) != 3 {
		t.Fatalf("want the 3 ADOMs over a pinned connection, got %v", rows)
	}
	wrong := strings.Repeat("00", 32)
	e = newEnv(t, envOptions{conns: conns(fmt.Sprintf("tls_fingerprint = %q\n", wrong))})
	if _, err := e.query(`select name from fortianalyzer_adom`); err == nil {
		t.Fatal("a wrong pin must be refused")
	}
}

// TestBadConfigFailsWhenConnectionIsSet: an invalid option fails before any query, naming it.
func TestBadConfigFailsWhenConnectionIsSet(t *testing.T) {
	cases := map[string]string{
		"default_time_range": `url = "https://faz" \n api_key = "k" \n default_time_range = "a while"`,
		"url":                `api_key = "k"`,
		"api_key":            `url = "https://faz"`,
	}
	for option, cfg := range cases {
		cfg = strings.ReplaceAll(cfg, `\n`, "\n")
		_, err := pluginsql.Open(t.Context(), pluginFunc(), []pluginsql.Connection{{Name: "fortianalyzer", Plugin: "fortianalyzer", Config: cfg}}, pluginsql.Options{})
		if err == nil || !strings.Contains(err.Error(), option) {
			t.Errorf("config %q: want an error naming %s, got %v", cfg, option, err)
		}
	}
}

// TestLogTimeLowerBoundWidensTheWindow: `log_time >= X` with X before the default window's
// start must search from X (it used to keep the default 24 hours and return only those).
func TestLogTimeLowerBoundWidensTheWindow(t *testing.T) {
	e := newEnv(t, envOptions{})
	from := fixedNow.Add(-48 * time.Hour)
	rows := e.mustQuery(`select count(*) as n from fortianalyzer_log where log_type = 'attack' and log_time >= ?`, fazTime(from))
	var want int64
	for _, a := range e.sim.Data().ADOMs() {
		if a.Name != "root" {
			continue
		}
		e.sim.Data().Logs(a.Name, from, fixedNow.Add(-time.Second), func(r fazsim.LogRow) bool {
			if r.LogType == "attack" {
				want++
			}
			return true
		})
	}
	if want == 0 {
		t.Fatal("the simulator has no attack logs in the window: the test proves nothing")
	}
	if got := rows[0]["n"].(int64); got != want {
		t.Errorf("log_time >= %s: SQL counts %d attack logs, the simulator's logs say %d", fazTime(from), got, want)
	}
}
