package faz

import (
	"context"
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/hashicorp/go-hclog"
)

func TestConcurrentQueriesLogInOnce(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.c.systemStatus(context.Background())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := e.sim.Stats().Logins; n != 1 {
		t.Errorf("logins = %d, want 1", n)
	}
}

func TestReloginOnExpiredSession(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	ctx := context.Background()
	if _, err := e.c.ADOMs(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/dvmdb/adom", Nth: 1, Effect: fazsim.FaultExpireSession}); err != nil {
		t.Fatal(err)
	}
	adoms, err := e.c.ADOMs(ctx)
	if err != nil {
		t.Fatalf("an expired session must be renewed transparently: %v", err)
	}
	if len(adoms) == 0 {
		t.Error("no ADOMs")
	}
	st := e.sim.Stats()
	if st.Logins != 2 || st.SessionsExpired != 1 {
		t.Errorf("logins %d, expired %d; want 2 and 1", st.Logins, st.SessionsExpired)
	}
}

func TestSecondNoPermissionIsAnError(t *testing.T) {
	e := startSim(t, fazsim.Options{}, nil)
	if err := e.sim.AddFault(fazsim.Fault{Method: "get", URL: "/sys/status", Probability: 1, Effect: fazsim.FaultExpireSession}); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.systemStatus(context.Background())
	if !isNoPermission(err) {
		t.Fatalf("err = %v, want a permission error after one re-login", err)
	}
	// First login, then exactly one re-login for the failed call.
	if n := e.sim.Stats().Logins; n != 2 {
		t.Errorf("logins = %d, want 2", n)
	}
}

func TestSessionLimitRenewedOften(t *testing.T) {
	e := startSim(t, fazsim.Options{SessionMaxRequests: 3}, nil)
	for i := 0; i < 10; i++ {
		if _, err := e.c.systemStatus(context.Background()); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
}

func TestAPIKey(t *testing.T) {
	e := startSim(t, fazsim.Options{}, func(c *Config) { c.Username, c.Password, c.APIKey = "", "", "fazsim-api-key" })
	if _, err := e.c.systemStatus(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := e.sim.Stats().Logins; n != 0 {
		t.Errorf("an API-key client logged in %d times", n)
	}
	bad, err := New(Config{URL: e.ts.URL, APIKey: "wrong-key-SECRET"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.systemStatus(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || !isNoPermission(err) || ae.HTTPStatus != 401 {
		t.Fatalf("err = %#v, want a 401 permission error", err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error leaks the key: %v", err)
	}
}

func TestBadPasswordAndLogout(t *testing.T) {
	e := startSim(t, fazsim.Options{}, func(c *Config) { c.Password = "hunter2-SECRET" })
	_, err := e.c.systemStatus(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != -22 {
		t.Fatalf("err = %v, want the appliance's login failure", err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error leaks the password: %v", err)
	}

	ok := startSim(t, fazsim.Options{}, nil)
	if _, err := ok.c.systemStatus(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := ok.c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := ok.sim.Stats().Logouts; n != 1 {
		t.Errorf("logouts = %d, want 1", n)
	}
	if _, err := ok.c.systemStatus(context.Background()); !errors.Is(err, errClosed) {
		t.Errorf("call after Close: %v, want errClosed", err)
	}
}

// TestSecretsNeverLogged runs a session through re-login, retries and a
// task at trace level and checks that no password, key or session id
// appears in the logs or in errors.
func TestSecretsNeverLogged(t *testing.T) {
	sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 5000, Users: map[string]string{"admin": "pw-SECRET-1"}})
	rec := &recorder{h: sim}
	ts := httptest.NewServer(rec)
	defer ts.Close()
	buf := &syncBuffer{}
	logger := hclog.New(&hclog.LoggerOptions{Output: buf, Level: hclog.Trace})
	c, err := New(Config{URL: ts.URL, Username: "admin", Password: "pw-SECRET-1", Logger: logger, PollFloor: time.Millisecond, PollCap: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []fazsim.Fault{
		{URL: "/sys/status", Nth: 1, Effect: fazsim.FaultExpireSession},
		{URL: "/sys/status", Nth: 2, Effect: fazsim.FaultHTTP500},
	} {
		if err := sim.AddFault(f); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := c.systemStatus(ctx); err != nil {
			t.Fatal(err)
		}
	}
	start, end := window(6 * time.Hour)
	if _, err := c.RunFortiView(ctx, FortiViewSpec{ADOM: "root", View: "top-sources", Start: start, End: end, Limit: 5}, func(Row) error { return nil }); err != nil {
		t.Fatal(err)
	}
	_ = c.Close(ctx)
	if live := sim.Stats().LiveTasks; len(live) > 0 {
		t.Errorf("server tasks left alive: %v", live)
	}
	_, resps := rec.all()
	sids := map[string]bool{}
	re := regexp.MustCompile(`"session":"([^"]+)"`)
	for _, r := range resps {
		for _, m := range re.FindAllStringSubmatch(r, -1) {
			sids[m[1]] = true
		}
	}
	if len(sids) < 2 {
		t.Fatalf("expected at least two sessions (login and re-login), saw %d", len(sids))
	}
	logs := buf.String()
	if !strings.Contains(logs, "logged in") {
		t.Fatalf("the test logger captured nothing useful: %q", logs)
	}
	for _, secret := range append([]string{"pw-SECRET-1", "fazsim-api-key"}, keys(sids)...) {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a secret (%.6s...)", secret)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
