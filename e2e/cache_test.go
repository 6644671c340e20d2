package e2e

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"
)

// TestQueryCacheNeverServesASuperset runs, with the SDK's query cache on as Steampipe runs
// it, an unqualified scan and then queries whose quals are parameters of the task (ADOM,
// device, window, filter, log type). The SDK's default cache match would answer each of
// them from the cached unqualified rows, which echo other parameters, and the engine's
// re-check would then drop every row. Each answer must equal the same query's answer with
// the cache off.
func TestQueryCacheNeverServesASuperset(t *testing.T) {
	cases := []struct {
		name, first, then string
	}{
		{"adom", `select srcip, adom from fortianalyzer_top_source`,
			`select srcip, adom from fortianalyzer_top_source where adom = 'Branch_Office'`},
		{"device", `select srcip, device from fortianalyzer_top_source`,
			`select srcip, device from fortianalyzer_top_source where device = 'FGT60F3X17000001'`},
		{"window", `select srcip, sessions, start_time, end_time from fortianalyzer_top_source`,
			`select srcip, sessions, start_time, end_time from fortianalyzer_top_source where start_time = '2026-11-20 06:00:00' and end_time = '2026-11-20 12:00:00'`},
		{"wider window", `select threat, incidents from fortianalyzer_ioc_threat`,
			`select threat, incidents from fortianalyzer_ioc_threat where start_time >= '2026-11-14 12:00:00'`},
		{"filter", `select srcip, filter from fortianalyzer_top_source`,
			`select srcip, filter from fortianalyzer_top_source where filter = 'srcip=="10.0.1.150"'`},
		{"log type", `select count(*), log_type from fortianalyzer_log group by log_type`,
			`select count(*), log_type from fortianalyzer_log where log_type = 'attack' group by log_type`},
		{"log time", `select count(*) from fortianalyzer_log where log_type = 'attack'`,
			`select count(*) from fortianalyzer_log where log_type = 'attack' and log_time >= '2026-11-18 12:00:00'`},
		{"device adom", `select serial from fortianalyzer_device`,
			`select serial, adom from fortianalyzer_device where adom = 'Branch_Office'`},
	}
	off := newEnv(t, envOptions{})
	on := newEnv(t, envOptions{cache: true})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := rowSet(t, off, c.then)
			if len(want) == 0 {
				t.Fatalf("the qualified query has no rows even without the cache; the case proves nothing:\n%s", c.then)
			}
			rowSet(t, on, c.first)
			if got := rowSet(t, on, c.then); !slices.Equal(got, want) {
				t.Errorf("with the query cache on, after %q:\n%s\ngot  %d rows %v\nwant %d rows %v", c.first, c.then, len(got), got, len(want), want)
			}
		})
	}
}

// rowSet runs sql and returns its rows as sorted JSON strings.
func rowSet(t *testing.T, e *env, sql string) []string {
	t.Helper()
	rows := e.mustQuery(sql)
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out
}
