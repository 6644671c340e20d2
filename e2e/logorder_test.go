package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestOrderByLogTimeIsOneSearch (issue 13): `order by log_time desc limit 10` is one search
// of 10 rows: the engine hands the order to the plugin (log_time declares asc and desc),
// the plugin maps it to the search's time-order, and the LIMIT goes down with it.
func TestOrderByLogTimeIsOneSearch(t *testing.T) {
	// A busy appliance: the default hour holds several pages of each type, so a search of
	// the whole window would take more than one search.
	e := newEnv(t, envOptions{sim: fazsim.Options{LogRows: 3_000_000}})
	searches := func() int {
		n := 0
		for k, v := range e.sim.Stats().Requests {
			if strings.HasPrefix(k, "add ") && strings.HasSuffix(k, "/logsearch") {
				n += v
			}
		}
		return n
	}
	for _, q := range []string{
		"select log_time, srcip, dstip from fortianalyzer_traffic_log order by log_time desc limit 10",
		"select log_time, srcip, dstip from fortianalyzer_log where log_type = 'traffic' order by log_time desc limit 10",
		"select log_time, srcip from fortianalyzer_traffic_log where action = 'accept' order by log_time asc limit 10",
	} {
		before := searches()
		whole := e.mustQuery(strings.Replace(strings.Split(q, " order by ")[0], "select log_time", "select count(*) as n, min(log_time) as log_time", 1))
		if n := searches() - before; n < 2 {
			t.Fatalf("the window is one search (%d rows) without the order pushed; the test proves nothing: %s", whole[0]["n"], q)
		}
		before = searches()
		rows := e.mustQuery(q)
		if n := searches() - before; n != 1 {
			t.Errorf("%d searches, want 1: %s", n, q)
		}
		if len(rows) != 10 {
			t.Fatalf("%d rows, want 10: %s", len(rows), q)
		}
		desc := strings.Contains(q, " desc ")
		var prev time.Time
		for i, r := range rows {
			ts, err := time.Parse("2006-01-02 15:04:05", r["log_time"].(string))
			if err != nil {
				t.Fatalf("log_time %v: %v", r["log_time"], err)
			}
			if i > 0 && ((desc && ts.After(prev)) || (!desc && ts.Before(prev))) {
				t.Fatalf("row %d out of order: %s", i, q)
			}
			prev = ts
		}
		e.mu.Lock()
		last := e.scans[len(e.scans)-1]
		e.mu.Unlock()
		if last.Limit != 10 {
			t.Errorf("the engine pushed limit %d, want 10: %s", last.Limit, q)
		}
	}
}
