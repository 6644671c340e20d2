package faz

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestSearchLogsLimitInOnePageIsOneSearch: a Limit that fits in one page costs one search
// when the window holds more rows, whatever the pager.
func TestSearchLogsLimitInOnePageIsOneSearch(t *testing.T) {
	for _, limit := range []int{1, 10, maxPageRows} {
		for _, order := range []string{"desc", "asc"} {
			t.Run(fmt.Sprintf("limit %d %s", limit, order), func(t *testing.T) {
				e := startSim(t, fazsim.Options{}, nil)
				spec := lsSpec(limit, 7*24*time.Hour)
				spec.TimeOrder = order
				var rows []Row
				info, err := e.c.SearchLogs(context.Background(), spec, collect(&rows))
				if err != nil {
					t.Fatal(err)
				}
				st := e.sim.Stats()
				if len(rows) != limit || info.Searches != 1 || st.TasksCreated != 1 || info.Pages != 1 {
					t.Fatalf("limit %d: %d rows, %d searches (appliance: %d tasks), info %+v; want one search", limit, len(rows), info.Searches, st.TasksCreated, info)
				}
			})
		}
	}
}

// expectedIDs lists the ids of root's traffic logs in [start, end) in time order (desc:
// newest first, ties by index as the simulator orders them), keeping those keep accepts.
func expectedIDs(sim *fazsim.Server, start, end time.Time, desc bool, keep func(fazsim.LogRow) bool) []string {
	var out []string
	sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if r.LogType == "traffic" && (keep == nil || keep(r)) {
			id, _ := r.Field("id")
			out = append(out, id)
		}
		return true
	})
	if desc {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

func ids(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i], _ = r["id"].(string)
	}
	return out
}

// TestSearchLogsKeysetMatchesTheData pages a dense window (many rows per second) with small
// pages, one task slot and the default four, in both orders: the rows are exactly the
// simulator's, in its order, and the crowded seconds were paged by offset.
func TestSearchLogsKeysetMatchesTheData(t *testing.T) {
	for _, slots := range []int{1, 4} {
		for _, order := range []string{"desc", "asc"} {
			t.Run(fmt.Sprintf("%d slots %s", slots, order), func(t *testing.T) {
				e := startSim(t, fazsim.Options{Window: time.Hour, LogRows: 60_000}, func(c *Config) { c.MaxConcurrentTasks = slots })
				e.c.pageRows = 7
				start, end := testEnd.Add(-10*time.Minute), testEnd
				want := expectedIDs(e.sim, start, end, order == "desc", nil)
				spec := LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end, TimeOrder: order}
				var rows []Row
				info, err := e.c.SearchLogs(context.Background(), spec, collect(&rows))
				if err != nil {
					t.Fatal(err)
				}
				got := ids(rows)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%d rows differ from the simulator's %d (info %+v)", len(got), len(want), info)
				}
				if info.OffsetPages == 0 || info.Skipped == 0 {
					t.Errorf("no crowded second or no boundary row met again: the test proves less than it says (info %+v)", info)
				}
				if slots > 1 && info.Slices < 2 {
					t.Errorf("%d slots: %d slices", slots, info.Slices)
				}
				if st := e.sim.Stats(); st.TasksCreated != info.Searches {
					t.Errorf("the appliance saw %d searches, the client counted %d", st.TasksCreated, info.Searches)
				}
				t.Logf("%d rows: %+v", len(rows), info)
			})
		}
	}
}

// lateArrivals serves sim and moves its clock on by step after every log-search add, so
// that each search sees logs the previous one did not: rows whose itime lies inside the
// window being paged (the simulator's IndexLag). Deterministic: the clock moves only on
// a search's creation.
func lateArrivals(sim *fazsim.Server, clock *fazsim.FakeClock, step time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		sim.ServeHTTP(w, r)
		if bytes.Contains(body, []byte(`"method":"add"`)) && bytes.Contains(body, []byte(`/logsearch"`)) {
			clock.Advance(step)
		}
	})
}

// driftRun pages a 12 h window while logs keep arriving (6 h indexing lag, the clock 20
// minutes on per search) and returns the rows, the search info, the ids visible when the
// query started and the appliance's count of searches.
func driftRun(t *testing.T, paging, order string, slots int) (rows []Row, info SearchInfo, visible []string, searches int) {
	t.Helper()
	clock := fazsim.NewFakeClock(testEnd)
	sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 40_000, IndexLag: 6 * time.Hour, Clock: clock, TaskTTL: 1000 * time.Hour})
	ts := httptest.NewServer(lateArrivals(sim, clock, 20*time.Minute))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", PollFloor: time.Millisecond, PollCap: 5 * time.Millisecond,
		LogPaging: paging, MaxConcurrentTasks: slots})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	c.pageRows = 40
	start, end := testEnd.Add(-12*time.Hour), testEnd
	visibleAt := clock.Now() // the first search's view
	visible = expectedIDs(sim, start, end, order == "desc", func(r fazsim.LogRow) bool { return !r.IndexedAt().After(visibleAt) })
	spec := LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end, TimeOrder: order}
	info, err = c.SearchLogs(context.Background(), spec, collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	st := sim.Stats()
	if len(st.LiveTasks) > 0 {
		t.Errorf("searches left alive: %v", st.LiveTasks)
	}
	return rows, info, visible, st.TasksCreated
}

// drift compares what a pager emitted with what was visible at the query's start: rows
// handed out twice, and visible rows never handed out.
func drift(t *testing.T, rows []Row, visible []string, start, end time.Time) (dups, skipped int) {
	t.Helper()
	seen := map[string]int{}
	for _, r := range rows {
		id, _ := r["id"].(string)
		seen[id]++
		it, _ := strconv.ParseInt(fmt.Sprint(r["itime"]), 10, 64)
		if it < start.Unix() || it >= end.Unix() {
			t.Errorf("row %s at itime %d is outside the frozen window", id, it)
		}
	}
	for _, n := range seen {
		if n > 1 {
			dups += n - 1
		}
	}
	for _, id := range visible {
		if seen[id] == 0 {
			skipped++
		}
	}
	return dups, skipped
}

// TestSearchLogsDrift: logs arrive while the query pages (late indexing). The keyset pager
// hands out every row visible at the query's start exactly once, in both orders, with one
// slot (one keyset sequence) and four (time slices); the offset pager, under the same
// arrivals, repeats or loses rows: the test tells the two apart.
func TestSearchLogsDrift(t *testing.T) {
	start, end := testEnd.Add(-12*time.Hour), testEnd
	for _, order := range []string{"desc", "asc"} {
		for _, slots := range []int{1, 4} {
			t.Run(fmt.Sprintf("keyset %s %d slots", order, slots), func(t *testing.T) {
				rows, info, visible, searches := driftRun(t, pagingKeyset, order, slots)
				dups, skipped := drift(t, rows, visible, start, end)
				if dups != 0 || skipped != 0 {
					t.Fatalf("%d rows, %d visible at the start: %d repeated, %d skipped (info %+v)", len(rows), len(visible), dups, skipped, info)
				}
				if len(rows) <= len(visible) {
					t.Errorf("%d rows, %d visible at the start: no late row arrived inside the window; the test proves nothing", len(rows), len(visible))
				}
				if info.Searches != searches || info.Searches < len(visible)/40 {
					t.Errorf("searches: client %d, appliance %d, for %d rows in pages of 40", info.Searches, searches, len(rows))
				}
				t.Logf("%d rows (%d visible at the start), %d searches, %+v", len(rows), len(visible), searches, info)
			})
		}
		t.Run("offset "+order, func(t *testing.T) {
			rows, info, visible, searches := driftRun(t, pagingOffset, order, 4)
			dups, skipped := drift(t, rows, visible, start, end)
			if dups == 0 && skipped == 0 {
				t.Fatalf("the offset pager neither repeated nor lost a row under late arrivals (%d rows): the drift test cannot tell the pagers apart", len(rows))
			}
			if info.Searches != searches {
				t.Errorf("searches: client %d, appliance %d", info.Searches, searches)
			}
			t.Logf("offset pager: %d rows, %d repeated, %d skipped, %d searches", len(rows), dups, skipped, searches)
		})
	}
}

// TestSearchLogRecordsRaw: each record's Raw is the row's bytes as the appliance sent
// them (decoding Raw gives Row back), in both dialects, and belongs to the callee.
func TestSearchLogRecordsRaw(t *testing.T) {
	for _, dialect := range []string{fazsim.DialectReal, fazsim.DialectExamples} {
		t.Run(dialect, func(t *testing.T) {
			rec := &recorder{}
			sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 20_000, Dialect: dialect})
			rec.h = sim
			ts := httptest.NewServer(rec)
			t.Cleanup(ts.Close)
			c, err := New(Config{URL: ts.URL, Username: "admin", Password: "fortinet", PollFloor: time.Millisecond, PollCap: 5 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = c.Close(context.Background()) })
			var recs []Record
			if _, err := c.SearchLogRecords(context.Background(), lsSpec(25, 24*time.Hour), func(r Record) error {
				recs = append(recs, r)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			_, resps := rec.all()
			var wire string
			for _, r := range resps {
				if bytes.Contains([]byte(r), []byte(`"itime"`)) {
					wire = r
				}
			}
			if len(recs) != 25 || wire == "" {
				t.Fatalf("%d records; page on the wire found: %v", len(recs), wire != "")
			}
			for i, r := range recs {
				if !bytes.Contains([]byte(wire), r.Raw) || r.Raw[0] != '{' {
					t.Fatalf("record %d: Raw %.80s is not the appliance's bytes", i, r.Raw)
				}
				dec := json.NewDecoder(bytes.NewReader(r.Raw))
				dec.UseNumber()
				var back map[string]any
				if err := dec.Decode(&back); err != nil || fmt.Sprint(back) != fmt.Sprint(map[string]any(r.Row)) {
					t.Fatalf("record %d: Raw decodes to %v (%v), Row is %v", i, back, err, r.Row)
				}
			}
			// The callee owns Raw: changing one leaves the others and the rows alone.
			recs[0].Raw[0] = 'X'
			if recs[1].Raw[0] != '{' || recs[0].Row["id"] == nil {
				t.Error("Raw shares memory with other records or rows")
			}
		})
	}
}

// TestLogPagingOption: Config.LogPaging names its accepted values.
func TestLogPagingOption(t *testing.T) {
	_, err := New(Config{URL: "https://faz.example.com", APIKey: "k", LogPaging: "cursor"})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Param != "log_paging" {
		t.Fatalf("err = %v, want a ConfigError naming log_paging", err)
	}
}

// TestSearchLogsWithoutItimePagesByOffset: rows that carry no receive time cannot be
// keyed on; the pager falls back to offset paging and still returns every row once.
func TestSearchLogsWithoutItimePagesByOffset(t *testing.T) {
	sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 20_000})
	itime := regexp.MustCompile(`"itime":"[0-9]+",`)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := httptest.NewRecorder()
		sim.ServeHTTP(rw, r)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(itime.ReplaceAll(rw.Body.Bytes(), nil))
	}))
	t.Cleanup(ts.Close)
	c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", PollFloor: time.Millisecond, PollCap: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	c.pageRows = 50
	start, end := testEnd.Add(-24*time.Hour), testEnd
	want := expectedIDs(sim, start, end, true, nil)
	var rows []Row
	info, err := c.SearchLogs(context.Background(), LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end}, collect(&rows))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rows[0]["itime"]; ok {
		t.Fatal("itime was not removed: the test proves nothing")
	}
	if fmt.Sprint(ids(rows)) != fmt.Sprint(want) || info.Slices != 1 || info.OffsetPages == 0 {
		t.Fatalf("%d rows, want %d; info %+v", len(rows), len(want), info)
	}
}
