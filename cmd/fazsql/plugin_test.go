package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestFortiAnalyzerWiring runs the real plugin against the simulator: the
// flags become a connection. (The progress line itself is tested in
// units_test.go: with instant simulator tasks there may be no poll to show.)
func TestFortiAnalyzerWiring(t *testing.T) {
	sim := fazsim.New(fazsim.Options{})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	var out, errb bytes.Buffer
	e := env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		StderrTTY: true, // progress, if any, is drawn into errb
		Getenv:    func(string) string { return "" },
		Home:      t.TempDir(),
	}
	code := run(context.Background(), []string{
		"--url", srv.URL, "--api-key", "fazsim-api-key", "-o", "csv",
		"select count(*) > 0 as some from fortianalyzer_top_source where adom = 'root'",
	}, e, pluginWiring())
	if code != 0 || out.String() != "some\n1\n" {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	if strings.Contains(errb.String(), "fazsim-api-key") {
		t.Error("the API key reached stderr")
	}
}

// TestSessionsAndTasksReleasedOnExit: a run with a password session logs out before exiting
// and leaves no task behind, even when SQLite stops reading early (LIMIT after ORDER BY is
// not pushed down, so the plugin is cancelled mid-stream).
func TestSessionsAndTasksReleasedOnExit(t *testing.T) {
	sim := fazsim.New(fazsim.Options{})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	var out, errb bytes.Buffer
	e := env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	code := run(context.Background(), []string{
		"--url", srv.URL, "--username", "admin", "--password", "fortinet", "-o", "csv",
		"select srcip from fortianalyzer_log where log_type = 'traffic' order by srcip limit 1",
	}, e, pluginWiring())
	if code != 0 {
		t.Fatalf("exit %d, err %q", code, errb.String())
	}
	st := sim.Stats()
	if st.Logins == 0 || st.Logins != st.Logouts {
		t.Errorf("want every session logged out at exit: %d logins, %d logouts", st.Logins, st.Logouts)
	}
	if len(st.LiveTasks) != 0 {
		t.Errorf("tasks left on the appliance after exit: %v", st.LiveTasks)
	}
	if strings.Contains(errb.String(), "fortinet") {
		t.Error("the password reached stderr")
	}
}

// TestInsecurePrintsAWarning: --insecure is said on stderr without any log level set
// (README: "logged as a warning"), and the query still runs.
func TestInsecurePrintsAWarning(t *testing.T) {
	srv := httptest.NewTLSServer(fazsim.New(fazsim.Options{}))
	defer srv.Close()
	var out, errb bytes.Buffer
	e := env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	code := run(context.Background(), []string{
		"--url", srv.URL, "--api-key", "fazsim-api-key", "--insecure", "-o", "csv", "select count(*) > 0 as some from fortianalyzer_adom",
	}, e, pluginWiring())
	if code != 0 || out.String() != "some\n1\n" {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	if got := errb.String(); !strings.HasPrefix(got, "Warning: ") || !strings.Contains(got, "insecure_skip_verify") {
		t.Fatalf("stderr %q, want a warning naming insecure_skip_verify", got)
	}
}
