package e2e

import (
	"runtime"
	"strings"
	"testing"
	"time"
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
