package fazsim

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// fvGet fetches a FortiView task's result object.
func (f *fixture) fvGet(adom, view string, tid int) map[string]any {
	f.t.Helper()
	return f.ok(f.rpc("get", fmt.Sprintf("/fortiview/adom/%s/%s/run/%d", adom, view, tid), map[string]any{"apiver": 3}))
}

// expectedSources computes top-sources independently from the dataset.
func expectedSources(ds *Dataset, adom string, start, end time.Time, dev func(LogRow) bool) map[string][2]int64 {
	out := map[string][2]int64{}
	ds.Logs(adom, start, end, func(r LogRow) bool {
		if r.LogType != "traffic" || (dev != nil && !dev(r)) {
			return true
		}
		ip, _ := r.Field("srcip")
		v := out[ip]
		v[0]++
		v[1] += r.SentBytes() + r.RcvdBytes()
		out[ip] = v
		return true
	})
	return out
}

func rowsOf(t *testing.T, res map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range res["data"].([]any) {
		out = append(out, r.(map[string]any))
	}
	return out
}

func TestTopSourcesMatchesTheLogs(t *testing.T) {
	f := newFixture(t, Options{})
	start, end := testEnd.Add(-27*time.Hour), testEnd.Add(-3*time.Hour)
	want := expectedSources(f.srv.Data(), "root", start, end, nil)
	tid := f.addFV("root", "top-sources", map[string]any{"limit": 1000, "count-total": true,
		"time-range": map[string]any{"start": start.Format(time.RFC3339), "end": end.Format(time.RFC3339)}})
	res := f.fvGet("root", "top-sources", tid)
	rows := rowsOf(t, res)
	if len(rows) != len(want) || num(t, res["total-count-all"]) != int64(len(want)) || num(t, res["percentage"]) != 100 {
		t.Fatalf("%d rows, total %v, want %d", len(rows), res["total-count-all"], len(want))
	}
	prev := int64(1 << 62)
	for _, r := range rows {
		w := want[r["srcip"].(string)]
		if num(t, r["sessions"]) != w[0] || num(t, r["bandwidth"]) != w[1] {
			t.Errorf("%v: sessions %v bandwidth %v, want %v", r["srcip"], r["sessions"], r["bandwidth"], w)
		}
		if _, isStr := r["sessions"].(string); !isStr {
			t.Errorf("numbers must be strings in the real dialect: %T", r["sessions"])
		}
		if b := num(t, r["bandwidth"]); b > prev {
			t.Errorf("not sorted by bandwidth desc")
		} else {
			prev = b
		}
		for _, k := range []string{"srcip_hostname", "f_user", "unauthuser", "user", "traffic_in", "traffic_out", "fortigate", "devvds"} {
			if _, ok := r[k]; !ok {
				t.Errorf("row lacks %q", k)
			}
		}
	}
}

// TestTimeRangeEndIsInclusive: the end of a time-range is inclusive; given to
// the minute (the seed documents' one day is "00:00" to "23:59") it covers
// that whole minute.
func TestTimeRangeEndIsInclusive(t *testing.T) {
	f := newFixture(t, Options{})
	count := func(start, end string) int64 {
		res := f.fvGet("root", "top-sources", f.addFV("root", "top-sources", map[string]any{"count-total": true,
			"time-range": map[string]any{"start": start, "end": end}}))
		var n int64
		for _, r := range rowsOf(t, res) {
			n += num(t, r["sessions"])
		}
		return n
	}
	day := count("2026-11-19 00:00", "2026-11-19 23:59")
	if day == 0 || day != count("2026-11-19 00:00:00", "2026-11-19 23:59:59") {
		t.Errorf("one day to the minute: %d sessions, to the second %d", day, count("2026-11-19 00:00:00", "2026-11-19 23:59:59"))
	}
	var atEnd int64
	end := time.Date(2026, 11, 19, 22, 59, 59, 0, time.UTC) // 23:59:59 Brussels
	f.srv.Data().Logs("root", end, end, func(r LogRow) bool {
		if r.LogType == "traffic" {
			atEnd++
		}
		return true
	})
	if got := day - count("2026-11-19 00:00:00", "2026-11-19 23:59:58"); got != atEnd {
		t.Errorf("the last second holds %d traffic rows, the end bound added %d", atEnd, got)
	}
}

func TestTimeRangeSpellingsAgree(t *testing.T) {
	f := newFixture(t, Options{})
	// 10:00-14:00 Brussels (UTC+1) on 19 Nov = 09:00-13:00 UTC.
	want := expectedSources(f.srv.Data(), "root", time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 19, 13, 0, 0, 0, time.UTC), nil)
	spellings := []map[string]any{
		{"time-range": map[string]any{"start": "2026-11-19 10:00:00", "end": "2026-11-19 14:00:00"}},
		{"time-range": map[string]any{"start": "2026-11-19T09:00:00Z", "end": "2026-11-19T13:00:00Z"}},
		{"time-range": map[string]any{"start": "2026-11-19T10:00:00+01:00", "end": "2026-11-19T14:00:00+01:00"}},
		{"time-range": map[string]any{"start": "2026-11-19 09:00:00", "end": "2026-11-19 13:00:00", "tz": "+0:00"}},
		{"time-range": map[string]any{"start": "2026-11-19 09:00:00", "end": "2026-11-19 13:00:00"}, "timezone": "UTC"},
		{"time-range": map[string]any{"start": "2026-11-19 04:00:00", "end": "2026-11-19 08:00:00"}, "timezone": "America/New_York"},
	}
	for i, p := range spellings {
		p["limit"] = 1000
		res := f.fvGet("root", "top-sources", f.addFV("root", "top-sources", p))
		got := map[string]int64{}
		for _, r := range rowsOf(t, res) {
			got[r["srcip"].(string)] = num(t, r["sessions"])
		}
		if len(got) != len(want) {
			t.Errorf("spelling %d: %d sources, want %d", i, len(got), len(want))
		}
		for ip, w := range want {
			if got[ip] != w[0] {
				t.Errorf("spelling %d: %s sessions %d, want %d", i, ip, got[ip], w[0])
			}
		}
		f.rpc("delete", fmt.Sprintf("/fortiview/adom/root/top-sources/run/%v", res["tid"]), nil)
	}
}

func TestDeviceSelectors(t *testing.T) {
	f := newFixture(t, Options{SearchSlots: 100})
	total := func(dev []any) (int64, string) {
		m := f.rpc("add", "/fortiview/adom/root/top-sources/run", map[string]any{"apiver": 3, "device": dev, "time-range": wholeWindow(), "limit": 1000})
		if e, ok := m["error"].(map[string]any); ok {
			return -1, e["message"].(string)
		}
		res := f.fvGet("root", "top-sources", int(num(t, f.ok(m)["tid"])))
		var n int64
		for _, r := range rowsOf(t, res) {
			n += num(t, r["sessions"])
		}
		return n, ""
	}
	all, _ := total(allDevices)
	for _, sel := range [][]any{
		{map[string]any{"devid": "All_FortiGate"}},
		{map[string]any{"devid": "All_Devices"}},
		{map[string]any{"csfname": "", "devid": "All_FortiGate", "devname": ""}},
	} {
		if n, msg := total(sel); n != all {
			t.Errorf("%v: %d sessions (%s), want %d", sel, n, msg, all)
		}
	}
	one := expectedSources(f.srv.Data(), "root", testEnd.AddDate(0, -1, 0), testEnd, func(r LogRow) bool { return r.Device().Serial == "FGT60F3X17000001" })
	var want int64
	for _, v := range one {
		want += v[0]
	}
	if n, _ := total([]any{map[string]any{"devid": "FGT60F3X17000001"}}); n != want || n == 0 || n >= all {
		t.Errorf("by serial: %d, want %d (all %d)", n, want, all)
	}
	if n, _ := total([]any{map[string]any{"devname": "FGT-HQ-01"}}); n != want {
		t.Errorf("by name: %d, want %d", n, want)
	}
	if n, _ := total([]any{map[string]any{"devname": "FGT60F3X17000001"}}); n != 0 {
		t.Errorf("serial under devname must match nothing, got %d", n)
	}
	if _, msg := total([]any{map[string]any{"devid": "FGT-HQ-01"}}); msg != "None of the device(s) can be found" {
		t.Errorf("name under devid: %q", msg)
	}
	if _, msg := total([]any{map[string]any{"devid": "FGT40F3X21000011"}}); msg != "None of the device(s) can be found" {
		t.Errorf("device of another ADOM: %q", msg)
	}
	m := f.rpc("add", "/fortiview/adom/root/top-sources/run", map[string]any{"apiver": 3, "time-range": wholeWindow()})
	if _, msg := f.errOf(m); msg != "No eligible device(s)" {
		t.Errorf("no device: %q", msg)
	}
}

func TestFortiViewParameterValidation(t *testing.T) {
	f := newFixture(t, Options{})
	cases := []struct {
		view   string
		params map[string]any
		want   string
	}{
		{"top-sources", map[string]any{"filter": `dstport==443`}, "Invalid params: filter 'dstport' not supported"},
		{"top-sources", map[string]any{"filter": `service="HTTPS"`}, "Invalid params: filter 'service' not supported"},
		{"top-applications", map[string]any{"filter": `app=="YouTube"`}, "Invalid params: filter 'app' not supported"},
		{"top-websites", map[string]any{"filter": `hostname=="github.com"`}, "Invalid params: filter 'hostname' not supported"},
		{"top-sources", map[string]any{"filter": `srcip not like "10.%"`}, "Invalid filter"},
		{"top-sources", map[string]any{"limit": 1001}, "Invalid params: limit: 1001 is bigger than max value 1000"},
		{"top-sources", map[string]any{"sort-by": []any{map[string]any{"field": "nope", "order": "desc"}}}, "Server error: Missing columns: 'nope'"},
		{"top-sources", map[string]any{"time-range": nil}, "Invalid params: No Params."},
		{"traffic-summary", nil, "Cannot find FortiView 'traffic-summary'"},
	}
	for _, c := range cases {
		p := map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()}
		for k, v := range c.params {
			if v == nil {
				delete(p, k)
			} else {
				p[k] = v
			}
		}
		if _, msg := f.errOf(f.rpc("add", "/fortiview/adom/root/"+c.view+"/run", p)); msg != c.want {
			t.Errorf("%s %v: %q, want %q", c.view, c.params, msg, c.want)
		}
	}
	if code, _ := f.errOf(f.rpc("add", "/fortiview/adom/Nowhere/top-sources/run", map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()})); code != -3 {
		t.Errorf("unknown ADOM code %d", code)
	}
	if code, msg := f.errOf(f.fvRaw("get", "root", "top-sources", 424242)); code != -32005 || !strings.Contains(msg, "424242") {
		t.Errorf("unknown tid: %d %q", code, msg)
	}
	// Accepted: per-view filter fields, [] and empty sort-by, unknown params.
	for view, filter := range map[string]string{"top-sources": `srcip=="10.0.1.150"`, "top-destinations": `dstip=="8.8.8.8"`,
		"policy-hits": `policyid=1`, "top-countries": `dstcountry="Belgium"`, "top-threats": `threat=="EICAR_TEST_FILE"`} {
		tid := f.addFV("root", view, map[string]any{"filter": filter, "sort-by": []any{map[string]any{"field": "", "order": ""}}, "frobnicate": 1})
		f.rpc("delete", fmt.Sprintf("/fortiview/adom/root/%s/run/%d", view, tid), nil)
	}
}

func (f *fixture) fvRaw(method, adom, view string, tid int) map[string]any {
	return f.rpc(method, fmt.Sprintf("/fortiview/adom/%s/%s/run/%d", adom, view, tid), map[string]any{"apiver": 3})
}

func TestFilterLimitOffsetSortAndCase(t *testing.T) {
	f := newFixture(t, Options{SearchSlots: 50})
	res := f.fvGet("root", "top-sources", f.addFV("root", "top-sources", map[string]any{"filter": `srcip=="10.0.1.150"`}))
	if rows := rowsOf(t, res); len(rows) != 1 || rows[0]["srcip"] != "10.0.1.150" || rows[0]["srcip_hostname"] != "LAPTOP-USER01" {
		t.Fatalf("filtered: %.300v", rows)
	}
	full := rowsOf(t, f.fvGet("root", "top-sources", f.addFV("root", "top-sources", map[string]any{"limit": 1000})))
	page := rowsOf(t, f.fvGet("root", "top-sources", f.addFV("root", "top-sources", map[string]any{"limit": 5, "offset": 3})))
	if len(page) != 5 || page[0]["srcip"] != full[3]["srcip"] || page[4]["srcip"] != full[7]["srcip"] {
		t.Fatalf("offset page mismatch")
	}
	// The spec's default limit is 1000: every row of the view.
	if def := rowsOf(t, f.fvGet("root", "top-sources", f.addFV("root", "top-sources", nil))); len(def) != len(full) || len(full) <= 10 {
		t.Errorf("default limit gave %d rows, want all %d", len(def), len(full))
	}
	asc := rowsOf(t, f.fvGet("root", "top-sources", f.addFV("root", "top-sources", map[string]any{"limit": 1000,
		"sort-by": []any{map[string]any{"field": "sessions", "order": "asc"}}})))
	if !sort.SliceIsSorted(asc, func(i, j int) bool { return num(t, asc[i]["sessions"]) < num(t, asc[j]["sessions"]) }) {
		t.Errorf("sort-by sessions asc not honoured")
	}
	// Case: insensitive by default, exact with case-sensitive true.
	ci := rowsOf(t, f.fvGet("root", "top-threats", f.addFV("root", "top-threats", map[string]any{"filter": `threat=="eicar_test_file"`})))
	cs := rowsOf(t, f.fvGet("root", "top-threats", f.addFV("root", "top-threats", map[string]any{"filter": `threat=="eicar_test_file"`, "case-sensitive": true})))
	if len(ci) != 1 || len(cs) != 0 {
		t.Errorf("case: insensitive %d rows, sensitive %d rows", len(ci), len(cs))
	}
}

func TestTopThreatsRowShapeAndCrossADOM(t *testing.T) {
	f := newFixture(t, Options{SearchSlots: 50})
	seen := map[string]int{}
	levels := map[string]bool{}
	neverBlocked := 0
	for _, adom := range []string{"root", "Branch_Office", "Data_Center"} {
		for _, r := range rowsOf(t, f.fvGet(adom, "top-threats", f.addFV(adom, "top-threats", map[string]any{"limit": 1000}))) {
			for _, k := range []string{"logtype", "logtype_str", "threat", "threattype", "threatlevel", "level_s", "threatweight", "threat_block",
				"threat_pass", "incidents", "incident_block", "incident_pass", "fortigate", "devvds", "cve_list", "appid", "obf_url"} {
				if _, ok := r[k]; !ok {
					t.Fatalf("top-threats row lacks %q", k)
				}
			}
			seen[r["threat"].(string)]++
			levels[r["level_s"].(string)] = true
			if num(t, r["incident_block"]) == 0 && num(t, r["incident_pass"]) > 0 {
				neverBlocked++
			}
			if strings.Contains(r["threat"].(string), "evil-cdn") && r["obf_url"] != "evil-cdn[dot]example[dot]net" {
				t.Errorf("obf_url %v", r["obf_url"])
			}
		}
	}
	multi := 0
	for _, n := range seen {
		if n > 1 {
			multi++
		}
	}
	if multi == 0 || neverBlocked == 0 || len(levels) != 5 {
		t.Fatalf("multi-ADOM threats %d, never-blocked %d, levels %v", multi, neverBlocked, levels)
	}
}

func TestFortiViewProgressTTLAndDelete(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }, TaskTTL: time.Minute})
	tid := f.addFV("root", "top-sources", map[string]any{"limit": 1000})
	var pcts []int64
	var counts []int
	for i := 0; i < 4; i++ {
		res := f.fvGet("root", "top-sources", tid)
		pcts = append(pcts, num(t, res["percentage"]))
		n := 0
		for _, r := range rowsOf(t, res) {
			n += int(num(t, r["sessions"]))
		}
		counts = append(counts, n)
		f.clock.Advance(4 * time.Second)
	}
	if pcts[0] != 0 || pcts[1] != 40 || pcts[2] != 80 || pcts[3] != 100 {
		t.Fatalf("percentages %v", pcts)
	}
	if !(counts[0] < counts[1] && counts[1] < counts[2] && counts[2] < counts[3]) {
		t.Fatalf("partial aggregates should grow: %v", counts)
	}
	// A finished FortiView tid can be read again; it is bound to its view.
	f.fvGet("root", "top-sources", tid)
	if _, msg := f.errOf(f.fvRaw("get", "root", "top-destinations", tid)); !strings.Contains(msg, "Invalid tid") {
		t.Errorf("other view: %q", msg)
	}
	if live := f.srv.Stats().LiveTasks; len(live) != 1 || live[0] != tid {
		t.Fatalf("live %v", live)
	}
	f.clock.Advance(time.Minute) // 10s run + 1m TTL passed
	if _, msg := f.errOf(f.fvRaw("get", "root", "top-sources", tid)); !strings.Contains(msg, "Invalid tid") {
		t.Errorf("expired: %q", msg)
	}
	tid2 := f.addFV("root", "top-sources", nil)
	f.ok(f.fvRaw("delete", "root", "top-sources", tid2))
	if _, msg := f.errOf(f.fvRaw("get", "root", "top-sources", tid2)); !strings.Contains(msg, "Invalid tid") {
		t.Errorf("deleted: %q", msg)
	}
	st := f.srv.Stats()
	if st.TasksCreated != 2 || st.TasksExpired != 1 || st.TasksDeleted != 1 || len(st.LiveTasks) != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestCatalogueFollowsTheSpec walks the specification's FortiGate views and
// the simulator's catalogue: every spec view is served, its filter accepts
// exactly the spec's Filterable Fields (plus cited ones), sort-by exactly its
// Sortable Fields, and rows carry exactly the sortable fields plus cited ones.
func TestCatalogueFollowsTheSpec(t *testing.T) {
	spec, served := SpecCatalogue(), ServedCatalogue()
	if len(spec) != 136 {
		t.Fatalf("spec has %d FortiGate views, want 136", len(spec))
	}
	// Fields beyond the spec, each shown by a live capture cited in README.md.
	cited := map[string][]string{
		"top-sources":        {"srcip_hostname", "unauthuser", "user", "devvds"},
		"top-destinations":   {"dstip_hostname", "devvds"},
		"top-websites":       {"catid"},
		"top-countries":      {"devvds"},
		"policy-hits":        {"policyid", "device_info"},
		"top-threats":        {"devvds", "cve_list", "appid", "obf_url"},
		"site-to-site-ipsec": {"vpntunnel"},
	}
	citedFilter := map[string][]string{"top-threats": {"threat"}}
	for name, sv := range served {
		if _, ok := spec[name]; !ok {
			t.Errorf("the simulator serves %q, which the spec lacks", name)
		}
		_ = sv
	}
	f := newFixture(t, Options{SearchSlots: 1000})
	addErr := func(view string, params map[string]any) string {
		p := map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()}
		for k, v := range params {
			p[k] = v
		}
		m := f.rpc("add", "/fortiview/adom/Data_Center/"+view+"/run", p)
		if e, ok := m["error"].(map[string]any); ok {
			return e["message"].(string)
		}
		return ""
	}
	for name, sp := range spec {
		sv, ok := served[name]
		if !ok {
			t.Errorf("spec view %q is not served", name)
			continue
		}
		if want := union(sp.Filterable, citedFilter[name]); fmt.Sprint(sv.Filterable) != fmt.Sprint(want) {
			t.Errorf("%s: filter fields %v, spec %v", name, sv.Filterable, want)
		}
		if fmt.Sprint(sv.Sortable) != fmt.Sprint(sp.Sortable) {
			t.Errorf("%s: sort fields %v, spec %v", name, sv.Sortable, sp.Sortable)
		}
		if want := union(sp.Sortable, cited[name]); fmt.Sprint(sv.RowFields) != fmt.Sprint(want) {
			t.Errorf("%s: row fields %v, want %v", name, sv.RowFields, want)
		}
		res := f.fvGet("Data_Center", name, f.addFV("Data_Center", name, nil))
		rows := rowsOf(t, res)
		if num(t, res["percentage"]) != 100 || (len(rows) == 0) == sv.HasRows {
			t.Errorf("%s: %d rows at %v%%, has rows: %v", name, len(rows), res["percentage"], sv.HasRows)
		}
		for _, r := range rows {
			keys := make([]string, 0, len(r))
			for k := range r {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if fmt.Sprint(keys) != fmt.Sprint(sv.RowFields) {
				t.Errorf("%s: row keys %v, want %v", name, keys, sv.RowFields)
				break
			}
		}
		// Anything else is refused with the appliance's own messages.
		if msg := addErr(name, map[string]any{"filter": `definitelynotafield=="1"`}); msg != "Invalid params: filter 'definitelynotafield' not supported" {
			t.Errorf("%s: unknown filter field: %q", name, msg)
		}
		if len(sp.Filterable) > 0 {
			if msg := addErr(name, map[string]any{"filter": sp.Filterable[0] + `=="x"`}); msg != "" {
				t.Errorf("%s: spec filter field %s refused: %q", name, sp.Filterable[0], msg)
			}
		}
		if msg := addErr(name, map[string]any{"sort-by": []any{map[string]any{"field": "notacolumn", "order": "desc"}}}); msg != "Server error: Missing columns: 'notacolumn'" {
			t.Errorf("%s: unknown sort column: %q", name, msg)
		}
	}
}

func TestPerDeviceFortiViewURL(t *testing.T) {
	f := newFixture(t, Options{})
	base := "/fortiview/dev/FG100FTK19000002/vdom/dmz/top-sources/run"
	r := f.ok(f.rpc("add", base, map[string]any{"apiver": 3, "time-range": wholeWindow(), "limit": 1000}))
	tid := int(num(t, r["tid"]))
	res := f.ok(f.rpc("get", fmt.Sprintf("%s/%d", base, tid), map[string]any{"apiver": 3}))
	want := expectedSources(f.srv.Data(), "root", testEnd.AddDate(0, -1, 0), testEnd, func(r LogRow) bool {
		return r.Device().Serial == "FG100FTK19000002" && r.VDOM() == "dmz"
	})
	rows := rowsOf(t, res)
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for _, row := range rows {
		if num(t, row["sessions"]) != want[row["srcip"].(string)][0] || row["devvds"] != "FGT-HQ-02[dmz]" {
			t.Fatalf("row %v", row)
		}
	}
	// The tid belongs to its url form.
	if _, msg := f.errOf(f.fvRaw("get", "root", "top-sources", tid)); !strings.Contains(msg, "Invalid tid") {
		t.Errorf("adom form read a device-form tid: %q", msg)
	}
	f.ok(f.rpc("delete", fmt.Sprintf("%s/%d", base, tid), map[string]any{"apiver": 3}))
	if _, msg := f.errOf(f.rpc("add", "/fortiview/dev/FG100FTK19000002/vdom/nope/top-sources/run", map[string]any{"apiver": 3, "time-range": wholeWindow()})); msg != "None of the device(s) can be found" {
		t.Errorf("unknown vdom: %q", msg)
	}
}

func TestFortiViewPrematureFaultAndMalformedDates(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }})
	if err := f.srv.AddFault(Fault{Effect: FaultPremature, Method: "get", URL: "/fortiview/*", Nth: 1}); err != nil {
		t.Fatal(err)
	}
	tid := f.addFV("root", "top-sources", map[string]any{"count-total": true})
	res := f.fvGet("root", "top-sources", tid)
	if num(t, res["percentage"]) != 100 || len(rowsOf(t, res)) != 0 || num(t, res["total-count-all"]) == 0 {
		t.Fatalf("premature: %.300v", res)
	}
	f.clock.Advance(10 * time.Second)
	if rows := rowsOf(t, f.fvGet("root", "top-sources", tid)); int64(len(rows)) != num(t, res["total-count-all"]) {
		t.Fatalf("after the fault: %d rows, total %v", len(rows), res["total-count-all"])
	}
	// Malformed dates silently mean the whole window, like the appliance.
	bad := f.addFV("root", "top-sources", map[string]any{"time-range": map[string]any{"start": "yesterday", "end": "now"}})
	whole := f.addFV("root", "top-sources", map[string]any{"time-range": map[string]any{"start": "2000-01-01 00:00:00", "end": "2100-01-01 00:00:00"}})
	f.clock.Advance(10 * time.Second)
	a, b := rowsOf(t, f.fvGet("root", "top-sources", bad)), rowsOf(t, f.fvGet("root", "top-sources", whole))
	if len(a) == 0 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("malformed dates: %d rows differ from whole window %d", len(a), len(b))
	}
}

func TestTaskDurationGrowsWithRowsScanned(t *testing.T) {
	f := newFixture(t, Options{TaskTimeScale: 1, TaskThroughput: 10_000, RegisterDelay: time.Nanosecond})
	small := f.addFV("root", "top-sources", map[string]any{"time-range": map[string]any{"start": "2026-11-20 12:00:00", "end": "2026-11-20 13:00:00"}})
	large := f.addFV("root", "top-sources", nil) // 50k rows at 10k rows/s: 1s + 5s
	f.clock.Advance(1500 * time.Millisecond)
	if p := num(t, f.fvGet("root", "top-sources", small)["percentage"]); p != 100 {
		t.Errorf("one-hour window at 1.5s: %d%%", p)
	}
	if p := num(t, f.fvGet("root", "top-sources", large)["percentage"]); p != 25 {
		t.Errorf("whole window at 1.5s of 6s: %d%%, want 25", p)
	}
	f.clock.Advance(4500 * time.Millisecond)
	if p := num(t, f.fvGet("root", "top-sources", large)["percentage"]); p != 100 {
		t.Errorf("whole window at 6s: %d%%", p)
	}
	if d := (&Options{TaskTimeScale: 0}).taskDuration(1e9); d != 0 {
		t.Errorf("scale 0 must be instant, got %v", d)
	}
}
