package fazsim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFaultPlan(t *testing.T) {
	fs, err := ParseFaultPlan("http502,url=/fortiview/*,nth=2; premature100,method=get,url=/logview/*,p=0.1,count=3;delay,nth=1,delay=1500ms")
	if err != nil {
		t.Fatal(err)
	}
	want := []Fault{
		{Effect: FaultHTTP502, URL: "/fortiview/*", Nth: 2},
		{Effect: FaultPremature, Method: "get", URL: "/logview/*", Probability: 0.1, Count: 3},
		{Effect: FaultDelay, Nth: 1, Delay: 1500 * time.Millisecond},
	}
	if fmt.Sprint(fs) != fmt.Sprint(want) {
		t.Fatalf("got %+v", fs)
	}
	for _, bad := range []string{"explode,nth=1", "http500", "http500,nth=x", "http500,nth=1,colour=red", "delay,nth=1", "http500,p=2"} {
		if _, err := ParseFaultPlan(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// rawPost posts a body and returns the response or the transport error.
func (f *fixture) rawPost(ctx context.Context, body string) (*http.Response, []byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, f.ts.URL+"/jsonrpc", strings.NewReader(body))
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestTransportFaults(t *testing.T) {
	f := newFixture(t, Options{})
	sid := f.login()
	body := `{"id":1,"method":"get","params":[{"url":"/sys/status"}],"session":"` + sid + `"}`
	ctx := context.Background()

	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.srv.AddFault(Fault{Effect: FaultHTTP500, URL: "/sys/status", Nth: 2}))
	if resp, _, _ := f.rawPost(ctx, body); resp.StatusCode != 200 {
		t.Fatalf("first request faulted")
	}
	if resp, _, _ := f.rawPost(ctx, body); resp.StatusCode != 500 {
		t.Fatalf("2nd: HTTP %d", resp.StatusCode)
	}
	if resp, _, _ := f.rawPost(ctx, body); resp.StatusCode != 200 {
		t.Fatalf("nth fault fired twice")
	}
	f.srv.ClearFaults()

	must(f.srv.AddFault(Fault{Effect: FaultHTTP502, Nth: 1}))
	if resp, _, _ := f.rawPost(ctx, body); resp.StatusCode != 502 {
		t.Fatalf("502: HTTP %d", resp.StatusCode)
	}
	must(f.srv.AddFault(Fault{Effect: FaultDrop, Nth: 1}))
	if _, _, err := f.rawPost(ctx, body); err == nil {
		t.Fatalf("dropped connection gave an answer")
	}
	f.srv.ClearFaults()
	must(f.srv.AddFault(Fault{Effect: FaultMalformed, Nth: 1}))
	_, b, err := f.rawPost(ctx, body)
	if err != nil || json.Valid(b) || len(b) == 0 {
		t.Fatalf("malformed: err %v valid %v", err, json.Valid(b))
	}
	// A delay longer than the client's patience: the client gives up.
	must(f.srv.AddFault(Fault{Effect: FaultDelay, Nth: 1, Delay: time.Hour}))
	cctx, cancel := context.WithCancel(ctx)
	f.srv.onFault = func(fl Fault) { // cancel once the handler is waiting
		if fl.Effect == FaultDelay {
			cancel()
		}
	}
	if _, _, err := f.rawPost(cctx, body); !errors.Is(err, context.Canceled) {
		t.Fatalf("delayed request: %v", err)
	}
	if n := f.srv.Stats().Faults; n["http500"] != 1 || n["http502"] != 1 || n["drop"] != 1 || n["malformed"] != 1 || n["delay"] != 1 {
		t.Fatalf("fault counts %v", n)
	}
}

func TestApplicationFaults(t *testing.T) {
	f := newFixture(t, Options{TaskDuration: func(int) time.Duration { return 10 * time.Second }})
	f.login()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	// No slot, although slots are free.
	must(f.srv.AddFault(Fault{Effect: FaultNoSlot, Method: "add", URL: "/logview/*", Nth: 1}))
	if _, msg := f.errOf(f.rpc("add", "/logview/adom/root/logsearch", map[string]any{"apiver": 3, "logtype": "traffic", "time-range": wholeWindow()})); msg != "No available slot for searching" {
		t.Fatalf("noslot: %q", msg)
	}
	// Premature 100% with an empty page while total-count > offset.
	must(f.srv.AddFault(Fault{Effect: FaultPremature, Method: "get", URL: "/logview/adom/*/logsearch/*", Nth: 1}))
	tid := f.addLS("root", map[string]any{"limit": 100, "offset": 200})
	f.clock.Advance(2 * time.Second)
	r := f.ok(f.lsGet("root", tid, map[string]any{"limit": 100, "offset": 200}))
	if num(t, r["percentage"]) != 100 || len(r["data"].([]any)) != 0 || num(t, r["total-count"]) <= 200 {
		t.Fatalf("premature: %.300v", r)
	}
	// Session expiry in the middle of a query: the next poll gets -11, a
	// re-login lets the same task be fetched.
	tid = f.addLS("root", map[string]any{"limit": 10})
	must(f.srv.AddFault(Fault{Effect: FaultExpireSession, Method: "get", URL: "/logview/*", Nth: 1}))
	if code, _ := f.errOf(f.lsGet("root", tid, map[string]any{"limit": 0})); code != -11 {
		t.Fatalf("expired session code %d", code)
	}
	f.login()
	f.clock.Advance(10 * time.Second)
	if r := f.ok(f.lsGet("root", tid, nil)); len(r["data"].([]any)) != 10 {
		t.Fatalf("after re-login: %.300v", r)
	}
	// Task expiry in the middle of a fetch.
	fv := f.addFV("root", "top-sources", nil)
	must(f.srv.AddFault(Fault{Effect: FaultExpireTask, Method: "get", URL: "/fortiview/*", Nth: 2}))
	f.fvGet("root", "top-sources", fv)
	if _, msg := f.errOf(f.fvRaw("get", "root", "top-sources", fv)); !strings.Contains(msg, "Invalid tid") {
		t.Fatalf("expired task: %q", msg)
	}
	st := f.srv.Stats()
	if st.TasksExpired != 1 || st.SessionsExpired != 1 || st.Faults["expire-task"] != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestSeededProbabilityRepeats(t *testing.T) {
	run := func() []int {
		f := newFixture(t, Options{Seed: 42, Faults: []Fault{{Effect: FaultHTTP500, URL: "/sys/status", Probability: 0.3}}})
		sid := f.login()
		var codes []int
		for i := 0; i < 40; i++ {
			resp, _, err := f.rawPost(context.Background(), `{"id":1,"method":"get","params":[{"url":"/sys/status"}],"session":"`+sid+`"}`)
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, resp.StatusCode)
		}
		return codes
	}
	a, b := run(), run()
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("fault plan not repeatable:\n%v\n%v", a, b)
	}
	if !bytes.Contains([]byte(fmt.Sprint(a)), []byte("500")) || !bytes.Contains([]byte(fmt.Sprint(a)), []byte("200")) {
		t.Fatalf("p=0.3 over 40 requests should mix outcomes: %v", a)
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	v := map[string]any{"id": json.RawMessage(`7`), "result": []any{map[string]any{"a": []string{"x", "<y>"}, "n": int64(-3), "i": 4, "b": true,
		"nil": nil, "rows": []map[string]any{{"k": "v\"\\\n"}}, "f": 1.5, "o": orderedRow{{key: "z", str: "1"}}}}}
	got, err := appendJSON(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	want, _ := json.Marshal(v)
	if json.Unmarshal(got, &a) != nil || json.Unmarshal(want, &b) != nil || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
