package faz

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

func lsSpec(limit int, d time.Duration) LogSearchSpec {
	start, end := window(d)
	return LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end, Limit: limit}
}

func TestSearchLogsPages(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	var rows []Row
	info, err := e.c.SearchLogs(context.Background(), lsSpec(2500, 7*24*time.Hour), collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	// Keyset paging: the first page, then time slices each one page ahead; every search
	// made is a page delivered, but for at most one page per slice fetched ahead when the
	// limit was reached (no fault here, so no re-run and no empty page).
	if len(rows) != 2500 || info.Rows != 2500 || info.Pages < 3 || info.Searches < info.Pages || info.Searches > info.Pages+info.Slices || info.Slices < 2 {
		t.Fatalf("rows %d, info %+v", len(rows), info)
	}
	seen := map[string]bool{}
	prev := ""
	for i, r := range rows {
		id, _ := r["id"].(string)
		if id == "" || seen[id] {
			t.Fatalf("row %d: id %q missing or repeated", i, id)
		}
		seen[id] = true
		it, _ := r["itime"].(string)
		if prev != "" && len(it) == len(prev) && it > prev {
			t.Fatalf("row %d: itime %s after %s in a desc search", i, it, prev)
		}
		prev = it
	}
	st := e.sim.Stats()
	for k := range st.Requests {
		if strings.Contains(k, "/count/") {
			t.Errorf("the client called %s (8.0 rejects it)", k)
		}
	}
	if st.TasksCreated != info.Searches || st.TasksReaped+st.TasksDeleted != info.Searches {
		t.Errorf("created %d reaped %d deleted %d", st.TasksCreated, st.TasksReaped, st.TasksDeleted)
	}
}

// TestSearchLogsAllRowsAnyPageSize reads every row of a window with several
// page sizes and one task slot (the prefetch must wait for it): the rows
// must be the same, in the same order.
func TestSearchLogsAllRowsAnyPageSize(t *testing.T) {
	e := startSim(t, fazsim.Options{}, func(c *Config) { c.MaxConcurrentTasks = 1 })
	ctx := context.Background()
	var want []Row
	if _, err := e.c.SearchLogs(ctx, lsSpec(0, 12*time.Hour), collect(&want)); err != nil {
		t.Fatal(err)
	}
	if len(want) < 100 {
		t.Fatalf("only %d rows in the window; the test needs more", len(want))
	}
	for _, size := range []int{97, 333} {
		e.c.pageRows = size
		var got []Row
		info, err := e.c.SearchLogs(ctx, lsSpec(0, 12*time.Hour), collect(&got))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("page size %d: %d rows differ from %d", size, len(got), len(want))
		}
		if minPages := (len(want) + size - 1) / size; info.Pages < minPages {
			t.Errorf("page size %d: %d pages for %d rows", size, info.Pages, len(want))
		}
	}
}

func TestSearchLogsFaults(t *testing.T) {
	cases := []struct {
		name  string
		fault fazsim.Fault
	}{
		{"premature 100% on fetch", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 2, Effect: fazsim.FaultPremature}},
		{"premature 100% on poll", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultPremature}},
		{"premature 100% with a zero total on fetch", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 2, Effect: fazsim.FaultPrematureZero}},
		{"premature 100% with a zero total on poll", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultPrematureZero}},
		{"task expires", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultExpireTask}},
		{"no slot", fazsim.Fault{Method: "add", URL: "/logview/*", Nth: 1, Count: 2, Effect: fazsim.FaultNoSlot}},
		{"http 502 on fetch", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 2, Effect: fazsim.FaultHTTP502}},
		{"dropped connection", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultDrop}},
		{"malformed answer", fazsim.Fault{Method: "get", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultMalformed}},
		{"session expires", fazsim.Fault{Method: "add", URL: "/logview/*", Nth: 1, Effect: fazsim.FaultExpireSession}},
	}
	base := startSim(t, fazsim.Options{}, nil)
	var want []Row
	if _, err := base.c.SearchLogs(context.Background(), lsSpec(2500, 7*24*time.Hour), collect(&want)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{tc.fault}}, nil)
			var got []Row
			info, err := e.c.SearchLogs(context.Background(), lsSpec(2500, 7*24*time.Hour), collect(&got))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d rows differ from the fault-free %d", len(got), len(want))
			}
			if st := e.sim.Stats(); len(st.Faults) == 0 {
				t.Errorf("the fault never fired (stats %+v)", st.Faults)
			}
			t.Logf("info %+v", info)
		})
	}
}

func TestSearchLogsEarlyInvalidTid(t *testing.T) {
	e := startSim(t, fazsim.Options{RegisterDelay: 20 * time.Millisecond}, nil)
	var rows []Row
	info, err := e.c.SearchLogs(context.Background(), lsSpec(10, 24*time.Hour), collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || info.Reruns != 0 {
		t.Errorf("rows %d, info %+v: an unregistered tid must be waited for, not re-run", len(rows), info)
	}
}

func TestSearchLogsUnrecoverableIsAnError(t *testing.T) {
	e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{{Method: "get", URL: "/logview/*", Probability: 1, Effect: fazsim.FaultPremature}}}, nil)
	_, err := e.c.SearchLogs(context.Background(), lsSpec(100, 24*time.Hour), func(Row) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "empty page") {
		t.Fatalf("err = %v, want an error rather than silently missing rows", err)
	}
}

func TestSearchLogsStopAndCancelDeleteEverything(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	n := 0
	info, err := e.c.SearchLogs(context.Background(), lsSpec(0, 7*24*time.Hour), func(Row) error {
		n++
		if n == 1200 {
			return ErrStop // inside page 2, while page 3 is being prefetched
		}
		return nil
	})
	if err != nil || info.Rows != 1199 {
		t.Fatalf("err %v rows %d", err, info.Rows)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = e.c.SearchLogs(ctx, lsSpec(0, 7*24*time.Hour), func(Row) error {
		n++
		if n == 1500 {
			cancel()
		}
		return ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// startSim's cleanup fails the test if any search is still alive.
}

func TestSearchLogsCancelWhileRunning(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	e := startSim(t, fazsim.Options{TaskDuration: slowTasks}, func(c *Config) {
		c.Observer = func(p Progress) {
			if p.Kind == "logsearch" {
				cancel()
			}
		}
	})
	_, err := e.c.SearchLogs(ctx, lsSpec(0, 24*time.Hour), func(Row) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if st := e.sim.Stats(); st.TasksDeleted != 1 {
		t.Errorf("deleted %d, want 1", st.TasksDeleted)
	}
}

func TestSearchLogsFilterAndDevice(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	var first []Row
	if _, err := e.c.SearchLogs(ctx, lsSpec(1, 24*time.Hour), collect(&first)); err != nil || len(first) != 1 {
		t.Fatalf("%v %d", err, len(first))
	}
	ip, _ := first[0]["srcip"].(string)
	serial, _ := first[0]["devid"].(string)
	f, err := BuildFilter("", Cond{Field: "srcip", Op: "==", Values: []string{ip}})
	if err != nil {
		t.Fatal(err)
	}
	spec := lsSpec(300, 24*time.Hour)
	spec.Filter = f
	spec.Devices = []Device{{Serial: serial}}
	var rows []Row
	if _, err := e.c.SearchLogs(ctx, spec, collect(&rows)); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no rows for a value taken from the data")
	}
	for _, r := range rows {
		if r["srcip"] != ip || r["devid"] != serial {
			t.Fatalf("row %v escapes the filter srcip=%s devid=%s", r, ip, serial)
		}
	}
	// A hostile value matches nothing and breaks nothing.
	f, err = BuildFilter("", Cond{Field: "srcip", Op: "==", Values: []string{ip + `" or srcip!="x`}})
	if err != nil {
		t.Fatal(err)
	}
	spec.Filter = f
	rows = nil
	if _, err := e.c.SearchLogs(ctx, spec, collect(&rows)); err != nil || len(rows) != 0 {
		t.Errorf("injection attempt: err %v, %d rows; want no rows", err, len(rows))
	}
}

func TestSearchLogsValidation(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	for _, tc := range []struct {
		mut   func(*LogSearchSpec)
		param string
	}{
		{func(s *LogSearchSpec) { s.ADOM = "../x" }, "adom"},
		{func(s *LogSearchSpec) { s.LogType = "Traffic; drop" }, "logtype"},
		{func(s *LogSearchSpec) { s.Limit = -1 }, "limit"},
		{func(s *LogSearchSpec) { s.TimeOrder = "sideways" }, "time_order"},
		{func(s *LogSearchSpec) { s.Start = time.Time{} }, "start"},
		{func(s *LogSearchSpec) { s.End = s.Start.Add(-time.Hour) }, "end"},
	} {
		spec := lsSpec(10, time.Hour)
		tc.mut(&spec)
		_, err := e.c.SearchLogs(context.Background(), spec, func(Row) error { return nil })
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Param != tc.param {
			t.Errorf("err = %v, want ConfigError naming %s", err, tc.param)
		}
	}
}

// TestDistinctLogValues finds a threat's sources with exclusion searches, and they are
// exactly the distinct sources of the threat's logs in the simulator's data.
func TestDistinctLogValues(t *testing.T) {
	e := startSim(t, fazsim.Options{TaskDuration: func(int) time.Duration { return 0 }}, nil)
	spec := lsSpec(0, 7*24*time.Hour)
	spec.LogType = "attack"
	var threat string
	for _, th := range e.sim.Data().Threats() {
		if th.LogType == "attack" {
			threat = th.Name
			break
		}
	}
	if threat == "" {
		t.Fatal("no attack threat in the simulator's data")
	}
	got, err := e.c.DistinctLogValues(context.Background(), spec, Cond{Field: "attack", Op: "==", Values: []string{threat}}, "srcip")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	e.sim.Data().Logs(spec.ADOM, spec.Start, spec.End.Add(-time.Second), func(r fazsim.LogRow) bool {
		if a, _ := r.Field("attack"); r.LogType == "attack" && a == threat {
			ip, _ := r.Field("srcip")
			want[ip] = true
		}
		return true
	})
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("sources of %s: got %v, the simulator's logs have %d distinct", threat, got, len(want))
	}
	for _, ip := range got {
		if !want[ip] {
			t.Errorf("%s is not a source of %s", ip, threat)
		}
	}
}

// A cancellation that lands while a search's creation is in flight must not
// leak the task the appliance created anyway: the creation is let finish and
// its tid deleted.
func TestCancelDuringCreationDeletesTheTask(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 2000})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if bytes.Contains(body, []byte(`"method":"add"`)) {
			cancel() // the client gives up while the appliance is creating the task
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sim.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	c, err := New(Config{URL: ts.URL, Username: "admin", Password: "fortinet", PollFloor: time.Millisecond, PollCap: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchLogs(ctx, lsSpec(0, 24*time.Hour), func(Row) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	_ = c.Close(context.Background())
	st := sim.Stats()
	if st.TasksCreated == 0 {
		t.Fatal("the creation never reached the appliance: the test proves nothing")
	}
	if len(st.LiveTasks) > 0 {
		t.Errorf("tasks left alive on the appliance: %v", st.LiveTasks)
	}
}
