package fazsim

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func (f *fixture) lsGet(adom string, tid int, params map[string]any) map[string]any {
	f.t.Helper()
	p := map[string]any{"apiver": 3}
	for k, v := range params {
		p[k] = v
	}
	return f.rpc("get", fmt.Sprintf("/logview/adom/%s/logsearch/%d", adom, tid), p)
}

// expectedLogs lists matching rows newest first (FAZ's default time-order).
func expectedLogs(ds *Dataset, adom, logType string, keep func(LogRow) bool) []LogRow {
	var out []LogRow
	ds.Logs(adom, ds.Start(), ds.End(), func(r LogRow) bool {
		if r.LogType == logType && (keep == nil || keep(r)) {
			out = append(out, r)
		}
		return true
	})
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func TestLogSearchTidLifecycle(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }, RegisterDelay: time.Second})
	tid := f.addLS("root", map[string]any{"limit": 50})
	// Too early: the tid is not registered yet.
	if code, msg := f.errOf(f.lsGet("root", tid, map[string]any{"limit": 0})); code != -32005 || msg != fmt.Sprintf("Invalid tid %d for fetching result", tid) {
		t.Fatalf("early get: %d %q", code, msg)
	}
	f.clock.Advance(2 * time.Second)
	// limit 0 probes progress and keeps the tid.
	for i := 0; i < 2; i++ {
		r := f.ok(f.lsGet("root", tid, map[string]any{"limit": 0}))
		if num(t, r["percentage"]) != 20 || len(r["data"].([]any)) != 0 {
			t.Fatalf("probe %d: %.300v", i, r)
		}
	}
	f.clock.Advance(8 * time.Second)
	r := f.ok(f.lsGet("root", tid, map[string]any{"limit": 50, "offset": 0}))
	if num(t, r["percentage"]) != 100 || len(r["data"].([]any)) != 50 || num(t, r["total-count"]) != 50 || num(t, r["return-lines"]) != 50 {
		t.Fatalf("fetch: pct %v rows %d total %v", r["percentage"], len(r["data"].([]any)), r["total-count"])
	}
	// The completed fetch reaped the tid: single use.
	if code, _ := f.errOf(f.lsGet("root", tid, map[string]any{"limit": 50})); code != -32005 {
		t.Fatalf("second fetch code %d", code)
	}
	st := f.srv.Stats()
	if st.TasksReaped != 1 || len(st.LiveTasks) != 0 || st.Polls[tid] != 5 {
		t.Fatalf("stats: reaped %d live %v polls %d", st.TasksReaped, st.LiveTasks, st.Polls[tid])
	}
}

func TestLogSearchEarlyFetchIsPartialAndReaps(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }})
	tid := f.addLS("root", map[string]any{"limit": 200})
	f.clock.Advance(3 * time.Second)
	r := f.ok(f.lsGet("root", tid, map[string]any{"limit": 200}))
	n := len(r["data"].([]any))
	if num(t, r["percentage"]) != 30 || n == 0 || n >= 200 || num(t, r["total-count"]) != int64(n) {
		t.Fatalf("early page: pct %v rows %d total %v", r["percentage"], n, r["total-count"])
	}
	if code, _ := f.errOf(f.lsGet("root", tid, map[string]any{"limit": 200})); code != -32005 {
		t.Fatalf("tid survived an early fetch")
	}
}

func TestLogSearchRowsPagingAndTotalFloor(t *testing.T) {
	f := newFixture(t, Options{})
	ds := f.srv.Data()
	want := expectedLogs(ds, "Branch_Office", "attack", nil)
	if len(want) < 300 {
		t.Fatalf("fixture too small: %d attack rows", len(want))
	}
	var got []string
	for off := 0; off < len(want); off += 1000 {
		tid := f.addLS("Branch_Office", map[string]any{"logtype": "attack", "limit": 1000, "offset": off})
		r := f.ok(f.lsGet("Branch_Office", tid, map[string]any{"limit": 1000, "offset": off}))
		total := num(t, r["total-count"])
		if wantTotal := min(off+1000, len(want)); total != int64(wantTotal) {
			t.Fatalf("offset %d: total-count %d, want floor %d", off, total, wantTotal)
		}
		for _, row := range r["data"].([]any) {
			got = append(got, row.(map[string]any)["id"].(string))
		}
	}
	if len(got) != len(want) {
		t.Fatalf("paged %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if id, _ := want[i].Field("id"); id != got[i] {
			t.Fatalf("row %d: id %s, want %s", i, got[i], id)
		}
	}
	// time-order asc reverses it; rows are flat strings.
	tid := f.addLS("Branch_Office", map[string]any{"logtype": "attack", "limit": 3, "time-order": "asc"})
	rows := f.ok(f.lsGet("Branch_Office", tid, nil))["data"].([]any)
	first := rows[0].(map[string]any)
	if id, _ := want[len(want)-1].Field("id"); first["id"] != id {
		t.Fatalf("asc first id %v, want %s", first["id"], id)
	}
	for _, k := range []string{"itime", "date", "time", "eventtime", "devid", "devname", "vd", "srcip", "attack", "severity", "crlevel", "crscore", "action"} {
		if _, ok := first[k].(string); !ok {
			t.Errorf("log row field %q missing or not a string: %T", k, first[k])
		}
	}
}

func TestLogSearchFilterFindsThreatEndpoints(t *testing.T) {
	f := newFixture(t, Options{})
	var th Threat
	for _, x := range f.srv.Data().Threats() {
		if x.Name == "Apache.Log4j.Error.Log.Remote.Code.Execution" {
			th = x
		}
	}
	tid := f.addLS("Data_Center", map[string]any{"logtype": "attack", "limit": 1000, "filter": `attack=="` + th.Name + `"`})
	r := f.ok(f.lsGet("Data_Center", tid, nil))
	ips := map[string]bool{}
	for _, row := range r["data"].([]any) {
		m := row.(map[string]any)
		ips[m["srcip"].(string)] = true
		if m["action"] != "detected" {
			t.Errorf("never-blocked threat has action %v", m["action"])
		}
	}
	for _, ip := range th.Endpoints["Data_Center"] {
		if !ips[ip] {
			t.Errorf("endpoint %s not found by the drilldown", ip)
		}
	}
	if len(ips) != len(th.Endpoints["Data_Center"]) {
		t.Errorf("found %v, want %v", ips, th.Endpoints["Data_Center"])
	}
	// Grammar: and/or, parentheses, negation, like, juxtaposition; inert ops.
	count := func(filter string) int {
		tid := f.addLS("root", map[string]any{"limit": 1000, "filter": filter, "time-range": map[string]any{"start": "2026-11-20 10:00:00", "end": "2026-11-20 13:00:00"}})
		return len(f.ok(f.lsGet("root", tid, nil))["data"].([]any))
	}
	all := count("")
	hq1 := count(`devid=="FGT60F3X17000001"`)
	notHq1 := count(`!(devid=="FGT60F3X17000001")`)
	if hq1 == 0 || hq1+notHq1 != all {
		t.Errorf("negation: %d + %d != %d", hq1, notHq1, all)
	}
	if a, b := count(`devid=="FGT60F3X17000001" and service=="HTTPS"`), count(`devid="FGT60F3X17000001" service="HTTPS"`); a != b || a == 0 {
		t.Errorf("and vs juxtaposition: %d %d", a, b)
	}
	if n := count(`srcname like "%USER01"`); n == 0 {
		t.Errorf("like found nothing")
	}
	if n := count(`srcip contain "10"`); n != 0 {
		t.Errorf("contain must match nothing, got %d", n)
	}
	if n := count(`srcip zzqq "10"`); n != 0 {
		t.Errorf("unknown operator must match nothing, got %d", n)
	}
}

func TestLogSearchValidationAndLogTypes(t *testing.T) {
	f := newFixture(t, Options{})
	add := func(p map[string]any) map[string]any {
		q := map[string]any{"apiver": 3, "logtype": "traffic", "time-range": wholeWindow()}
		for k, v := range p {
			q[k] = v
		}
		return f.rpc("add", "/logview/adom/root/logsearch", q)
	}
	if _, msg := f.errOf(add(map[string]any{"limit": 2000})); msg != "Invalid params: limit: 2000 is bigger than max value 1000" {
		t.Errorf("limit: %q", msg)
	}
	if _, msg := f.errOf(add(map[string]any{"filter": "srcip !like \"10.%\""})); msg != "Invalid filter" {
		t.Errorf("filter: %q", msg)
	}
	if _, msg := f.errOf(add(map[string]any{"filter": "srcip==\"a\x01\""})); msg != "Invalid filter" {
		t.Errorf("control char: %q", msg)
	}
	tid := f.addLS("root", nil)
	if _, msg := f.errOf(f.lsGet("root", tid, map[string]any{"limit": 1001})); !strings.Contains(msg, "bigger than max value 1000") {
		t.Errorf("get limit: %q", msg)
	}
	f.rpc("delete", fmt.Sprintf("/logview/adom/root/logsearch/%d", tid), nil)
	kinds := func(lt string) map[string]bool {
		tid := f.addLS("root", map[string]any{"logtype": lt, "limit": 1000})
		out := map[string]bool{}
		for _, row := range f.ok(f.lsGet("root", tid, nil))["data"].([]any) {
			m := row.(map[string]any)
			out[m["type"].(string)+"/"+m["subtype"].(string)] = true
		}
		return out
	}
	if k := kinds("anomaly"); !k["utm/ips"] || len(k) != 1 {
		t.Errorf("anomaly alias: %v", k)
	}
	if k := kinds("utm"); len(k) < 4 {
		t.Errorf("utm should mean every type: %v", k)
	}
	if k := kinds("ztna"); len(k) != 0 {
		t.Errorf("ztna: %v", k)
	}
	if _, msg := f.errOf(add(map[string]any{"logtype": "bogus"})); !strings.Contains(msg, "bogus") {
		t.Errorf("bogus logtype: %q", msg)
	}
}

func TestSearchSlots(t *testing.T) {
	f := newFixture(t, Options{SearchSlots: 2, TaskDuration: func(int) time.Duration { return time.Minute }})
	a := f.addLS("root", nil)
	f.addFV("root", "top-sources", nil)
	if _, msg := f.errOf(f.rpc("add", "/logview/adom/root/logsearch", map[string]any{"apiver": 3, "logtype": "traffic", "time-range": wholeWindow()})); msg != "No available slot for searching" {
		t.Fatalf("third task: %q", msg)
	}
	f.ok(f.rpc("delete", fmt.Sprintf("/logview/adom/root/logsearch/%d", a), nil))
	b := f.addLS("root", nil)
	f.clock.Advance(time.Minute)
	f.ok(f.lsGet("root", b, nil)) // reaped: frees its slot
	f.addLS("root", nil)
	st := f.srv.Stats()
	if st.NoSlot != 1 || len(st.LiveTasks) != 2 || st.TasksDeleted != 1 || st.TasksReaped != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestLargeResultPagingIsIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("pages 100k rows")
	}
	f := newFixture(t, Options{LogRows: 400_000})
	pages, rows := 0, 0
	var last string
	for off := 0; ; off += 1000 {
		tid := f.addLS("root", map[string]any{"logtype": "traffic", "limit": 1000, "offset": off, "time-order": "asc"})
		data := f.ok(f.lsGet("root", tid, nil))["data"].([]any)
		for _, r := range data {
			id := r.(map[string]any)["itime"].(string)
			if id < last {
				t.Fatalf("page %d out of order", pages)
			}
			last = id
		}
		rows += len(data)
		pages++
		if len(data) < 1000 {
			break
		}
	}
	want := len(expectedLogs(f.srv.Data(), "root", "traffic", nil))
	if rows != want {
		t.Fatalf("paged %d rows in %d pages, want %d", rows, pages, want)
	}
}

func TestOrderedRowJSON(t *testing.T) {
	r := orderedRow{{key: "a", str: "x\"y\\z\n\u00e9"}, {key: "n", num: -5, isN: true}}
	b, _ := r.MarshalJSON()
	if string(b) != `{"a":"x\"y\\z\u000a`+"\u00e9"+`","n":-5}` {
		t.Fatalf("got %s", b)
	}
}

func TestLogSearchLimitZeroAdd(t *testing.T) {
	f := newFixture(t, Options{})
	tid := f.addLS("root", map[string]any{"limit": 0})
	r := f.ok(f.lsGet("root", tid, nil))
	if len(r["data"].([]any)) != 0 || num(t, r["total-count"]) != 0 {
		t.Fatalf("limit 0: %.300v", r)
	}
}

func TestLogSearchCountEndpoint(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }})
	tid := f.addLS("root", map[string]any{"limit": 100})
	f.clock.Advance(5 * time.Second)
	r := f.ok(f.rpc("get", fmt.Sprintf("/logview/adom/root/logsearch/count/%d", tid), map[string]any{"apiver": 3}))
	if num(t, r["progress-percent"]) != 50 || num(t, r["matched-logs"]) == 0 || num(t, r["total-logs"]) != 50_000 {
		t.Fatalf("count: %.300v", r)
	}
	if live := f.srv.Stats().LiveTasks; len(live) != 1 {
		t.Fatalf("count reaped the tid: %v", live)
	}
}

// TestLogSearchLateIndexing (times in the appliance zone, UTC+1): with IndexLag, a search sees exactly the rows indexed by the
// clock's reading at its add; advancing the clock makes rows with itimes inside the same
// window appear, and the rows a search sees are the ones IndexedAt says.
func TestLogSearchLateIndexing(t *testing.T) {
	f := newFixture(t, Options{IndexLag: 6 * time.Hour})
	f.clock.Set(testEnd) // the newest 6 h are partly unindexed
	ds := f.srv.Data()
	ids := func() []string {
		tid := f.addLS("root", map[string]any{"limit": 1000, "time-range": map[string]any{"start": "2026-11-20 04:00:00", "end": "2026-11-20 13:00:00"}})
		var out []string
		for _, row := range f.ok(f.lsGet("root", tid, map[string]any{"limit": 1000}))["data"].([]any) {
			out = append(out, row.(map[string]any)["id"].(string))
		}
		return out
	}
	wantAt := func(now time.Time) []string {
		var out []string
		for _, r := range expectedLogs(ds, "root", "traffic", func(r LogRow) bool {
			return r.Itime >= testEnd.Add(-9*time.Hour).Unix() && !r.IndexedAt().After(now)
		}) {
			id, _ := r.Field("id")
			out = append(out, id)
		}
		return out
	}
	before := ids()
	if want := wantAt(testEnd); strings.Join(before, ",") != strings.Join(want, ",") {
		t.Fatalf("at the data's end: %d rows, want the %d indexed by then", len(before), len(want))
	}
	f.clock.Advance(3 * time.Hour)
	after := ids()
	if want := wantAt(testEnd.Add(3 * time.Hour)); strings.Join(after, ",") != strings.Join(want, ",") {
		t.Fatalf("3 h later: %d rows, want %d", len(after), len(want))
	}
	if len(after) <= len(before) {
		t.Fatalf("no late row arrived: %d then %d rows", len(before), len(after))
	}
	if _, err := NewChecked(Options{IndexLag: -time.Second}); err == nil || !strings.Contains(err.Error(), "IndexLag") {
		t.Errorf("negative IndexLag: %v", err)
	}
}
