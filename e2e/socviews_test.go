package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestSOCViewsEqualSimulatorData: system events, dial-up VPN users, cloud applications and
// a time series answer what the simulator's logs hold, computed here from the logs.
func TestSOCViewsEqualSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	cloud := map[string]bool{}
	groupOf := map[string]string{}
	for _, a := range e.sim.Data().Applications() {
		cloud[a.Name] = a.Cloud
		groupOf[a.Name] = a.Group
	}
	events := map[string]int64{}
	vpnUp := map[string]int64{}
	cloudSessions := map[string]int64{}
	var threatScore, threatBuckets = int64(0), map[int64]bool{}
	weights := []int64{0, 5, 10, 30, 50} // FortiOS's default threat weights
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		desc, _ := r.Field("logdesc")
		st, _ := r.Field("subtype")
		switch r.LogType {
		case "event":
			events[desc+"|"+st]++
			if desc == "SSL VPN tunnel up" || desc == "SSL VPN tunnel down" {
				user, _ := r.Field("user")
				ip, _ := r.Field("srcip")
				if desc == "SSL VPN tunnel up" {
					vpnUp[user+"|"+ip]++
				} else {
					vpnUp[user+"|"+ip] += 0 // a user whose tunnels only went down is a row too
				}
			}
		case "traffic":
			app, _ := r.Field("app")
			if cloud[app] {
				cloudSessions[groupOf[app]]++
			}
		}
		if th, ok := r.Threat(); ok {
			threatScore += weights[th.Level]
			threatBuckets[r.Itime-r.Itime%3600] = true
		}
		return true
	})
	window := `start_time = ? and end_time = ?`
	check := func(what string, rows []map[string]any, key func(map[string]any) string, val string, want map[string]int64) {
		t.Helper()
		if len(want) == 0 || len(rows) != len(want) {
			t.Fatalf("%s: %d rows in SQL, %d groups in the logs", what, len(rows), len(want))
		}
		for _, r := range rows {
			if k := key(r); fmt.Sprint(r[val]) != fmt.Sprint(want[k]) {
				t.Errorf("%s %s: SQL %v, logs %d", what, k, r[val], want[k])
			}
		}
	}
	check("system event", e.mustQuery(`select event_name, subtype, events from fortianalyzer_system_event where `+window, fazTime(start), fazTime(end)),
		func(r map[string]any) string { return fmt.Sprint(r["event_name"], "|", r["subtype"]) }, "events", events)
	check("dial-up user", e.mustQuery(`select user_name, remote_ip, connections from fortianalyzer_dialup_vpn where `+window, fazTime(start), fazTime(end)),
		func(r map[string]any) string {
			u := ""
			if r["user_name"] != nil {
				u = fmt.Sprint(r["user_name"])
			}
			return u + "|" + fmt.Sprint(r["remote_ip"])
		}, "connections", vpnUp)
	check("cloud application", e.mustQuery(`select app_group, sessions from fortianalyzer_top_cloud_application where `+window, fazTime(start), fazTime(end)),
		func(r map[string]any) string { return fmt.Sprint(r["app_group"]) }, "sessions", cloudSessions)

	// threat-line over 6 hours: hourly buckets whose scores add up to the logs' threat score.
	rows := e.mustQuery(`select time, score_critical + score_high + score_medium + score_low as score from fortianalyzer_timeline
		where view = 'threat-line' and `+window+` order by time`, fazTime(start), fazTime(end))
	var sum int64
	for _, r := range rows {
		sum += r["score"].(int64)
		ts, err := time.Parse("2006-01-02 15:04:05", fmt.Sprint(r["time"]))
		if err != nil || !threatBuckets[ts.Unix()] {
			t.Errorf("threat-line bucket %v is not an hour with threats in the logs (%v)", r["time"], err)
		}
	}
	if len(rows) != len(threatBuckets) || sum != threatScore {
		t.Errorf("threat-line: %d buckets scoring %d, logs: %d hours scoring %d", len(rows), sum, len(threatBuckets), threatScore)
	}
	// Several series in one query, one task per view.
	series := e.mustQuery(`select view, count(*) as n from fortianalyzer_timeline where view in ('application-line', 'system-event-line') and `+window+` group by view order by view`, fazTime(start), fazTime(end))
	if len(series) != 2 {
		t.Errorf("two series, got %v", series)
	}
	if _, err := e.query(`select * from fortianalyzer_timeline where view = 'top-sources'`); err == nil || !strings.Contains(err.Error(), `view: fortianalyzer_timeline does not serve "top-sources"`) {
		t.Errorf("a view that is not a time series: %v", err)
	}
	// Site-to-site IPsec: the tunnel ends of root's two HQ FortiGates, 60 s per tunnel
	// statistics log (the vpn-subtype event logs of those devices).
	tun := e.mustQuery(`select vpn_name, local_ip, remote_ip, duration from fortianalyzer_site_to_site_vpn where `+window, fazTime(start), fazTime(end))
	var up, logs int64
	for _, r := range tun {
		up += r["duration"].(int64)
		if !strings.HasPrefix(fmt.Sprint(r["vpn_name"]), "HQ-to-") || !strings.HasPrefix(fmt.Sprint(r["local_ip"]), "192.0.2.") {
			t.Errorf("tunnel end %v", r)
		}
	}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		st, _ := r.Field("subtype")
		dev, _ := r.Field("devid")
		if r.LogType == "event" && st == "vpn" && (dev == "FGT60F3X17000001" || dev == "FG200FTK20000003") {
			logs++
		}
		return true
	})
	if len(tun) != 3 || up != 60*logs {
		t.Errorf("site-to-site: %d tunnel ends up %d s, logs: %d statistics logs", len(tun), up, logs)
	}
}

// TestUEBAInventoryAndJoins: the UEBA tables list the simulator's inventory (endpoint
// address from the simple detail level, the rest from standard), ids select on the
// appliance, and the join keys meet the threat tables.
func TestUEBAInventoryAndJoins(t *testing.T) {
	e := newEnv(t, envOptions{})
	want := e.sim.Data().UEBAEndpoints("root")
	rows := e.mustQuery(`select endpoint_id, hostname, ip, end_user_id, user_names, detecting_unit, risk_score from fortianalyzer_ueba_endpoint order by endpoint_id`)
	if len(want) == 0 || len(rows) != len(want) {
		t.Fatalf("%d endpoints in SQL, %d in the simulator", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		got := fmt.Sprint(r["endpoint_id"], r["hostname"], r["ip"], r["end_user_id"], r["detecting_unit"])
		if exp := fmt.Sprint(w.EPID, w.Endpoint.Hostname, w.Endpoint.IP, w.EUID, w.DetectKey); got != exp {
			t.Errorf("endpoint %d: SQL %s, simulator %s", i, got, exp)
		}
		if !strings.Contains(fmt.Sprint(r["user_names"]), w.EndUser) {
			t.Errorf("endpoint %d: user_names %v, want %s", w.EPID, r["user_names"], w.EndUser)
		}
	}
	if n := e.requests("get /ueba/adom/root/endpoints"); n != 2 {
		t.Errorf("one read per detail level: %d requests", n)
	}
	one := e.mustQuery(fmt.Sprintf(`select ip from fortianalyzer_ueba_endpoint where endpoint_id = '%d'`, want[3].EPID))
	if len(one) != 1 || fmt.Sprint(one[0]["ip"]) != want[3].Endpoint.IP {
		t.Errorf("endpoint_id qual: %v", one)
	}
	if _, err := e.query(`select * from fortianalyzer_ueba_endpoint where endpoint_id = 'abc'`); err == nil || !strings.Contains(err.Error(), "endpoint_id") {
		t.Errorf("a bad id: %v", err)
	}
	// Every compromised host is a UEBA endpoint, by address and by endpoint id.
	joined := e.mustQuery(`select h.srcip, u.endpoint_id, h.endpoint_id as host_epid, u.risk_score
		from fortianalyzer_compromised_host h join fortianalyzer_ueba_endpoint u on u.ip = h.srcip`)
	hosts := e.mustQuery(`select count(*) as n from fortianalyzer_compromised_host`)
	if len(joined) == 0 || int64(len(joined)) != hosts[0]["n"] {
		t.Fatalf("%d compromised hosts joined to UEBA endpoints, of %v", len(joined), hosts[0]["n"])
	}
	for _, r := range joined {
		if r["endpoint_id"] != r["host_epid"] {
			t.Errorf("host %v: UEBA endpoint %v, the view's epid %v", r["srcip"], r["endpoint_id"], r["host_epid"])
		}
		if r["risk_score"].(float64) <= 0 {
			t.Errorf("host %v hit threats but has risk %v", r["srcip"], r["risk_score"])
		}
	}
	// End users: each endpoint's end user lists it.
	users := e.mustQuery(`select u.end_user_id, u.name, count(*) as n from fortianalyzer_ueba_end_user u
		join fortianalyzer_ueba_endpoint p on p.end_user_id = u.end_user_id
		where exists (select 1 from json_each(u.endpoint_ids) j where j.value = p.endpoint_id)
		group by u.end_user_id, u.name`)
	var total int64
	for _, r := range users {
		total += r["n"].(int64)
	}
	if total != int64(len(want)) {
		t.Errorf("end users cover %d endpoints, want %d", total, len(want))
	}
}

// TestTypedSOCTablesMatchTheGenericOne: each new typed table and fortianalyzer_fortiview run
// the same task for their view.
func TestTypedSOCTablesMatchTheGenericOne(t *testing.T) {
	e := newEnv(t, envOptions{})
	for table, view := range map[string]string{
		"fortianalyzer_system_event":          "system-events",
		"fortianalyzer_site_to_site_vpn":      "site-to-site-ipsec",
		"fortianalyzer_dialup_vpn":            "ssl-dialup-ipsec",
		"fortianalyzer_top_cloud_application": "top-cloud-applications",
	} {
		typed := e.mustQuery(`select count(*) as n from ` + table)[0]["n"]
		generic := e.mustQuery(`select count(*) as n from fortianalyzer_fortiview where view = ?`, view)[0]["n"]
		if typed != generic || typed == int64(0) {
			t.Errorf("%s: %v rows, fortianalyzer_fortiview %v", table, typed, generic)
		}
	}
	line := e.mustQuery(`select count(*) as n from fortianalyzer_timeline where view = 'threat-line'`)[0]["n"]
	generic := e.mustQuery(`select count(*) as n from fortianalyzer_fortiview where view = 'threat-line'`)[0]["n"]
	if line != generic || line == int64(0) {
		t.Errorf("threat-line: %v rows, fortianalyzer_fortiview %v", line, generic)
	}
}
