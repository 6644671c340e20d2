package fazsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// testEnd is a fixed data end so tests do not depend on the wall clock.
var testEnd = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// fixture is a simulator behind a real HTTP server with a fake clock.
type fixture struct {
	t     testing.TB
	srv   *Server
	ts    *httptest.Server
	clock *FakeClock
	sid   string
}

func newFixture(t testing.TB, o Options) *fixture {
	t.Helper()
	clock := NewFakeClock(testEnd.Add(time.Hour))
	if o.Clock == nil {
		o.Clock = clock
	}
	if o.End.IsZero() {
		o.End = testEnd
	}
	if o.LogRows == 0 {
		o.LogRows = 50_000
	}
	srv := New(o)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{t: t, srv: srv, ts: ts, clock: clock}
}

// post sends a raw body and decodes the JSON answer.
func (f *fixture) post(body any, hdr map[string]string) (int, map[string]any) {
	f.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/jsonrpc", bytes.NewReader(b))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		f.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return resp.StatusCode, map[string]any{"_raw": string(raw)}
	}
	return resp.StatusCode, m
}

// login opens a session for admin.
func (f *fixture) login() string {
	f.t.Helper()
	_, m := f.post(map[string]any{"id": 1, "method": "exec", "params": []any{map[string]any{"url": "/sys/login/user", "data": map[string]any{"user": "admin", "passwd": "fortinet"}}}}, nil)
	sid, _ := m["session"].(string)
	if sid == "" {
		f.t.Fatalf("login: %v", m)
	}
	f.sid = sid
	return sid
}

// rpc calls method on url with params (top level, apiver 3 style) using the
// fixture's session, and returns the whole answer.
func (f *fixture) rpc(method, url string, params map[string]any) map[string]any {
	f.t.Helper()
	if f.sid == "" {
		f.login()
	}
	p := map[string]any{"url": url}
	for k, v := range params {
		p[k] = v
	}
	_, m := f.post(map[string]any{"id": 7, "jsonrpc": "2.0", "method": method, "params": []any{p}, "session": f.sid}, nil)
	return m
}

// ok returns the v3 result object or fails.
func (f *fixture) ok(m map[string]any) map[string]any {
	f.t.Helper()
	r, isObj := m["result"].(map[string]any)
	if !isObj {
		f.t.Fatalf("want result object, got %.300v", m)
	}
	return r
}

// errOf returns the v3 error (code, message) or fails.
func (f *fixture) errOf(m map[string]any) (int, string) {
	f.t.Helper()
	e, ok := m["error"].(map[string]any)
	if !ok {
		f.t.Fatalf("want error, got %.300v", m)
	}
	c, _ := e["code"].(json.Number).Int64()
	return int(c), e["message"].(string)
}

// legacyStatus returns result[0].status of a legacy answer.
func legacyStatus(t testing.TB, m map[string]any) (int, string, map[string]any) {
	t.Helper()
	l, ok := m["result"].([]any)
	if !ok || len(l) != 1 {
		t.Fatalf("want result array of one, got %.300v", m)
	}
	item := l[0].(map[string]any)
	st := item["status"].(map[string]any)
	c, _ := st["code"].(json.Number).Int64()
	return int(c), st["message"].(string), item
}

func num(t testing.TB, v any) int64 {
	t.Helper()
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			t.Fatalf("not an integer: %v", x)
		}
		return n
	case string:
		var n int64
		if _, err := fmt.Sscan(x, &n); err != nil {
			t.Fatalf("not a numeric string: %q", x)
		}
		return n
	}
	t.Fatalf("not a number: %T %v", v, v)
	return 0
}

// window is a time-range over the whole fixture data in the appliance zone.
func wholeWindow() map[string]any {
	return map[string]any{"start": "2026-11-01 00:00:00", "end": "2026-11-30 00:00:00"}
}

var allDevices = []any{map[string]any{"devname": "All_Device"}}

// addFV starts a FortiView task and returns its tid.
func (f *fixture) addFV(adom, view string, params map[string]any) int {
	f.t.Helper()
	p := map[string]any{"apiver": 3, "device": allDevices, "time-range": wholeWindow()}
	for k, v := range params {
		p[k] = v
	}
	r := f.ok(f.rpc("add", "/fortiview/adom/"+adom+"/"+view+"/run", p))
	return int(num(f.t, r["tid"]))
}

// addLS starts a log search and returns its tid.
func (f *fixture) addLS(adom string, params map[string]any) int {
	f.t.Helper()
	p := map[string]any{"apiver": 3, "logtype": "traffic", "time-range": wholeWindow()}
	for k, v := range params {
		p[k] = v
	}
	r := f.ok(f.rpc("add", "/logview/adom/"+adom+"/logsearch", p))
	return int(num(f.t, r["tid"]))
}
