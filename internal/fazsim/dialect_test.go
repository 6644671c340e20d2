package fazsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestLegacyEndpointsAnswerResultArray(t *testing.T) {
	f := newFixture(t, Options{})
	f.login()
	// jsonrpc 2.0 does not change the legacy shape; a url without its
	// leading slash is accepted.
	_, m := f.post(map[string]any{"id": 3, "jsonrpc": "2.0", "method": "get", "params": []any{map[string]any{"url": "dvmdb/adom"}}, "session": f.sid}, nil)
	code, msg, item := legacyStatus(t, m)
	if code != 0 || msg != "OK" || item["url"] != "/dvmdb/adom" {
		t.Fatalf("status %d %q url %v", code, msg, item["url"])
	}
	if _, ok := item["data"].([]any); !ok {
		t.Fatalf("data not a list: %v", item)
	}
	// Legacy errors sit in result[].status.
	_, m = f.post(map[string]any{"id": 3, "method": "get", "params": []any{map[string]any{"url": "/dvmdb/adom/nope/device"}}, "session": f.sid}, nil)
	if code, _, _ := legacyStatus(t, m); code != -3 {
		t.Fatalf("unknown adom: code %d", code)
	}
}

func TestV3EndpointsAnswerResultObjectAndTopLevelError(t *testing.T) {
	f := newFixture(t, Options{})
	m := f.rpc("add", "/fortiview/adom/root/top-sources/run", map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()})
	if m["jsonrpc"] != "2.0" {
		t.Errorf("jsonrpc not echoed: %v", m)
	}
	r := f.ok(m)
	if _, ok := r["tid"].(json.Number); !ok {
		t.Fatalf("tid not a number: %v", r)
	}
	m = f.rpc("add", "/fortiview/adom/root/fortiview-traffic/run", map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()})
	if _, ok := m["result"]; ok {
		t.Fatalf("error answer has a result: %v", m)
	}
	if _, msg := f.errOf(m); msg != "Cannot find FortiView 'fortiview-traffic'" {
		t.Fatalf("message %q", msg)
	}
	m = f.rpc("add", "/eventmgmt/adom/root/alerts", map[string]any{"apiver": 3})
	if _, msg := f.errOf(m); msg != "Invalid Request: Not supported method (add)" {
		t.Fatalf("wrong verb message %q", msg)
	}
}

func TestSeedDialectShapes(t *testing.T) {
	f := newFixture(t, Options{Dialect: DialectExamples, TaskDuration: func(int) time.Duration { return 10 * time.Second }})
	f.login()
	call := func(method, url string, data map[string]any) map[string]any {
		// The seed documents send no jsonrpc and put parameters in data.
		p := map[string]any{"url": url, "apiver": 3}
		if data != nil {
			p["data"] = data
		}
		_, m := f.post(map[string]any{"id": 1, "method": method, "params": []any{p}, "session": f.sid}, nil)
		return m
	}
	m := call("add", "/fortiview/adom/root/top-threats/run", map[string]any{"device": []any{map[string]any{"devid": "All_Devices"}}, "filter": "",
		"time-range": map[string]any{"start": "2026-11-01 00:00", "end": "2026-11-30 23:59"}, "case-sensitive": false})
	code, _, item := legacyStatus(t, m)
	if code != 0 || item["url"] != "/fortiview/adom/root/top-threats/run" || m["session"] != f.sid {
		t.Fatalf("add: %v", m)
	}
	tid := num(t, item["data"].(map[string]any)["tid"])
	url := fmt.Sprintf("/fortiview/adom/root/top-threats/run/%d", tid)

	_, _, item = legacyStatus(t, call("get", url, nil))
	d := item["data"].(map[string]any)
	if d["status"] != "running" || num(t, d["percentage"]) != 0 {
		t.Fatalf("running: %v", d)
	}
	f.clock.Advance(10 * time.Second)
	_, _, item = legacyStatus(t, call("get", url, nil))
	d = item["data"].(map[string]any)
	if d["status"] != "done" || num(t, d["percentage"]) != 100 {
		t.Fatalf("done: %v", d)
	}
	threats := d["threats"].([]any)
	if num(t, d["total"]) != int64(len(threats)) || len(threats) == 0 {
		t.Fatalf("total %v vs %d rows", d["total"], len(threats))
	}
	row := threats[0].(map[string]any)
	for _, k := range []string{"threat", "severity", "incidents", "sources", "detected", "blocked"} {
		if _, ok := row[k]; !ok {
			t.Errorf("seed threat row lacks %q: %v", k, row)
		}
	}
	if _, ok := row["incidents"].(json.Number); !ok {
		t.Errorf("incidents not a JSON number: %T", row["incidents"])
	}
	if _, ok := row["sources"].([]any); !ok {
		t.Errorf("sources not a list: %T", row["sources"])
	}

	// top-sources in seed shape, stylised last-n-hours accepted here.
	_, _, item = legacyStatus(t, call("add", "/fortiview/adom/root/top-sources/run", map[string]any{"device": []any{map[string]any{"devid": "All_Devices"}}, "time-range": map[string]any{"last-n-days": 30}}))
	tid2 := num(t, item["data"].(map[string]any)["tid"])
	f.clock.Advance(10 * time.Second)
	_, _, item = legacyStatus(t, call("get", fmt.Sprintf("/fortiview/adom/root/top-sources/run/%d", tid2), nil))
	src := item["data"].(map[string]any)["sources"].([]any)[0].(map[string]any)
	for _, k := range []string{"srcip", "hostname", "sessions", "bytes", "bandwidth", "country"} {
		if _, ok := src[k]; !ok {
			t.Errorf("seed source row lacks %q: %v", k, src)
		}
	}
	if src["country"] != "Reserved" {
		t.Errorf("private source country %v", src["country"])
	}

	// Unknown task: -3 Invalid task ID in result[].status.
	code, msg, _ := legacyStatus(t, call("get", "/fortiview/adom/root/top-sources/run/999999", nil))
	if code != -3 || msg != "Invalid task ID" {
		t.Fatalf("unknown tid: %d %q", code, msg)
	}
}

func TestTransportErrors(t *testing.T) {
	f := newFixture(t, Options{})
	resp, err := f.ts.Client().Post(f.ts.URL+"/jsonrpc", "application/json", http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty body: HTTP %d", resp.StatusCode)
	}
	resp, err = f.ts.Client().Get(f.ts.URL + "/jsonrpc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d", resp.StatusCode)
	}
}

func TestSeedDialectLogSearch(t *testing.T) {
	f := newFixture(t, Options{Dialect: DialectExamples})
	f.login()
	_, m := f.post(map[string]any{"id": 1, "method": "add", "session": f.sid, "params": []any{map[string]any{
		"url": "/logview/adom/root/logsearch", "apiver": 3,
		"data": map[string]any{"logtype": "virus", "limit": 5, "time-range": map[string]any{"last-n-days": 30}}}}}, nil)
	_, _, item := legacyStatus(t, m)
	tid := num(t, item["data"].(map[string]any)["tid"])
	_, m = f.post(map[string]any{"id": 2, "method": "get", "session": f.sid, "params": []any{map[string]any{
		"url": fmt.Sprintf("/logview/adom/root/logsearch/%d", tid), "apiver": 3}}}, nil)
	_, _, item = legacyStatus(t, m)
	d := item["data"].(map[string]any)
	logs := d["logs"].([]any)
	if d["status"] != "done" || len(logs) != 5 || num(t, d["total"]) != 5 {
		t.Fatalf("seed log search: %.300v", d)
	}
	if _, ok := logs[0].(map[string]any)["itime"].(json.Number); !ok {
		t.Errorf("seed itime should be a JSON number: %T", logs[0].(map[string]any)["itime"])
	}
}

func TestOptionErrors(t *testing.T) {
	for _, o := range []Options{{Dialect: "fancy"}, {Timezone: "Mars/Olympus"}, {TaskTimeScale: -1}} {
		_, err := NewChecked(o)
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Field == "" {
			t.Errorf("%+v: %v", o, err)
		}
	}
}
