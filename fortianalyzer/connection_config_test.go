package fortianalyzer

import (
	"context"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

func ptr[T any](v T) *T { return &v }

func noEnv(string) (string, bool) { return "", false }

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestResolveSettingsDefaults(t *testing.T) {
	s, err := resolveSettings(&fortianalyzerConfig{URL: ptr("https://faz.example.com/"), APIKey: ptr("k")}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	// The client's options stay zero here: faz.Config applies its own (documented) defaults.
	if s.URL != "https://faz.example.com/" || s.ADOM != "root" || s.DefaultTimeRange != 24*time.Hour || s.DefaultLogTimeRange != time.Hour ||
		s.MaxTimeRange != 31*24*time.Hour || s.MaxConcurrentTasks != 0 || s.TaskTimeout != 0 || s.RequestTimeout != 0 {
		t.Fatalf("defaults not applied: %+v", s)
	}
}

func TestResolveSettingsEnvFallback(t *testing.T) {
	s, err := resolveSettings(&fortianalyzerConfig{}, envOf(map[string]string{
		"FORTIANALYZER_URL":                    "https://10.0.0.1:8443",
		"FORTIANALYZER_USERNAME":               "api",
		"FORTIANALYZER_PASSWORD":               " secret ",
		"FORTIANALYZER_ADOM":                   "Branch_Office",
		"FORTIANALYZER_DEFAULT_TIME_RANGE":     "7d",
		"FORTIANALYZER_DEFAULT_LOG_TIME_RANGE": "15m",
		"FORTIANALYZER_MAX_CONCURRENT_TASKS":   "2",
		"FORTIANALYZER_INSECURE_SKIP_VERIFY":   "true",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if s.Username != "api" || s.Password != " secret " || s.ADOM != "Branch_Office" ||
		s.DefaultTimeRange != 7*24*time.Hour || s.DefaultLogTimeRange != 15*time.Minute || s.MaxConcurrentTasks != 2 || !s.InsecureSkipVerify {
		t.Fatalf("env not applied: %+v", s)
	}
	// HCL wins over the environment.
	s, err = resolveSettings(&fortianalyzerConfig{ADOM: ptr("root")}, envOf(map[string]string{
		"FORTIANALYZER_URL": "https://faz", "FORTIANALYZER_API_KEY": "k", "FORTIANALYZER_ADOM": "other",
	}))
	if err != nil || s.ADOM != "root" {
		t.Fatalf("HCL should win: %v %+v", err, s)
	}
}

func TestResolveSettingsErrorsNameTheOption(t *testing.T) {
	good := func() *fortianalyzerConfig {
		return &fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("k")}
	}
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.txt")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		mutate func(c *fortianalyzerConfig)
		option string
	}{
		{"no url", func(c *fortianalyzerConfig) { c.URL = nil }, "url:"},
		{"bad url", func(c *fortianalyzerConfig) { c.URL = ptr("faz.example.com") }, "url:"},
		{"no credentials", func(c *fortianalyzerConfig) { c.APIKey = nil }, "api_key:"},
		{"both credentials", func(c *fortianalyzerConfig) { c.Username, c.Password = ptr("u"), ptr("p") }, "api_key:"},
		{"bad duration", func(c *fortianalyzerConfig) { c.DefaultTimeRange = ptr("yesterday") }, "default_time_range:"},
		{"zero task timeout", func(c *fortianalyzerConfig) { c.TaskTimeout = ptr("0s") }, "task_timeout:"},
		{"negative request timeout", func(c *fortianalyzerConfig) { c.RequestTimeout = ptr("-1s") }, "request_timeout:"},
		{"default over max", func(c *fortianalyzerConfig) { c.DefaultTimeRange, c.MaxTimeRange = ptr("10d"), ptr("7d") }, "default_time_range:"},
		{"bad log duration", func(c *fortianalyzerConfig) { c.DefaultLogTimeRange = ptr("0") }, "default_log_time_range:"},
		{"log default over max", func(c *fortianalyzerConfig) {
			c.DefaultTimeRange, c.DefaultLogTimeRange, c.MaxTimeRange = ptr("1h"), ptr("2h"), ptr("1h")
		}, "default_log_time_range:"},
		{"tasks out of range", func(c *fortianalyzerConfig) { c.MaxConcurrentTasks = ptr(0) }, "max_concurrent_tasks:"},
		{"bad timezone", func(c *fortianalyzerConfig) { c.Timezone = ptr("Mars/Olympus") }, "timezone:"},
		{"bad fingerprint", func(c *fortianalyzerConfig) { c.TLSFingerprint = ptr("abcd") }, "tls_fingerprint:"},
		{"pin and skip", func(c *fortianalyzerConfig) {
			c.TLSFingerprint, c.InsecureSkipVerify = ptr(strings.Repeat("ab", 32)), ptr(true)
		}, "insecure_skip_verify:"},
		{"missing ca file", func(c *fortianalyzerConfig) { c.CAFile = ptr(filepath.Join(dir, "nope.pem")) }, "ca_file:"},
		{"ca file not PEM", func(c *fortianalyzerConfig) { c.CAFile = ptr(notPEM) }, "ca_file:"},
		{"url with credentials", func(c *fortianalyzerConfig) { c.URL = ptr("https://admin:pw@faz") }, "url:"},
		{"pin over http", func(c *fortianalyzerConfig) {
			c.URL, c.TLSFingerprint = ptr("http://faz"), ptr(strings.Repeat("ab", 32))
		}, "tls_fingerprint:"},
		{"ca file over http", func(c *fortianalyzerConfig) { c.URL, c.CAFile = ptr("http://faz"), ptr(notPEM) }, "ca_file:"},
		{"skip verify over http", func(c *fortianalyzerConfig) { c.URL, c.InsecureSkipVerify = ptr("http://faz"), ptr(true) }, "insecure_skip_verify:"},
		{"tasks over 64", func(c *fortianalyzerConfig) { c.MaxConcurrentTasks = ptr(65) }, "max_concurrent_tasks:"},
		{"zero max time range is fine but negative is not", func(c *fortianalyzerConfig) { c.MaxTimeRange = ptr("-1h") }, "max_time_range:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := good()
			tc.mutate(c)
			_, err := resolveSettings(c, noEnv)
			if err == nil || !strings.Contains(err.Error(), tc.option) {
				t.Fatalf("want an error naming %q, got %v", tc.option, err)
			}
		})
	}
}

func TestResolveSettingsAcceptsPinAndCAFile(t *testing.T) {
	cert, err := fazsim.SelfSignedCertificate("FAZ-VM0000000001")
	if err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600); err != nil {
		t.Fatal(err)
	}
	// Both spellings of a pin the docs mention: openssl's colons, and a sha256: prefix.
	for _, pin := range []string{strings.ToUpper(strings.Repeat("ab:", 31) + "ab"), "sha256:" + strings.Repeat("ab", 32)} {
		if _, err := resolveSettings(&fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("k"), CAFile: &ca, TLSFingerprint: &pin}, noEnv); err != nil {
			t.Fatalf("pin %q: %v", pin, err)
		}
	}
	s, err := resolveSettings(&fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("k"), CAFile: &ca, MaxTimeRange: ptr("0")}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if s.MaxTimeRange != 0 {
		t.Fatalf("max_time_range 0 should disable the limit, got %s", s.MaxTimeRange)
	}
}

func TestConfigErrorNeverEchoesSecrets(t *testing.T) {
	_, err := resolveSettings(&fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("topsecretkey"), Password: ptr("hunter2")}, noEnv)
	if err == nil {
		t.Fatal("want an error for api_key with password")
	}
	if strings.Contains(err.Error(), "topsecretkey") || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("secret leaked into error: %v", err)
	}
}

// TestSettingsResolvedOncePerConfig: hydrate calls reuse the connection's resolved settings
// (no file, zone or environment read per call); a new config from the SDK resolves again.
func TestSettingsResolvedOncePerConfig(t *testing.T) {
	p := newPluginState(Options{})
	conn := &plugin.Connection{Name: "faz", Config: fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("k")}}
	ctx := context.Background()
	if err := p.load(ctx, conn); err != nil {
		t.Fatal(err)
	}
	first := p.conns["faz"]
	p.mu.Lock()
	again, err := p.connection(ctx, conn)
	p.mu.Unlock()
	if err != nil || again != first {
		t.Fatalf("same config resolved again (%v)", err)
	}
	conn.Config = fortianalyzerConfig{URL: ptr("https://faz"), APIKey: ptr("k"), ADOM: ptr("other")}
	p.mu.Lock()
	changed, err := p.connection(ctx, conn)
	p.mu.Unlock()
	if err != nil || changed == first || changed.settings.ADOM != "other" {
		t.Fatalf("changed config not resolved again: %v %+v", err, changed)
	}
	conn.Config = fortianalyzerConfig{URL: ptr("https://faz")}
	if err := p.load(ctx, conn); err == nil || !strings.Contains(err.Error(), "api_key") {
		t.Fatalf("a bad new config: err = %v, want one naming api_key", err)
	}
}
