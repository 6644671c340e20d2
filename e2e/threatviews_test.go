package e2e

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestCompromisedHostsEqualSimulatorData: each compromised host is an endpoint that reached
// a web or DNS indicator in the window, with its distinct threats, hits and last detection
// as the simulator's logs have them.
func TestCompromisedHostsEqualSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	rows := e.mustQuery(`select srcip, threat_count, blacklist_count, suspicious_count, last_detected
		from fortianalyzer_compromised_host where start_time = ? and end_time = ?`, fazTime(start), fazTime(end))
	type host struct {
		threats map[string]bool
		bl, cs  int64
		last    int64
	}
	want := map[string]*host{}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		th, ok := r.Threat()
		if !ok || !th.Domain {
			return true
		}
		ip, _ := r.Field("srcip")
		h := want[ip]
		if h == nil {
			h = &host{threats: map[string]bool{}}
			want[ip] = h
		}
		h.threats[th.Name] = true
		if th.Level >= 3 {
			h.bl++
		} else {
			h.cs++
		}
		h.last = max(h.last, r.Itime)
		return true
	})
	if len(want) == 0 || len(rows) != len(want) {
		t.Fatalf("%d compromised hosts in SQL, %d in the simulator's logs", len(rows), len(want))
	}
	for _, r := range rows {
		w := want[fmt.Sprint(r["srcip"])]
		if w == nil {
			t.Fatalf("host %v is not in the logs", r["srcip"])
		}
		got := fmt.Sprint(r["threat_count"], r["blacklist_count"], r["suspicious_count"])
		if exp := fmt.Sprint(int64(len(w.threats)), w.bl, w.cs); got != exp {
			t.Errorf("host %v: SQL %s, logs %s", r["srcip"], got, exp)
		}
		if last := fmt.Sprint(r["last_detected"]); last != time.Unix(w.last, 0).UTC().Format("2006-01-02 15:04:05") {
			t.Errorf("host %v: last_detected %v, logs %v", r["srcip"], r["last_detected"], time.Unix(w.last, 0).UTC())
		}
	}
	one := e.mustQuery(`select count(*) as n from fortianalyzer_compromised_host where srcip = ? and start_time = ? and end_time = ?`,
		fmt.Sprint(rows[0]["srcip"]), fazTime(start), fazTime(end))
	if one[0]["n"] != int64(1) {
		t.Fatalf("srcip pushdown: want the one host, got %v", one)
	}
}

// TestThreatEndpointsEqualSimulatorData: one row per threat, source and destination, with
// the incidents the logs have; the threat qual is pushed down as threat_s.
func TestThreatEndpointsEqualSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	const threat = "Backdoor.Cobalt.Strike.Beacon"
	rows := e.mustQuery(`select srcip, dstip, incidents, incident_block from fortianalyzer_threat_endpoint
		where threat = ? and start_time = ? and end_time = ?`, threat, fazTime(start), fazTime(end))
	want := map[string][2]int64{}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if th, ok := r.Threat(); !ok || th.Name != threat {
			return true
		}
		src, _ := r.Field("srcip")
		dst, ok := r.Field("dstip")
		if !ok {
			t.Fatalf("a %s log without dstip", r.LogType)
		}
		c := want[src+" "+dst]
		c[0]++
		if r.Blocked() {
			c[1]++
		}
		want[src+" "+dst] = c
		return true
	})
	if len(want) == 0 || len(rows) != len(want) {
		t.Fatalf("%d source/destination pairs in SQL, %d in the logs", len(rows), len(want))
	}
	for _, r := range rows {
		w := want[fmt.Sprint(r["srcip"], " ", r["dstip"])]
		if got := [2]int64{r["incidents"].(int64), r["incident_block"].(int64)}; got != w {
			t.Errorf("%v -> %v: SQL %v, logs %v", r["srcip"], r["dstip"], got, w)
		}
	}
}

// TestLoginViewsEqualSimulatorData: failed authentications per user and source, and admin
// logins and configuration changes per administrator, as the simulator's event logs have them.
func TestLoginViewsEqualSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	failed, admin := map[string]int64{}, map[string][2]int64{}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if r.LogType != "event" {
			return true
		}
		d, _ := r.Field("logdesc")
		user, _ := r.Field("user")
		ip, _ := r.Field("srcip")
		switch d {
		case "Authentication failed":
			failed[user+" "+ip]++
		case "Admin login successful":
			a := admin[user]
			a[0]++
			admin[user] = a
		case "Configuration changed":
			a := admin[user]
			a[1]++
			admin[user] = a
		}
		return true
	})
	rows := e.mustQuery(`select user_name, srcip, attempts from fortianalyzer_failed_authentication where start_time = ? and end_time = ?`, fazTime(start), fazTime(end))
	if len(failed) == 0 || len(rows) != len(failed) {
		t.Fatalf("%d failed-authentication rows in SQL, %d user/source pairs in the logs", len(rows), len(failed))
	}
	for _, r := range rows {
		k := fmt.Sprint(r["user_name"], " ", r["srcip"])
		if r["user_name"] == nil {
			k = fmt.Sprint(" ", r["srcip"])
		}
		if r["attempts"] != failed[k] {
			t.Errorf("%s: SQL %v attempts, logs %d", k, r["attempts"], failed[k])
		}
	}
	rows = e.mustQuery(`select user_name, logins, config_changes, failed_logins from fortianalyzer_admin_login where start_time = ? and end_time = ?`, fazTime(start), fazTime(end))
	if len(admin) == 0 || len(rows) != len(admin) {
		t.Fatalf("%d admin rows in SQL, %d users in the logs", len(rows), len(admin))
	}
	for _, r := range rows {
		u := ""
		if r["user_name"] != nil {
			u = r["user_name"].(string)
		}
		if got := [2]int64{r["logins"].(int64), r["config_changes"].(int64)}; got != admin[u] {
			t.Errorf("admin %q: SQL %v, logs %v", u, got, admin[u])
		}
	}
}

// TestIOCSourcesFromOneTask: a week of ioc_threat with sources costs one threat-src-dst task,
// no log search, and gives each threat's sources as the simulator's logs have them; an
// appliance without that view falls back to one log search per threat.
func TestIOCSourcesFromOneTask(t *testing.T) {
	const q = `select threat, sources from fortianalyzer_ioc_threat where start_time = ? and end_time = ? order by threat`
	from, to := fixedNow.Add(-7*24*time.Hour), fixedNow
	start, end := fazTime(from), fazTime(to)
	e := newEnv(t, envOptions{})
	rows := e.mustQuery(q, start, end)
	if n := e.requests("add /fortiview/adom/root/threat-src-dst"); n != 1 {
		t.Fatalf("sources took %d threat-src-dst tasks, want 1", n)
	}
	if n := e.requests("add /logview"); n != 0 {
		t.Fatalf("sources took %d log searches, want none", n)
	}
	want := map[string]map[string]bool{}
	e.sim.Data().Logs("root", from, to.Add(-time.Second), func(r fazsim.LogRow) bool {
		if th, ok := r.Threat(); ok {
			ip, _ := r.Field("srcip")
			if want[th.Name] == nil {
				want[th.Name] = map[string]bool{}
			}
			want[th.Name][ip] = true
		}
		return true
	})
	if len(rows) == 0 || len(rows) != len(want) {
		t.Fatalf("%d threats in SQL, %d in the logs", len(rows), len(want))
	}
	for _, r := range rows {
		var l []string
		if err := json.Unmarshal([]byte(fmt.Sprint(r["sources"])), &l); err != nil {
			t.Fatalf("sources of %v: %v", r["threat"], err)
		}
		w := want[fmt.Sprint(r["threat"])]
		for _, ip := range l {
			if !w[ip] {
				t.Errorf("%v: source %s did not hit it", r["threat"], ip)
			}
		}
		if len(l) != len(w) {
			t.Errorf("%v: %d sources, the logs have %d", r["threat"], len(l), len(w))
		}
	}
	old := newEnv(t, envOptions{sim: fazsim.Options{WithoutViews: []string{"threat-src-dst"}}})
	if n := len(old.mustQuery(q, start, end)); n != len(rows) {
		t.Fatalf("without threat-src-dst: %d threats, with it %d", n, len(rows))
	}
	if n := old.requests("add /logview"); n < len(rows) {
		t.Fatalf("without threat-src-dst, %d log searches for %d threats", n, len(rows))
	}
}
