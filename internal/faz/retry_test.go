package faz

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestReadsAreRetried injects each transport-level fault into a read and
// checks that the call succeeds after a retry.
func TestReadsAreRetried(t *testing.T) {
	for _, f := range []fazsim.FaultEffect{fazsim.FaultHTTP500, fazsim.FaultHTTP502, fazsim.FaultDrop, fazsim.FaultMalformed, fazsim.FaultDelay} {
		t.Run(string(f), func(t *testing.T) {
			fault := fazsim.Fault{Method: "get", URL: "/dvmdb/adom", Nth: 1, Count: 2, Effect: f, Delay: time.Minute}
			e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{fault}}, func(c *Config) { c.RequestTimeout = 300 * time.Millisecond })
			adoms, err := e.c.ADOMs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(adoms) != 3 {
				t.Errorf("%d ADOMs, want 3", len(adoms))
			}
			st := e.sim.Stats()
			if st.Faults[string(f)] != 2 || st.Requests["get /dvmdb/adom"] != 3 {
				t.Errorf("faults %v, requests %d; want 2 faults then a success", st.Faults, st.Requests["get /dvmdb/adom"])
			}
		})
	}
}

func TestRetriesAreBounded(t *testing.T) {
	e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{{Method: "get", URL: "/dvmdb/adom", Probability: 1, Effect: fazsim.FaultHTTP502}}},
		func(c *Config) { c.MaxRetries = 2 })
	_, err := e.c.ADOMs(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 502 {
		t.Fatalf("err = %v, want the 502", err)
	}
	if n := e.sim.Stats().Requests["get /dvmdb/adom"]; n != 3 {
		t.Errorf("%d attempts, want 1 + 2 retries", n)
	}
}

func TestStateChangingCallsAreNotReplayed(t *testing.T) {
	e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{{Method: "exec", URL: "/sys/logout", Probability: 1, Effect: fazsim.FaultHTTP500}}}, nil)
	if _, err := e.c.systemStatus(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Close(context.Background()); err == nil {
		t.Fatal("a failed logout was reported as success")
	}
	if n := e.sim.Stats().Requests["exec /sys/logout"]; n != 1 {
		t.Errorf("logout sent %d times, want exactly once", n)
	}
}

func TestRetryHonoursContext(t *testing.T) {
	sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 2000,
		Faults: []fazsim.Fault{{Method: "get", URL: "/dvmdb/adom", Probability: 1, Effect: fazsim.FaultHTTP500}}})
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	n := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sim.ServeHTTP(w, r)
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 2 {
			cancel() // the caller gives up during the backoff after attempt 2
		}
	}))
	defer ts.Close()
	c, err := New(Config{URL: ts.URL, APIKey: "fazsim-api-key", MaxRetries: 1000})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ADOMs(ctx)
	calls := sim.Stats().Requests["get /dvmdb/adom"]
	if !errors.Is(err, context.Canceled) || calls > 3 {
		t.Fatalf("err %v after %d calls, want a prompt context.Canceled", err, calls)
	}
}

func TestReadCalls(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	st, err := e.c.systemStatus(ctx)
	if err != nil || st["Hostname"] == nil {
		t.Fatalf("status %v, %v", st, err)
	}
	loc, err := e.c.Location(ctx)
	if err != nil || loc.String() != "Europe/Brussels" {
		t.Fatalf("location %v, %v", loc, err)
	}
	devs, err := e.c.Devices(ctx, "root")
	if err != nil || len(devs) != 3 {
		t.Fatalf("devices %d, %v", len(devs), err)
	}
	if _, err := e.c.Devices(ctx, "nope"); !isNotFound(err) {
		t.Errorf("unknown ADOM: %v, want not found", err)
	}
	start, end := window(7 * 24 * time.Hour)
	var alerts, incidents []Row
	if err := e.c.Alerts(ctx, AlertQuery{ADOM: "root", Start: start, End: end}, collect(&alerts)); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Incidents(ctx, IncidentQuery{ADOM: "root", Limit: 5}, collect(&incidents)); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d alerts, %d incidents", len(alerts), len(incidents))
	if len(incidents) > 5 {
		t.Errorf("limit 5 gave %d incidents", len(incidents))
	}
}
