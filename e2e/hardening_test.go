package e2e

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// sdkGoroutines counts live goroutines running the SDK's query code, with their stacks.
func sdkGoroutines() (int, string) {
	buf := make([]byte, 8<<20)
	n := runtime.Stack(buf, true)
	var stuck []string
	for _, g := range strings.Split(string(buf[:n]), "\n\n") {
		if strings.Contains(g, "steampipe-plugin-sdk/v5/plugin.") {
			stuck = append(stuck, g)
		}
	}
	return len(stuck), strings.Join(stuck, "\n\n")
}

// TestEarlyStoppedScansLeaveNoGoroutine: a LIMIT the engine applies itself (the plugin
// cannot take sent_bytes >= 0, so the limit is not pushed) stops the scan while rows are in
// flight in the SDK. Cancelling the scan there stranded SDK goroutines for good (5 -> 75
// after six queries in one fazsql process). The leak is a race, so several queries run.
func TestEarlyStoppedScansLeaveNoGoroutine(t *testing.T) {
	e := newEnv(t, envOptions{})
	for _, q := range []string{
		`select srcip from fortianalyzer_log where sent_bytes >= 0 limit 10`,
		`select srcip, log_time from fortianalyzer_log where action = 'accept' and sent_bytes >= 0 limit 10`,
		`select srcip from fortianalyzer_top_source where bytes >= 0 limit 3`,
	} {
		for i := 0; i < 4; i++ {
			if rows := e.mustQuery(q); len(rows) == 0 {
				t.Fatalf("no rows: %s", q)
			}
		}
	}
	// Execute has returned when the query does, but the SDK's last goroutines (the list
	// call deleting its tasks, row builders in their defers) take a moment to exit: wait
	// for them to be gone; the deadline only turns a leak into a failure.
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, stacks := sdkGoroutines()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d SDK goroutines left after twelve early-stopped scans:\n%.4000s", n, stacks)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mustFail runs sql and checks it fails with an error containing every one of want.
func (e *env) mustFail(sql string, want ...string) string {
	e.t.Helper()
	rows, err := e.query(sql)
	if err == nil {
		e.t.Errorf("no error, %d rows: %s", len(rows), sql)
		return ""
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			e.t.Errorf("error %q lacks %q: %s", err, w, sql)
		}
	}
	return err.Error()
}

// TestRawFilterCannotDetachPushedQuals (issue 12 item 1): an unbalanced raw filter was sent
// as `(srcip!="x") or (srcip=="y") and action=="deny"`, detaching the pushed action qual;
// with a pushed limit the answer was silently short.
func TestRawFilterCannotDetachPushedQuals(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustFail(`select count(*) from fortianalyzer_log where filter = 'srcip!="x") or (srcip=="y"' and action = 'deny'`,
		"filter", "unbalanced", "want clauses")
	e.mustFail(`select srcip from fortianalyzer_log where filter = 'srcip!="x") or (srcip=="y"' and action = 'deny' limit 15`, "filter")
	e.mustFail(`select * from fortianalyzer_top_source where filter = 'srcip=="10.0.1.5") or (srcip!="y"' and srcip = '10.0.1.150'`, "filter")
	e.mustFail(`select count(*) from fortianalyzer_log where filter = 'srcip contain "10.0"'`, "filter", "contain")
	// A balanced filter still combines with the pushed quals.
	rows := e.mustQuery(`select action from fortianalyzer_log where filter = 'srcip!="x" or srcip=="y"' and action = 'deny' and start_time = '` + fazTime(fixedNow.Add(-24*time.Hour)) + `' limit 15`)
	if len(rows) != 15 {
		t.Fatalf("want 15 deny rows, got %d", len(rows))
	}
	for _, r := range rows {
		if r["action"] != "deny" {
			t.Fatalf("row with action %v", r["action"])
		}
	}
}

// TestEmptyFilterIsNoFilter (item 5): a filter qual of the empty string ran the whole search
// and returned no row, because rows echoed NULL where the engine's re-check wanted the
// empty string.
func TestEmptyFilterIsNoFilter(t *testing.T) {
	e := newEnv(t, envOptions{})
	all := e.mustQuery(`select count(*) as n from fortianalyzer_top_source`)
	for _, f := range []string{"", "  "} {
		got := e.mustQuery(`select count(*) as n, min(filter) as f from fortianalyzer_top_source where filter = ?`, f)
		if got[0]["n"] != all[0]["n"] || got[0]["n"].(int64) == 0 || got[0]["f"] != f {
			t.Errorf("filter = %q: %v rows (echo %q), without filter %v", f, got[0]["n"], got[0]["f"], all[0]["n"])
		}
	}
}

// TestInetQualsPushedOnlyAsTheEngineCompares (item 6): a network was pushed as its address
// and an address with spaces trimmed, where the engine's re-check then dropped every row.
func TestInetQualsPushedOnlyAsTheEngineCompares(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustFail(`select * from fortianalyzer_log where srcip = '10.0.1.0/24'`, "srcip", "network")
	e.mustFail(`select * from fortianalyzer_top_source where srcip = '10.0.1.0/24'`, "srcip", "network")
	e.mustFail(`select * from fortianalyzer_log where srcip = ' 10.0.1.150'`, "srcip", "spaces")
	if rows := e.mustQuery(`select srcip from fortianalyzer_log where srcip = '10.0.1.150' limit 3`); len(rows) == 0 {
		t.Error("no row for a plain address")
	}
}

// TestErrorTextsNameTheColumn (item 9).
func TestErrorTextsNameTheColumn(t *testing.T) {
	e := newEnv(t, envOptions{})
	msg := e.mustFail(`select * from fortianalyzer_log where user_name = 'a"b''c'`, "user_name:", "both")
	if strings.Contains(msg, "condition 0") {
		t.Errorf("error names the condition's index: %s", msg)
	}
	e.mustFail(`select * from fortianalyzer_log where user_name = 'bob' || char(133)`, "user_name:", "U+0085")
	e.mustFail(`select * from fortianalyzer_log where filter = 'user=="bob"' || char(133)`, "filter", "U+0085")
	huge := strings.Repeat("9", 1<<20) + "x"
	if msg := e.mustFail(`select * from fortianalyzer_log where policy_id = '`+huge+`'`, "policy_id", "1048577 bytes"); len(msg) > 1000 {
		t.Errorf("a 1 MB value is echoed: %d bytes of error", len(msg))
	}
	// Contradictory bounds: the same clear error whichever column carries them.
	e.mustFail(`select * from fortianalyzer_log where log_time > '2026-11-20 10:00:00' and log_time < '2026-11-20 09:00:00'`, "log_time", "contradict")
	e.mustFail(`select * from fortianalyzer_top_source where start_time > '2026-11-20 10:00:00' and start_time < '2026-11-20 09:00:00'`, "start_time", "contradict")
	e.mustFail(`select * from fortianalyzer_top_source where end_time = '2026-11-20 10:00:00' and end_time = '2026-11-20 09:00:00'`, "end_time", "contradict")
}

// TestSilentApplianceErrorNamesRequestTimeout (item 8) through SQL: the SDK replaced any
// error wrapping context.DeadlineExceeded with "exceeded allowed timeout", naming neither
// the URL nor request_timeout.
func TestSilentApplianceErrorNamesRequestTimeout(t *testing.T) {
	e := newEnv(t, envOptions{extraHCL: `request_timeout = "300ms"`,
		sim: fazsim.Options{Faults: []fazsim.Fault{{Method: "get", URL: "/dvmdb/*", Nth: 1, Effect: fazsim.FaultDelay, Delay: time.Minute}}}})
	e.mustFail(`select name from fortianalyzer_device`, "request_timeout (300ms)", e.srv.URL+"/jsonrpc")
}
