package faz

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

func fvSpec(view string, limit int) FortiViewSpec {
	start, end := window(24 * time.Hour)
	return FortiViewSpec{ADOM: "root", View: view, Start: start, End: end, Limit: limit}
}

func TestRunFortiView(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	var rows []Row
	info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || info.Rows != len(rows) || info.Tasks != 1 || info.Dialect != DialectReal {
		t.Fatalf("info %+v, %d rows", info, len(rows))
	}
	if info.TotalCount != int64(len(rows)) {
		t.Errorf("total-count-all %d, rows %d", info.TotalCount, len(rows))
	}
	if _, ok := rows[0]["srcip"].(string); !ok {
		t.Errorf("row without srcip: %v", rows[0])
	}
	st := e.sim.Stats()
	if st.TasksCreated != 1 || st.TasksDeleted != 1 {
		t.Errorf("created %d deleted %d, want 1 and 1", st.TasksCreated, st.TasksDeleted)
	}
	for _, d := range [][]Device{{{Serial: "FGT60F3X17000001"}}, {{Name: "FGT-HQ-01"}}, {{}}} {
		spec := fvSpec("top-sources", 3)
		spec.Devices = d
		if _, err := e.c.RunFortiView(context.Background(), spec, func(Row) error { return nil }); err != nil {
			t.Errorf("devices %+v: %v", d, err)
		}
	}
}

// TestFortiViewPaging pages with tiny pages and compares with one page.
func TestFortiViewPaging(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	var whole, paged, window []Row
	if _, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), collect(&whole)); err != nil {
		t.Fatal(err)
	}
	e.c.pageRows = 7
	info, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), collect(&paged))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole, paged) {
		t.Fatalf("paged rows differ: %d vs %d rows", len(paged), len(whole))
	}
	if want := (len(whole) + 6) / 7; info.Tasks != want {
		t.Errorf("tasks %d, want %d", info.Tasks, want)
	}
	spec := fvSpec("top-sources", 9)
	spec.Offset = 3
	if _, err := e.c.RunFortiView(ctx, spec, collect(&window)); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(window, whole[3:12]) {
		t.Errorf("limit 9 offset 3 gave %d rows different from rows 3..12", len(window))
	}
}

// slowTasks makes every task run for an hour: only cancellation ends them.
func slowTasks(int) time.Duration { return time.Hour }

func TestCancelDeletesTask(t *testing.T) {
	var cancel context.CancelFunc
	e := startSim(t, fazsim.Options{TaskDuration: slowTasks}, func(c *Config) {
		c.Observer = func(Progress) { cancel() }
	})
	ctx, cancel0 := context.WithCancel(context.Background())
	cancel = cancel0
	_, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), func(Row) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	st := e.sim.Stats()
	if st.TasksCreated != 1 || st.TasksDeleted != 1 || len(st.LiveTasks) != 0 {
		t.Errorf("created %d deleted %d live %v", st.TasksCreated, st.TasksDeleted, st.LiveTasks)
	}
}

// TestStopAndCallbackErrorDeleteTask: a callback that stops (ErrStop) or fails leaves no
// task behind and starts no new one. A FortiView page's task is deleted before its rows
// are handed over, so what can go wrong there is fetching on after the stop; a log search
// prefetches its next page, whose search is still running on the appliance when the
// callback stops (the test waits for it to be polled), so its delete is exercised.
func TestStopAndCallbackErrorDeleteTask(t *testing.T) {
	stopAt := func(result error, hook func()) func(Row) error {
		n := 0
		return func(Row) error {
			if n++; n < 3 {
				return nil
			}
			if hook != nil {
				hook()
			}
			return result
		}
	}
	for _, result := range []error{ErrStop, errors.New("boom")} {
		t.Run(fmt.Sprintf("fortiview %v", result), func(t *testing.T) {
			e := startSim(t, fazsim.Options{}, nil)
			e.c.pageRows = 2
			info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), stopAt(result, nil))
			checkStop(t, result, err, info.Rows)
			st := e.sim.Stats()
			if st.TasksCreated != 2 || st.TasksDeleted != 2 || len(st.LiveTasks) != 0 {
				t.Errorf("pages of 2, stop at row 3: created %d deleted %d live %v; want 2 pages, both deleted", st.TasksCreated, st.TasksDeleted, st.LiveTasks)
			}
		})
		t.Run(fmt.Sprintf("logsearch %v", result), func(t *testing.T) {
			var first atomic.Int64
			prefetchPolled := make(chan struct{})
			var once sync.Once
			// The first search finishes at once; the prefetched one would run for an hour.
			var adds atomic.Int64
			e := startSim(t, fazsim.Options{TaskDuration: func(int) time.Duration {
				if adds.Add(1) == 1 {
					return 0
				}
				return time.Hour
			}}, func(c *Config) {
				c.Observer = func(p Progress) {
					if first.CompareAndSwap(0, int64(p.TID)) || int64(p.TID) == first.Load() {
						return
					}
					once.Do(func() { close(prefetchPolled) })
				}
			})
			e.c.pageRows = 3 // the stop at row 3 comes while page 2 is being searched
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			info, err := e.c.SearchLogs(ctx, lsSpec(0, 12*time.Hour), stopAt(result, func() {
				select {
				case <-prefetchPolled:
				case <-ctx.Done():
					t.Error("the next page's search was never polled")
				}
				// Keyset paging runs one page ahead in each time slice, within the task limit.
				if live := e.sim.Stats().LiveTasks; len(live) < 1 || len(live) > e.c.cfg.MaxConcurrentTasks {
					t.Errorf("at the stop, live tasks %v: want the prefetched searches, 1 to %d", live, e.c.cfg.MaxConcurrentTasks)
				}
			}))
			checkStop(t, result, err, info.Rows)
			st := e.sim.Stats()
			if len(st.LiveTasks) != 0 || st.TasksCreated != st.TasksDeleted+st.TasksReaped {
				t.Errorf("after the stop: live %v, created %d, deleted %d, reaped %d", st.LiveTasks, st.TasksCreated, st.TasksDeleted, st.TasksReaped)
			}
		})
	}
}

func checkStop(t *testing.T, result, err error, rows int) {
	t.Helper()
	if result == ErrStop {
		if err != nil || rows != 2 {
			t.Fatalf("ErrStop: err %v, rows %d (want nil, 2 rows before the stop)", err, rows)
		}
	} else if !errors.Is(err, result) {
		t.Fatalf("err = %v, want the callback's error", err)
	}
}

func TestTaskExpiredMidRunIsRecreated(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	var want, got []Row
	if _, err := e.c.RunFortiView(ctx, fvSpec("top-destinations", 0), collect(&want)); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/fortiview/*", Nth: 1, Effect: fazsim.FaultExpireTask}); err != nil {
		t.Fatal(err)
	}
	info, err := e.c.RunFortiView(ctx, fvSpec("top-destinations", 0), collect(&got))
	if err != nil {
		t.Fatal(err)
	}
	if info.Recreated != 1 || info.Tasks != 2 || !reflect.DeepEqual(want, got) {
		t.Errorf("info %+v; rows equal %v", info, reflect.DeepEqual(want, got))
	}
	// A task that keeps expiring is given up after TaskRecreates attempts.
	if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/fortiview/*", Probability: 1, Effect: fazsim.FaultExpireTask}); err != nil {
		t.Fatal(err)
	}
	info, err = e.c.RunFortiView(ctx, fvSpec("top-destinations", 0), func(Row) error { return nil })
	var te *taskError
	if !errors.As(err, &te) || te.State != taskExpired || !isTaskInvalid(err) {
		t.Fatalf("err = %v, want taskError expired", err)
	}
	if info.Tasks != defaultTaskRecreates+1 {
		t.Errorf("tasks %d, want %d", info.Tasks, defaultTaskRecreates+1)
	}
}

func TestFortiViewPrematureEmptyPageIsRerun(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/fortiview/*", Nth: 1, Effect: fazsim.FaultPremature}); err != nil {
		t.Fatal(err)
	}
	var rows []Row
	info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || info.Tasks != 2 {
		t.Errorf("rows %d, info %+v: want the page run again", len(rows), info)
	}
}

// TestFortiViewPrematureZeroTotalIsConfirmed: FAZ 7.6.7 can answer 100% with
// no rows and a zero total before the task is done; the client reads the
// task again before trusting an empty answer, and returns exactly the rows
// of a fault-free run.
func TestFortiViewPrematureZeroTotalIsConfirmed(t *testing.T) {
	clean := startSim(t, fazsim.Options{}, nil)
	var want []Row
	if _, err := clean.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), collect(&want)); err != nil {
		t.Fatal(err)
	}
	for _, lies := range []int{1, 2, emptyConfirmReads} {
		// Instant tasks: the first gets are the ones that lie, several in a row.
		e := startSim(t, fazsim.Options{TaskDuration: func(int) time.Duration { return 0 }}, nil)
		if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/fortiview/*", Nth: 1, Count: lies, Effect: fazsim.FaultPrematureZero}); err != nil {
			t.Fatal(err)
		}
		var rows []Row
		info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), collect(&rows))
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(rows, want) {
			t.Errorf("%d lying gets: %d rows, want the fault-free %d (info %+v)", lies, len(rows), len(want), info)
		}
		if st := e.sim.Stats(); st.Faults["premature100-zero"] != lies || info.Confirmed != lies {
			t.Errorf("%d lying gets: faults %v, confirmed %d", lies, st.Faults, info.Confirmed)
		}
	}
	// A really empty answer is still empty, after the confirming reads.
	var none []Row
	spec := fvSpec("top-sources", 0)
	spec.Filter = `srcip=="192.0.2.254"`
	info, err := clean.c.RunFortiView(context.Background(), spec, collect(&none))
	if err != nil || len(none) != 0 || info.Confirmed != emptyConfirmReads || info.Tasks != 1 {
		t.Errorf("empty view: %d rows, %+v, %v", len(none), info, err)
	}
}

func TestTaskTimeout(t *testing.T) {
	e := startSim(t, fazsim.Options{TaskDuration: slowTasks}, func(c *Config) { c.TaskTimeout = 30 * time.Millisecond })
	_, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
	var te *taskError
	if !errors.As(err, &te) || te.State != taskRunning {
		t.Fatalf("err = %v, want taskError running", err)
	}
	if n := e.sim.Stats().TasksDeleted; n != 1 {
		t.Errorf("deleted %d tasks, want 1", n)
	}
}

// TestFetchFortiView covers the first seed document: fetch a task by tid.
func TestFetchFortiView(t *testing.T) {
	for dialect, want := range map[string]string{fazsim.DialectReal: DialectReal, fazsim.DialectExamples: DialectSeed} {
		t.Run(dialect, func(t *testing.T) {
			e := startSim(t, fazsim.Options{Dialect: dialect}, nil)
			ctx := context.Background()
			p, err := e.c.fortiviewParams(ctx, fvSpec("top-sources", 10))
			if err != nil {
				t.Fatal(err)
			}
			p["limit"] = 10
			spec := &taskSpec{kind: "fortiview", adom: "root", view: "top-sources", addURL: "/fortiview/adom/root/top-sources/run", addParams: p}
			// Another tool created the task: a fresh client has never seen it.
			tid, _, err := e.c.createTask(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			other, err := New(Config{URL: e.ts.URL, APIKey: "fazsim-api-key", PollFloor: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			var rows []Row
			info, err := other.FetchFortiView(ctx, "root", "top-sources", tid, collect(&rows))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 || info.Dialect != want {
				t.Fatalf("%d rows, info %+v", len(rows), info)
			}
			if _, ok := rows[0]["srcip"]; !ok {
				t.Errorf("row %v has no srcip", rows[0])
			}
			// Fetching does not delete: the task belongs to its creator.
			if live := e.sim.Stats().LiveTasks; len(live) != 1 {
				t.Errorf("live tasks %v, want the fetched task still there", live)
			}
			e.c.deleteTask(ctx, spec, tid)
			_, err = other.FetchFortiView(ctx, "root", "top-sources", tid, collect(&rows))
			var te *taskError
			if !errors.As(err, &te) || te.State != taskExpired {
				t.Errorf("seen-then-gone tid: err = %v, want taskExpired", err)
			}
			_, err = other.FetchFortiView(ctx, "root", "top-sources", 987654, collect(&rows))
			if !errors.As(err, &te) || te.State != taskUnknown {
				t.Errorf("never-seen tid: err = %v, want taskUnknown", err)
			}
		})
	}
}

func TestFetchFortiViewStillRunning(t *testing.T) {
	e := startSim(t, fazsim.Options{TaskDuration: slowTasks}, func(c *Config) { c.TaskTimeout = 30 * time.Millisecond })
	ctx := context.Background()
	p, err := e.c.fortiviewParams(ctx, fvSpec("top-sources", 10))
	if err != nil {
		t.Fatal(err)
	}
	spec := &taskSpec{kind: "fortiview", adom: "root", view: "top-sources", addURL: "/fortiview/adom/root/top-sources/run", addParams: p}
	tid, _, err := e.c.createTask(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	defer e.c.deleteTask(ctx, spec, tid)
	_, err = e.c.FetchFortiView(ctx, "root", "top-sources", tid, func(Row) error { return nil })
	var te *taskError
	if !errors.As(err, &te) || te.State != taskRunning {
		t.Fatalf("err = %v, want taskRunning", err)
	}
}

func TestSeedDialectRun(t *testing.T) {
	e := startSim(t, fazsim.Options{Dialect: fazsim.DialectExamples}, nil)
	var rows []Row
	info, err := e.c.RunFortiView(context.Background(), fvSpec("top-threats", 0), collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	if info.Dialect != DialectSeed || len(rows) == 0 {
		t.Fatalf("info %+v rows %d", info, len(rows))
	}
	if _, ok := rows[0]["threat"]; !ok {
		t.Errorf("seed row %v has no threat", rows[0])
	}
	var logs []Row
	linfo, err := e.c.SearchLogs(context.Background(), lsSpec(1500, 7*24*time.Hour), collect(&logs))
	if err != nil {
		t.Fatal(err)
	}
	if linfo.Dialect != DialectSeed || len(logs) != 1500 || linfo.Pages != 2 {
		t.Errorf("seed log search: info %+v, %d rows", linfo, len(logs))
	}
}

func TestObserverSeesEveryPoll(t *testing.T) {
	var seen []Progress
	var mu sync.Mutex
	e := startSim(t, fazsim.Options{}, func(c *Config) {
		c.Observer = func(p Progress) { mu.Lock(); seen = append(seen, p); mu.Unlock() }
	})
	info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != info.Polls {
		t.Fatalf("%d observations for %d polls", len(seen), info.Polls)
	}
	last := seen[len(seen)-1]
	want := Progress{Kind: "fortiview", ADOM: "root", View: "top-sources", TID: info.TID, Percentage: 100, Done: true}
	if last != want {
		t.Errorf("last progress %+v, want %+v", last, want)
	}
}

// TestTaskLimitSharedByQueries runs more concurrent queries than both the
// client limit and the appliance's slots allow, with retries off: any task
// beyond the limit would be refused with "No available slot".
func TestTaskLimitSharedByQueries(t *testing.T) {
	e := startSim(t, fazsim.Options{SearchSlots: 2, TaskDuration: func(int) time.Duration { return 20 * time.Millisecond }},
		func(c *Config) { c.MaxConcurrentTasks = 2; c.MaxRetries = -1 })
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if st := e.sim.Stats(); st.NoSlot != 0 || st.TasksCreated != 6 {
		t.Errorf("no-slot refusals %d, tasks %d", st.NoSlot, st.TasksCreated)
	}
}

func TestTimeRangeInApplianceZone(t *testing.T) {
	for _, tc := range []struct{ simZone, override, want string }{
		{"America/New_York", "", `"start":"2026-11-20 06:00:00"`},
		{"Europe/Brussels", "", `"start":"2026-11-20 12:00:00"`},
		{"Europe/Brussels", "Asia/Tokyo", `"start":"2026-11-20 20:00:00"`},
	} {
		sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 2000, Timezone: tc.simZone})
		rec := &recorder{h: sim}
		ts := httptest.NewServer(rec)
		c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", Timezone: tc.override, PollFloor: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		spec := fvSpec("top-sources", 1)
		spec.Start = time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)
		if _, err := c.RunFortiView(context.Background(), spec, func(Row) error { return nil }); err != nil {
			t.Fatal(err)
		}
		reqs, _ := rec.all()
		found := false
		for _, r := range reqs {
			found = found || strings.Contains(r, tc.want)
		}
		if !found {
			t.Errorf("zone %s override %q: no request with %s in %v", tc.simZone, tc.override, tc.want, reqs)
		}
		ts.Close()
	}
}

// TestAdaptivePollingAgainstModelledTasks runs tasks with real durations
// and compares the number of polls with a fixed 0.5 s poller's.
func TestAdaptivePollingAgainstModelledTasks(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real-time tasks")
	}
	d := 400 * time.Millisecond
	var pcts []int
	var mu sync.Mutex
	e := startSim(t, fazsim.Options{TaskDuration: func(int) time.Duration { return d }}, func(c *Config) {
		c.PollFloor, c.PollCap = defaultPollFloor, defaultPollCap
		c.Observer = func(p Progress) { mu.Lock(); pcts = append(pcts, p.Percentage); mu.Unlock() }
	})
	info, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v task: %d polls, percentages %v", d, info.Polls, pcts)
	// A fixed 0.5 s poller needs 1 poll here but answers ~100 ms late; a
	// fixed 50 ms poller 8. Polls only become fewer on a slower machine.
	if info.Polls > 8 {
		t.Errorf("%d polls for a %v task", info.Polls, d)
	}
	if last := pcts[len(pcts)-1]; last != 100 {
		t.Errorf("last observed percentage %d", last)
	}
	for i, p := range pcts[:len(pcts)-1] {
		if p >= 100 {
			t.Errorf("poll %d saw 100%% but polling went on: %v", i, pcts)
		}
	}
}

func TestCloseCancelsAndDeletesRunningTasks(t *testing.T) {
	polled := make(chan struct{}, 1)
	e := startSim(t, fazsim.Options{TaskDuration: slowTasks}, func(c *Config) {
		c.Observer = func(Progress) {
			select {
			case polled <- struct{}{}:
			default:
			}
		}
	})
	errc := make(chan error, 1)
	go func() {
		_, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
		errc <- err
	}()
	<-polled
	if err := e.c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, errClosed) {
		t.Errorf("run ended with %v, want errClosed", err)
	}
	st := e.sim.Stats()
	if st.TasksDeleted != 1 || st.Logouts != 1 || len(st.LiveTasks) != 0 {
		t.Errorf("deleted %d, logouts %d, live %v", st.TasksDeleted, st.Logouts, st.LiveTasks)
	}
	if _, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil }); !errors.Is(err, errClosed) {
		t.Errorf("run after Close: %v", err)
	}
}

// TestFortiViewCapIsAnErrorNotASilentCut: a run without limit stops at the row cap and says
// so when more rows exist; exactly at the cap with nothing more, it succeeds.
func TestFortiViewCapIsAnErrorNotASilentCut(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	var whole []Row
	if _, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), collect(&whole)); err != nil {
		t.Fatal(err)
	}
	e.c.pageRows, e.c.maxRows = 5, 10
	var got []Row
	_, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), collect(&got))
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Param != "limit" || len(got) != 10 {
		t.Fatalf("want 10 rows then an error naming limit, got %d rows and %v", len(got), err)
	}
	e.c.maxRows = len(whole)
	got = nil
	if _, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 0), collect(&got)); err != nil || len(got) != len(whole) {
		t.Fatalf("a result exactly at the cap must succeed: %d rows, %v", len(got), err)
	}
	got = nil
	e.c.maxRows = 10
	if _, err := e.c.RunFortiView(ctx, fvSpec("top-sources", 10), collect(&got)); err != nil || len(got) != 10 {
		t.Fatalf("an explicit limit at the cap is not truncation: %d rows, %v", len(got), err)
	}
}

// TestUnknownSortColumnFallsBackToTheViewsOrder: a sort-by the appliance does not know
// ("Missing columns") is an optimisation lost, not the question failed.
func TestUnknownSortColumnFallsBackToTheViewsOrder(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	spec := fvSpec("top-sources", 5)
	spec.SortBy = []Sort{{Field: "no_such_column", Order: "desc"}}
	var rows []Row
	info, err := e.c.RunFortiView(context.Background(), spec, collect(&rows))
	if err != nil {
		t.Fatalf("a refused sort-by failed the run: %v", err)
	}
	adds := 0
	for k, n := range e.sim.Stats().Requests {
		if strings.HasPrefix(k, "add /fortiview/") {
			adds += n
		}
	}
	if len(rows) != 5 || info.Rows != 5 || adds != 2 {
		t.Fatalf("%d rows after %d adds, want 5 after 2 (the refused one, then the view's order)", len(rows), adds)
	}
}

// TestRequiredSortRefusedIsAnError: when the caller relies on the order (an SQL ORDER BY
// pushed down), a refused sort-by fails the run, typed, before any row, and is not retried.
func TestRequiredSortRefusedIsAnError(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	spec := fvSpec("top-sources", 5)
	spec.SortBy = []Sort{{Field: "no_such_column", Order: "desc"}}
	spec.SortRequired = true
	var rows []Row
	_, err := e.c.RunFortiView(context.Background(), spec, collect(&rows))
	if !errors.Is(err, ErrSortRefused) || !strings.Contains(err.Error(), "Missing columns") {
		t.Fatalf("err = %v, want ErrSortRefused carrying the appliance's message", err)
	}
	adds := 0
	for k, n := range e.sim.Stats().Requests {
		if strings.HasPrefix(k, "add /fortiview/") {
			adds += n
		}
	}
	if len(rows) != 0 || adds != 1 {
		t.Fatalf("%d rows after %d adds, want none after the one refused add", len(rows), adds)
	}
}
