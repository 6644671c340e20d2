package faz

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/hashicorp/go-hclog"
)

// TestApplianceZoneList checks every name of the appliance's zone list maps
// to a loadable IANA zone whose standard offset is the one the name prints.
func TestApplianceZoneList(t *testing.T) {
	// Zones whose country changed its offset after the list was written
	// (tzdata knows better than the label).
	moved := map[string]bool{"America/Nuuk": true, "America/Caracas": true, "Africa/Windhoek": true, "Asia/Almaty": true,
		"America/Asuncion": true, "Africa/Casablanca": true, "(GMT+6:00) Sri Jayawardenapura": true}
	label := regexp.MustCompile(`^\(GMT(?:([+-])(\d+):(\d\d))?\)`)
	if len(applianceZones) < 92 {
		t.Fatalf("%d zone names, want the appliance's 92 (00-91) and older spellings", len(applianceZones))
	}
	for name, zone := range applianceZones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Errorf("%s: %s does not load: %v", name, zone, err)
			continue
		}
		m := label.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%q: not a (GMT+h:mm) name", name)
			continue
		}
		want := 0
		if m[1] != "" {
			h, _ := strconv.Atoi(m[2])
			mi, _ := strconv.Atoi(m[3])
			want = h*3600 + mi*60
			if m[1] == "-" {
				want = -want
			}
		}
		_, jan := time.Date(2026, 1, 15, 12, 0, 0, 0, loc).Zone()
		_, jul := time.Date(2026, 7, 15, 12, 0, 0, 0, loc).Zone()
		if std := min(jan, jul); std != want && !moved[zone] && !moved[name] {
			t.Errorf("%s: %s has standard offset %ds, the name says %ds", name, zone, std, want)
		}
		if got, ok := ianaForApplianceZone(strings.ToUpper(name) + "."); !ok || got != zone {
			t.Errorf("%q (as printed, with a period): %q %v", name, got, ok)
		}
	}
	for _, tc := range []struct {
		status map[string]any
		zone   string
		fixed  bool
	}{
		{map[string]any{"Time Zone": "(GMT+1:00) Brussels, Copenhagen, Madrid, Paris."}, "Europe/Brussels", false},
		{map[string]any{"Time Zone": "(GMT-5:00) Eastern Time (US & Canada)"}, "America/New_York", false},
		{map[string]any{"Time Zone": "(GMT+2:00) Helsinki, Riga, Tallinn"}, "Europe/Helsinki", false},
		{map[string]any{"TZ": "Asia/Tokyo", "Time Zone": "(GMT+1:00) Brussels, Copenhagen, Madrid, Paris"}, "Asia/Tokyo", false},
		{map[string]any{"Time Zone": "(GMT+1:00) Atlantis"}, "(GMT+1:00) Atlantis", true},
	} {
		loc, fixed, err := locationFromStatus(Row(tc.status))
		if err != nil || loc.String() != tc.zone || fixed != tc.fixed {
			t.Errorf("%v: %v fixed=%v %v, want %s fixed=%v", tc.status, loc, fixed, err, tc.zone, tc.fixed)
		}
	}
}

// statusWithoutTZ answers /sys/status as older builds do: no IANA "TZ",
// only the "Time Zone" name (replaced by label when given).
func statusWithoutTZ(h http.Handler, label string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		out := rec.Body.Bytes()
		if bytes.Contains(body, []byte(`/sys/status`)) {
			var m map[string]any
			if json.Unmarshal(out, &m) == nil {
				if res, ok := m["result"].([]any); ok && len(res) == 1 {
					if d, ok := res[0].(map[string]any)["data"].(map[string]any); ok {
						delete(d, "TZ")
						if label != "" {
							d["Time Zone"] = label
						}
					}
				}
				out, _ = json.Marshal(m)
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(out)
	})
}

// TestWindowAcrossDaylightSavingChange: an appliance that names its zone only
// as "(GMT+1:00) Brussels, ..." is on CEST before 25 Oct 2026 03:00 and CET
// after; a window across that change must select exactly the logs of its
// instants (a fixed +1:00 offset would shift the start by an hour).
func TestWindowAcrossDaylightSavingChange(t *testing.T) {
	for _, tc := range []struct {
		label string
		warn  bool
	}{{"", false}, {"(GMT+1:00) Somewhere Unlisted", true}} {
		sim := fazsim.New(fazsim.Options{End: testEnd, Window: 30 * 24 * time.Hour, LogRows: 30_000})
		ts := httptest.NewServer(statusWithoutTZ(sim, tc.label))
		buf := &syncBuffer{}
		c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", PollFloor: time.Millisecond, PollCap: 20 * time.Millisecond, Logger: hclog.New(&hclog.LoggerOptions{Output: buf, Level: hclog.Trace})})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(2026, 10, 24, 12, 0, 0, 0, time.UTC)
		end := time.Date(2026, 10, 26, 12, 0, 0, 0, time.UTC)
		var got []Row
		_, err = c.SearchLogs(context.Background(), LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end, TimeOrder: "asc"}, collect(&got))
		_ = c.Close(context.Background())
		ts.Close()
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
			if r.LogType == "traffic" {
				id, _ := r.Field("id")
				want = append(want, id)
			}
			return true
		})
		ids := make([]string, len(got))
		for i, r := range got {
			ids[i], _ = r["id"].(string)
		}
		warned := strings.Contains(buf.String(), "fixed offset")
		if tc.warn {
			// The unlisted name falls back to +1:00 all year, and says so.
			if !warned {
				t.Errorf("%s: no warning about the fixed offset:\n%s", tc.label, buf.String())
			}
			if strings.Join(ids, ",") == strings.Join(want, ",") {
				t.Errorf("%s: a fixed offset should be an hour off across the change", tc.label)
			}
			continue
		}
		if warned {
			t.Errorf("a listed zone name must not warn:\n%s", buf.String())
		}
		if len(want) == 0 || strings.Join(ids, ",") != strings.Join(want, ",") {
			t.Errorf("window across the DST change: %d rows, want %d", len(ids), len(want))
		}
	}
}

// TestWindowEndIsExclusive: the spec's End is exclusive and the appliance's
// inclusive to the second, so a log logged exactly at End is not returned.
func TestWindowEndIsExclusive(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	var at fazsim.LogRow
	found := false
	e.sim.Data().Logs("root", testEnd.Add(-2*time.Hour), testEnd, func(r fazsim.LogRow) bool {
		if r.LogType == "traffic" && r.Itime > testEnd.Add(-time.Hour).Unix() {
			at, found = r, true
			return false
		}
		return true
	})
	if !found {
		t.Fatal("no traffic row in the last hour")
	}
	end := time.Unix(at.Itime, 0)
	start := end.Add(-time.Hour)
	var got []Row
	if _, err := e.c.SearchLogs(context.Background(), LogSearchSpec{ADOM: "root", LogType: "traffic", Start: start, End: end}, collect(&got)); err != nil {
		t.Fatal(err)
	}
	want := 0
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if r.LogType == "traffic" {
			want++
		}
		return true
	})
	id, _ := at.Field("id")
	for _, r := range got {
		if r["id"] == id {
			t.Errorf("the row logged at End (%s) was returned", end)
		}
	}
	if len(got) != want {
		t.Errorf("%d rows, want %d", len(got), want)
	}
	// Sub-second bounds: start rounds up, end stays exclusive.
	tr, err := e.c.timeRange(context.Background(), start.Add(300*time.Millisecond), end.Add(300*time.Millisecond))
	loc, _ := e.c.Location(context.Background())
	if err != nil || tr["start"] != start.Add(time.Second).In(loc).Format(timeLayout) || tr["end"] != end.In(loc).Format(timeLayout) {
		t.Errorf("sub-second window: %v %v", tr, err)
	}
}
