package e2e

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestFetchByTIDStates reads tasks created by another tool: a finished one (twice: reading
// does not consume or delete a task the plugin did not create), one that is gone after the
// plugin saw it (expired), one that never existed (unknown), and one still running when
// the connection's task_timeout runs out.
func TestFetchByTIDStates(t *testing.T) {
	e := newEnv(t, envOptions{})
	tid := e.createTask(t, "top-sources")
	q := fmt.Sprintf(`select rank, srcip, tid from fortianalyzer_top_source where tid = %d order by rank`, tid)
	first := e.mustQuery(q)
	if len(first) == 0 || first[0]["tid"] != int64(tid) {
		t.Fatalf("want rows echoing tid %d, got %v", tid, first)
	}
	if again := e.mustQuery(q); len(again) != len(first) {
		t.Fatalf("a second read of the same task gave %d rows, the first %d", len(again), len(first))
	}
	if n := e.requests("delete /fortiview"); n != 0 {
		t.Fatalf("the plugin deleted a task it did not create (%d deletes)", n)
	}
	// A task read by tid has no window in SQL; its rate is over the window its answer
	// reports (data-time-range: the last 24 hours, both ends inclusive to the second).
	rates := e.mustQuery(fmt.Sprintf(`select bytes, bits_per_second from fortianalyzer_top_source where tid = %d`, tid))
	for _, r := range rates {
		b, _ := r["bytes"].(int64)
		bps, ok := r["bits_per_second"].(float64)
		if want := float64(b) * 8 / (24*3600 + 1); !ok || math.Abs(bps-want) > 1e-6*want {
			t.Fatalf("bits_per_second %v for %d bytes, want %v", r["bits_per_second"], b, want)
		}
	}

	e.deleteTask(t, "top-sources", tid)
	if _, err := e.query(q); err == nil || !strings.Contains(err.Error(), "expired") || strings.Contains(err.Error(), "unknown or expired") {
		t.Fatalf("a task seen before and gone now should be reported expired, got %v", err)
	}
	if _, err := e.query(`select * from fortianalyzer_top_source where tid = 987654`); err == nil || !strings.Contains(err.Error(), "unknown or expired") {
		t.Fatalf("a never-seen task should be reported unknown or expired, got %v", err)
	}
	if _, err := e.query(`select * from fortianalyzer_ioc_threat where tid = 0`); err == nil || !strings.Contains(err.Error(), "tid") {
		t.Fatalf("tid 0 should be refused naming the column, got %v", err)
	}
}

func TestFetchByTIDStillRunning(t *testing.T) {
	e := newEnv(t, envOptions{
		sim:      fazsim.Options{TaskDuration: func(int) time.Duration { return time.Hour }},
		extraHCL: `task_timeout = "1s"`,
	})
	tid := e.createTask(t, "top-threats")
	_, err := e.query(fmt.Sprintf(`select * from fortianalyzer_ioc_threat where tid = %d`, tid))
	if err == nil || !strings.Contains(err.Error(), "running") {
		t.Fatalf("a task still running at task_timeout should be reported running, got %v", err)
	}
}

// TestCaseSensitiveReachesTheTask: the flag is echoed and the filter still applies.
func TestCaseSensitiveReachesTheTask(t *testing.T) {
	e := newEnv(t, envOptions{})
	rows := e.mustQuery(`select threat, case_sensitive, filter from fortianalyzer_ioc_threat
		where filter = 'threat=="eicar_test_file"' and case_sensitive = true`)
	if len(rows) != 0 {
		t.Fatalf("a case-sensitive filter in the wrong case should match nothing, got %v", rows)
	}
	rows = e.mustQuery(`select threat, case_sensitive, filter from fortianalyzer_ioc_threat
		where filter = 'threat=="eicar_test_file"' and case_sensitive = false`)
	if len(rows) != 1 || rows[0]["threat"] != "EICAR_TEST_FILE" || rows[0]["case_sensitive"] != int64(0) {
		t.Fatalf("a case-insensitive filter should find EICAR_TEST_FILE once, got %v", rows)
	}
}

// TestTaskStateWithoutWaiting: fortianalyzer_fortiview_task reads each tid once (no polling)
// and tells a running task, a finished one, one gone since the plugin saw it and one never
// known apart; in the data tables, tid IN (...) reads every task, and a dead tid fails the
// query naming it.
func TestTaskStateWithoutWaiting(t *testing.T) {
	clock := fazsim.NewFakeClock(time.Now())
	e := newEnv(t, envOptions{sim: fazsim.Options{Clock: clock, TaskDuration: func(int) time.Duration { return time.Minute }}})
	running := e.createTask(t, "top-sources")
	clock.Advance(30 * time.Second)
	before := e.requests("get /fortiview")
	rows := e.mustQuery(fmt.Sprintf(`select tid, view, adom, state, percentage from fortianalyzer_fortiview_task where tid = %d and view = 'top-sources'`, running))
	if len(rows) != 1 || rows[0]["state"] != "running" || rows[0]["adom"] != "root" {
		t.Fatalf("want one running task, got %v", rows)
	}
	if pct, _ := rows[0]["percentage"].(int64); pct <= 0 || pct >= 100 {
		t.Fatalf("a task half way should report a percentage between 0 and 100, got %v", rows[0]["percentage"])
	}
	if n := e.requests("get /fortiview") - before; n != 1 {
		t.Fatalf("reading a task's state took %d gets, want 1", n)
	}

	clock.Advance(time.Minute)
	done := e.createTask(t, "top-sources")
	clock.Advance(2 * time.Minute)
	seen := e.mustQuery(fmt.Sprintf(`select count(*) as n from fortianalyzer_top_source where tid in (%d, %d)`, running, done))
	single := e.mustQuery(fmt.Sprintf(`select count(*) as n from fortianalyzer_top_source where tid = %d`, done))
	if a, b := seen[0]["n"].(int64), single[0]["n"].(int64); b == 0 || a != 2*b {
		t.Fatalf("tid in (two tasks over the same window) should read both: %d rows, one task %d", a, b)
	}
	generic := e.mustQuery(fmt.Sprintf(`select count(*) as n from fortianalyzer_fortiview where view = 'top-sources' and tid = %d`, done))
	if generic[0]["n"] != single[0]["n"] {
		t.Fatalf("fortianalyzer_fortiview by tid: %v rows, the typed table %v", generic[0]["n"], single[0]["n"])
	}
	e.deleteTask(t, "top-sources", running)
	states := map[string]string{}
	for _, r := range e.mustQuery(fmt.Sprintf(`select tid, state, percentage from fortianalyzer_fortiview_task
		where tid in (%d, %d, 987654) and view = 'top-sources'`, running, done)) {
		states[fmt.Sprint(r["tid"])] = fmt.Sprint(r["state"], " ", r["percentage"])
	}
	want := map[string]string{fmt.Sprint(running): "expired <nil>", fmt.Sprint(done): "done 100", "987654": "unknown <nil>"}
	if fmt.Sprint(states) != fmt.Sprint(want) {
		t.Fatalf("states %v, want %v", states, want)
	}
	_, err := e.query(fmt.Sprintf(`select * from fortianalyzer_top_source where tid in (%d, %d)`, running, done))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("task %d", running)) || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("an expired tid among live ones should fail the query naming it, got %v", err)
	}
	if _, err := e.query(`select * from fortianalyzer_fortiview_task where tid = 5`); err == nil || !strings.Contains(err.Error(), "view") {
		t.Fatalf("the view qual is required, got %v", err)
	}
}
