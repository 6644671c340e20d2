package fazsim

import (
	"strings"
	"testing"
)

func (f *fixture) legacyGet(url string, params map[string]any) (int, any) {
	f.t.Helper()
	if f.sid == "" {
		f.login()
	}
	p := map[string]any{"url": url}
	for k, v := range params {
		p[k] = v
	}
	_, m := f.post(map[string]any{"id": 1, "method": "get", "params": []any{p}, "session": f.sid, "verbose": 1}, nil)
	code, _, item := legacyStatus(f.t, m)
	return code, item["data"]
}

func TestSystemStatus(t *testing.T) {
	f := newFixture(t, Options{})
	code, data := f.legacyGet("/sys/status", nil)
	st := data.(map[string]any)
	if code != 0 || st["TZ"] != "Europe/Brussels" || !strings.HasPrefix(st["Time Zone"].(string), "(GMT+1:00) Brussels") {
		t.Fatalf("status: %d %v %v", code, st["TZ"], st["Time Zone"])
	}
	for _, k := range []string{"Hostname", "Version", "Serial Number", "Platform Type", "Major", "Minor", "Patch", "Current Time"} {
		if _, ok := st[k]; !ok {
			t.Errorf("status lacks %q", k)
		}
	}
	g := newFixture(t, Options{Timezone: "America/New_York"})
	_, data = g.legacyGet("/cli/global/system/status", nil)
	if tz := data.(map[string]any)["Time Zone"].(string); !strings.HasPrefix(tz, "(GMT-5:00)") {
		t.Errorf("New York zone label %q", tz)
	}
}

func TestADOMsAndDevices(t *testing.T) {
	f := newFixture(t, Options{})
	_, data := f.legacyGet("/dvmdb/adom", nil)
	var names []string
	for _, a := range data.([]any) {
		names = append(names, a.(map[string]any)["name"].(string))
	}
	if strings.Join(names, ",") != "root,Branch_Office,Data_Center" {
		t.Fatalf("adoms %v", names)
	}
	_, data = f.legacyGet("/dvmdb/adom", map[string]any{"filter": []any{"name", "==", "Data_Center"}, "fields": []any{"desc"}})
	rows := data.([]any)
	if len(rows) != 1 || rows[0].(map[string]any)["desc"] == nil || rows[0].(map[string]any)["mr"] != nil {
		t.Fatalf("filter+fields: %v", rows)
	}
	_, data = f.legacyGet("/dvmdb/adom", map[string]any{"range": []any{1, 1}})
	if rows := data.([]any); len(rows) != 1 || rows[0].(map[string]any)["name"] != "Branch_Office" {
		t.Fatalf("range: %v", rows)
	}
	for adom, n := range map[string][2]int{"root": {2, 4}, "Branch_Office": {2, 4}, "Data_Center": {2, 4}} {
		_, data = f.legacyGet("/dvmdb/adom/"+adom+"/device", nil)
		devs := data.([]any)
		if len(devs) < n[0] || len(devs) > n[1] {
			t.Errorf("%s: %d devices", adom, len(devs))
		}
		for _, d := range devs {
			m := d.(map[string]any)
			if m["sn"] == "" || m["name"] == "" || len(m["vdom"].([]any)) == 0 {
				t.Errorf("device row %v", m)
			}
		}
	}
	_, data = f.legacyGet("/dvmdb/adom/root/device/FGT-HQ-01", nil)
	if data.(map[string]any)["sn"] != "FGT60F3X17000001" {
		t.Fatalf("one device: %v", data)
	}
	if code, _ := f.legacyGet("/dvmdb/adom/root/device/nope", nil); code != -3 {
		t.Fatalf("unknown device code %d", code)
	}
}

func TestAlertsAndIncidents(t *testing.T) {
	f := newFixture(t, Options{})
	r := f.ok(f.rpc("get", "/eventmgmt/adom/root/alerts", map[string]any{"apiver": 3, "limit": 2000}))
	all := r["data"].([]any)
	if len(all) == 0 || int(num(t, r["total-count"])) != len(all) {
		t.Fatalf("alerts: %d rows, total %v", len(all), r["total-count"])
	}
	r = f.ok(f.rpc("get", "/eventmgmt/adom/root/alerts", map[string]any{"apiver": 3, "limit": 5, "offset": 2, "filter": "severity >= 3"}))
	for _, a := range r["data"].([]any) {
		if num(t, a.(map[string]any)["severity"]) < 3 {
			t.Errorf("filter not applied: %v", a.(map[string]any)["severity"])
		}
	}
	if len(r["data"].([]any)) != 5 {
		t.Errorf("limit not applied")
	}
	if _, msg := f.errOf(f.rpc("get", "/eventmgmt/adom/root/alerts", map[string]any{"apiver": 3, "limit": 2001})); !strings.Contains(msg, "bigger than max value 2000") {
		t.Errorf("alert limit: %q", msg)
	}
	r = f.ok(f.rpc("get", "/incidentmgmt/adom/Data_Center/incidents", map[string]any{"apiver": 3}))
	inc := r["data"].([]any)
	if len(inc) == 0 {
		t.Fatal("no incidents")
	}
	first := inc[0].(map[string]any)
	if !strings.HasPrefix(first["incid"].(string), "IN") || first["severity"] == nil {
		t.Fatalf("incident %v", first)
	}
	r = f.ok(f.rpc("get", "/incidentmgmt/adom/Data_Center/incidents", map[string]any{"apiver": 3, "incids": []any{first["incid"]}, "detail-level": "extended"}))
	if got := r["data"].([]any); len(got) != 1 || got[0].(map[string]any)["severity"] != nil {
		t.Fatalf("incids + extended: %v", got)
	}
}

func TestStatsCountRequestsByPattern(t *testing.T) {
	f := newFixture(t, Options{})
	tid := f.addLS("root", nil)
	f.lsGet("root", tid, map[string]any{"limit": 0})
	f.lsGet("root", tid, nil)
	f.addFV("root", "top-sources", nil) // never deleted: a visible leak
	st := f.srv.Stats()
	for k, want := range map[string]int{
		"exec /sys/login/user":                     1,
		"add /logview/adom/root/logsearch":         1,
		"get /logview/adom/root/logsearch/{tid}":   2,
		"add /fortiview/adom/root/top-sources/run": 1,
	} {
		if st.Requests[k] != want {
			t.Errorf("%q: %d, want %d (all: %v)", k, st.Requests[k], want, st.Requests)
		}
	}
	if st.TasksCreated != 2 || len(st.LiveTasks) != 1 || st.Polls[tid] != 2 {
		t.Fatalf("stats %+v", st)
	}
}
