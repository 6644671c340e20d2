package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// TestTypedLogTablesEqualSimulatorData: each typed log table, filtered on its own columns
// (pushed into the search's filter, = and ranges), counts what the simulator's rows of its
// log type say, computed straight from the dataset.
func TestTypedLogTablesEqualSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	field := func(r fazsim.LogRow, f string) string { v, _ := r.Field(f); return v }
	num := func(r fazsim.LogRow, f string) int64 { n, _ := strconv.ParseInt(field(r, f), 10, 64); return n }

	// Values to filter on, taken from the data so that every case matches some rows.
	var attackID, virusFile string
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if attackID == "" && r.LogType == "attack" {
			attackID = field(r, "attackid")
		}
		if virusFile == "" && r.LogType == "virus" {
			virusFile = field(r, "filename")
		}
		return attackID == "" || virusFile == ""
	})
	cases := []struct {
		table, where, logType string
		keep                  func(r fazsim.LogRow) bool
	}{
		{"fortianalyzer_traffic_log", "sent_bytes > 100000 and dstport = 443", "traffic",
			func(r fazsim.LogRow) bool { return num(r, "sentbyte") > 100000 && num(r, "dstport") == 443 }},
		{"fortianalyzer_traffic_log", "duration <= 30 and action = 'deny'", "traffic",
			func(r fazsim.LogRow) bool { return num(r, "duration") <= 30 && field(r, "action") == "deny" }},
		{"fortianalyzer_event_log", "cfg_path = 'firewall.policy'", "event",
			func(r fazsim.LogRow) bool { return field(r, "cfgpath") == "firewall.policy" }},
		{"fortianalyzer_ips_log", "attack_id = " + attackID, "attack",
			func(r fazsim.LogRow) bool { return field(r, "attackid") == attackID }},
		{"fortianalyzer_ips_log", "severity in ('high', 'critical')", "attack",
			func(r fazsim.LogRow) bool { s := field(r, "severity"); return s == "high" || s == "critical" }},
		{"fortianalyzer_virus_log", "file_name = '" + virusFile + "' and dtype = 'Virus'", "virus",
			func(r fazsim.LogRow) bool { return field(r, "filename") == virusFile }},
		{"fortianalyzer_webfilter_log", "category_id = 26", "webfilter",
			func(r fazsim.LogRow) bool { return field(r, "cat") == "26" }},
		{"fortianalyzer_app_ctrl_log", "app_risk = 'high'", "app-ctrl",
			func(r fazsim.LogRow) bool { return field(r, "apprisk") == "high" }},
		{"fortianalyzer_dns_log", "query_type = 'AAAA'", "dns",
			func(r fazsim.LogRow) bool { return field(r, "qtype") == "AAAA" }},
		{"fortianalyzer_ssl_log", "sni = 'github.com'", "ssl",
			func(r fazsim.LogRow) bool { return field(r, "sni") == "github.com" }},
		{"fortianalyzer_emailfilter_log", "subject = 'Your invoice' and mail_from = 'billing@invoices-online.example'", "emailfilter",
			func(r fazsim.LogRow) bool {
				return field(r, "subject") == "Your invoice" && field(r, "from") == "billing@invoices-online.example"
			}},
		{"fortianalyzer_file_filter_log", "file_size > 1000000 and file_type = 'pdf'", "file-filter",
			func(r fazsim.LogRow) bool { return num(r, "filesize") > 1000000 && field(r, "filetype") == "pdf" }},
		{"fortianalyzer_dns_log", "threat_score >= 30", "dns",
			func(r fazsim.LogRow) bool { _, ok := r.Field("crscore"); return ok && num(r, "crscore") >= 30 }},
	}
	for _, tc := range cases {
		t.Run(tc.table+" where "+tc.where, func(t *testing.T) {
			var want int64
			e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
				if r.LogType == tc.logType && tc.keep(r) {
					want++
				}
				return true
			})
			if want == 0 {
				t.Fatal("no simulator row matches: the case proves nothing")
			}
			sql := fmt.Sprintf("select count(*) as n from %s where start_time = ? and end_time = ? and %s", tc.table, tc.where)
			e.mu.Lock()
			before := len(e.scans)
			e.mu.Unlock()
			rows := e.mustQuery(sql, fazTime(start), fazTime(end))
			if got := rows[0]["n"].(int64); got != want {
				t.Errorf("SQL counts %d, the simulator's rows say %d", got, want)
			}
			// The table's own columns were handed to the plugin (pushed down), not only
			// re-checked by the engine.
			e.mu.Lock()
			scans := e.scans[before:]
			e.mu.Unlock()
			col := strings.Fields(tc.where)[0]
			handed := false
			for _, q := range scansQuals(scans) {
				handed = handed || q.Column == col
			}
			if len(scans) != 1 || !handed {
				t.Errorf("scans %+v: want one scan with a %s qual", scans, col)
			}
		})
	}
}

// TestLogTablesDefaultWindow: without a lower time bound a log table searches the last
// default_log_time_range (1h unless configured), not FortiView's default_time_range.
func TestLogTablesDefaultWindow(t *testing.T) {
	for _, tc := range []struct {
		hcl    string
		window time.Duration
	}{{"", time.Hour}, {"default_log_time_range = \"3h\"\n", 3 * time.Hour}} {
		e := newEnv(t, envOptions{extraHCL: tc.hcl})
		for _, table := range []string{"fortianalyzer_dns_log", "fortianalyzer_log"} {
			rows := e.mustQuery("select count(*) as n, min(start_time) as s, max(end_time) as e from " + table)
			var want int64
			from := fixedNow.Add(-tc.window)
			e.sim.Data().Logs("root", from, fixedNow.Add(-time.Second), func(r fazsim.LogRow) bool {
				if (table == "fortianalyzer_dns_log" && r.LogType == "dns") || (table == "fortianalyzer_log" && r.LogType == "traffic") {
					want++
				}
				return true
			})
			if got := rows[0]["n"].(int64); got != want || want == 0 {
				t.Errorf("%s %q: %d rows, the simulator's last %s hold %d", table, tc.hcl, got, tc.window, want)
			}
			if s, _ := rows[0]["s"].(string); !strings.HasPrefix(s, from.Format("2006-01-02T15:04:05")) && !strings.HasPrefix(s, fazTime(from)) {
				t.Errorf("%s %q: start_time %v, want %s", table, tc.hcl, rows[0]["s"], fazTime(from))
			}
		}
	}
}

func scansQuals(scans []pluginsql.ScanInfo) []pluginsql.QualInfo {
	var out []pluginsql.QualInfo
	for _, s := range scans {
		out = append(out, s.Quals...)
	}
	return out
}
