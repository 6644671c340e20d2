package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// TestBadConfigFailsAtLoad holds README's promise: a bad value of any option fails when
// the connection is loaded (before any query), naming the option. The bad connection is
// the second one, so the check cannot depend on which connection the SDK builds its
// schema from.
func TestBadConfigFailsAtLoad(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.txt")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	pin := strings.Repeat("ab", 32)
	const key = `api_key = "k"` + "\n"
	cases := []struct {
		name, hcl, option string
	}{
		{"url missing", key, "url"},
		{"url not a URL", `url = "faz.example.com"` + "\n" + key, "url"},
		{"url with credentials", `url = "https://admin:pw@faz.example.com"` + "\n" + key, "url"},
		{"no credentials", `url = "https://faz"`, "api_key"},
		{"key and password", `url = "https://faz"` + "\n" + key + `username = "u"` + "\n" + `password = "p"`, "api_key"},
		{"username without password", `url = "https://faz"` + "\n" + `username = "u"`, "username"},
		{"ca_file missing", `url = "https://faz"` + "\n" + key + fmt.Sprintf("ca_file = %q", filepath.Join(dir, "none.pem")), "ca_file"},
		{"ca_file not PEM", `url = "https://faz"` + "\n" + key + fmt.Sprintf("ca_file = %q", notPEM), "ca_file"},
		{"tls_fingerprint short", `url = "https://faz"` + "\n" + key + `tls_fingerprint = "abcd"`, "tls_fingerprint"},
		{"tls_fingerprint over http", `url = "http://faz"` + "\n" + key + fmt.Sprintf("tls_fingerprint = %q", pin), "tls_fingerprint"},
		{"tls_server_name over http", `url = "http://faz"` + "\n" + key + `tls_server_name = "FAZ-VM0000000001"`, "tls_server_name"},
		{"insecure over http", `url = "http://faz"` + "\n" + key + `insecure_skip_verify = true`, "insecure_skip_verify"},
		{"insecure with a pin", `url = "https://faz"` + "\n" + key + `insecure_skip_verify = true` + "\n" + fmt.Sprintf("tls_fingerprint = %q", pin), "insecure_skip_verify"},
		{"timezone", `url = "https://faz"` + "\n" + key + `timezone = "Mars/Olympus"`, "timezone"},
		{"default_time_range", `url = "https://faz"` + "\n" + key + `default_time_range = "yesterday"`, "default_time_range"},
		{"default_time_range over max", `url = "https://faz"` + "\n" + key + `default_time_range = "10d"` + "\n" + `max_time_range = "7d"`, "default_time_range"},
		{"max_time_range", `url = "https://faz"` + "\n" + key + `max_time_range = "-1h"`, "max_time_range"},
		{"max_concurrent_tasks zero", `url = "https://faz"` + "\n" + key + `max_concurrent_tasks = 0`, "max_concurrent_tasks"},
		{"max_concurrent_tasks over 64", `url = "https://faz"` + "\n" + key + `max_concurrent_tasks = 65`, "max_concurrent_tasks"},
		{"task_timeout", `url = "https://faz"` + "\n" + key + `task_timeout = "0s"`, "task_timeout"},
		{"request_timeout", `url = "https://faz"` + "\n" + key + `request_timeout = "soon"`, "request_timeout"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("FORTIANALYZER_URL", "") // the environment must not fill what the case leaves out
			conns := []pluginsql.Connection{
				{Name: "good", Plugin: "fortianalyzer", Config: `url = "https://faz"` + "\n" + key},
				{Name: "bad", Plugin: "fortianalyzer", Config: tc.hcl},
			}
			db, err := pluginsql.Open(context.Background(), fortianalyzer.New(fortianalyzer.Options{}), conns, pluginsql.Options{})
			if err == nil {
				_ = db.Close()
				t.Fatalf("loading %q succeeded; want an error naming %s", tc.hcl, tc.option)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.option) || !strings.Contains(msg, `"bad"`) {
				t.Fatalf("error %q does not name option %s of connection bad", msg, tc.option)
			}
			if strings.Contains(msg, "pw@") {
				t.Fatalf("error echoes the URL's credentials: %q", msg)
			}
		})
	}
}

// TestInsecureWarnsVisibly: insecure_skip_verify reaches Options.Warn (which fazsql prints
// on stderr) when the connection is loaded, not only the debug log.
func TestInsecureWarnsVisibly(t *testing.T) {
	var warnings []string
	pf := fortianalyzer.New(fortianalyzer.Options{Warn: func(m string) { warnings = append(warnings, m) }})
	conns := []pluginsql.Connection{{Name: "faz", Plugin: "fortianalyzer", Config: "url = \"https://127.0.0.1:1\"\napi_key = \"k\"\ninsecure_skip_verify = true\n"}}
	db, err := pluginsql.Open(context.Background(), pf, conns, pluginsql.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if len(warnings) != 1 || !strings.Contains(warnings[0], "insecure_skip_verify") || !strings.Contains(warnings[0], "faz") {
		t.Fatalf("warnings = %q, want one naming the connection and insecure_skip_verify", warnings)
	}
}
