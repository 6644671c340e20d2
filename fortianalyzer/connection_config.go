package fortianalyzer

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// fortianalyzerConfig is the HCL body of a `connection "..." { plugin = "fortianalyzer" }`
// block. Every option is optional in HCL because each one falls back to an environment
// variable; see config/fortianalyzer.spc for the documented list.
type fortianalyzerConfig struct {
	URL                *string `hcl:"url"`
	APIKey             *string `hcl:"api_key"`
	Username           *string `hcl:"username"`
	Password           *string `hcl:"password"`
	ADOM               *string `hcl:"adom"`
	CAFile             *string `hcl:"ca_file"`
	TLSServerName      *string `hcl:"tls_server_name"`
	TLSFingerprint     *string `hcl:"tls_fingerprint"`
	InsecureSkipVerify *bool   `hcl:"insecure_skip_verify"`
	Timezone           *string `hcl:"timezone"`
	DefaultTimeRange   *string `hcl:"default_time_range"`
	MaxTimeRange       *string `hcl:"max_time_range"`
	MaxConcurrentTasks *int    `hcl:"max_concurrent_tasks"`
	TaskTimeout        *string `hcl:"task_timeout"`
	RequestTimeout     *string `hcl:"request_timeout"`
}

// ConfigInstance returns a new, empty connection config for the SDK to decode into.
func ConfigInstance() any { return &fortianalyzerConfig{} }

// settings is a connection config with defaults and environment variables applied and
// every value validated: what the rest of the plugin works from.
type settings struct {
	URL                string
	APIKey             string
	Username           string
	Password           string
	ADOM               string
	CAFile             string
	TLSServerName      string
	TLSFingerprint     string
	InsecureSkipVerify bool
	Timezone           string
	DefaultTimeRange   time.Duration
	MaxTimeRange       time.Duration // 0 = no limit
	MaxConcurrentTasks int
	TaskTimeout        time.Duration
	RequestTimeout     time.Duration
}

// Defaults, documented in config/fortianalyzer.spc.
const (
	defaultADOM               = "root"
	defaultTimeRange          = 24 * time.Hour
	defaultMaxTimeRange       = 31 * 24 * time.Hour
	defaultMaxConcurrentTasks = 4
	defaultTaskTimeout        = 5 * time.Minute
	defaultRequestTimeout     = 30 * time.Second
)

// configError names the option at fault and the form it accepts.
type configError struct {
	Option string
	Msg    string
}

func (e *configError) Error() string {
	return fmt.Sprintf("fortianalyzer connection config: %s: %s", e.Option, e.Msg)
}

// getSettings resolves a connection's config (HCL, then environment, then defaults).
func getSettings(conn *plugin.Connection) (*settings, error) {
	// The SDK hands the parsed config over by value; accept a pointer too.
	cfg := &fortianalyzerConfig{}
	switch c := conn.Config.(type) {
	case fortianalyzerConfig:
		cfg = &c
	case *fortianalyzerConfig:
		if c != nil {
			cfg = c
		}
	}
	return resolveSettings(cfg, os.LookupEnv)
}

// resolveSettings is getSettings with the environment injected, for tests.
func resolveSettings(cfg *fortianalyzerConfig, env func(string) (string, bool)) (*settings, error) {
	str := func(v *string, name string) string {
		if v != nil {
			return strings.TrimSpace(*v)
		}
		if e, ok := env(name); ok {
			return strings.TrimSpace(e)
		}
		return ""
	}
	s := &settings{
		URL:            strings.TrimRight(str(cfg.URL, "FORTIANALYZER_URL"), "/"),
		APIKey:         str(cfg.APIKey, "FORTIANALYZER_API_KEY"),
		Username:       str(cfg.Username, "FORTIANALYZER_USERNAME"),
		ADOM:           str(cfg.ADOM, "FORTIANALYZER_ADOM"),
		CAFile:         str(cfg.CAFile, "FORTIANALYZER_CA_FILE"),
		TLSServerName:  str(cfg.TLSServerName, "FORTIANALYZER_TLS_SERVER_NAME"),
		TLSFingerprint: str(cfg.TLSFingerprint, "FORTIANALYZER_TLS_FINGERPRINT"),
		Timezone:       str(cfg.Timezone, "FORTIANALYZER_TIMEZONE"),
	}
	// Passwords may legitimately start or end with spaces: no trimming.
	if cfg.Password != nil {
		s.Password = *cfg.Password
	} else if e, ok := env("FORTIANALYZER_PASSWORD"); ok {
		s.Password = e
	}
	if s.ADOM == "" {
		s.ADOM = defaultADOM
	}

	if s.URL == "" {
		return nil, &configError{"url", "required: the appliance's base URL, e.g. https://faz.example.com (or set FORTIANALYZER_URL)"}
	}
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &configError{"url", fmt.Sprintf("%q is not a URL of the form https://host[:port]", s.URL)}
	}
	switch {
	case s.APIKey != "" && (s.Username != "" || s.Password != ""):
		return nil, &configError{"api_key", "set either api_key, or username and password, not both"}
	case s.APIKey == "" && (s.Username == "" || s.Password == ""):
		return nil, &configError{"api_key", "credentials required: api_key (FORTIANALYZER_API_KEY), or username and password (FORTIANALYZER_USERNAME, FORTIANALYZER_PASSWORD)"}
	}

	if v := str(nil, "FORTIANALYZER_INSECURE_SKIP_VERIFY"); cfg.InsecureSkipVerify != nil {
		s.InsecureSkipVerify = *cfg.InsecureSkipVerify
	} else if v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, &configError{"insecure_skip_verify", fmt.Sprintf("FORTIANALYZER_INSECURE_SKIP_VERIFY=%q is not true or false", v)}
		}
		s.InsecureSkipVerify = b
	}
	if s.InsecureSkipVerify && s.TLSFingerprint != "" {
		return nil, &configError{"insecure_skip_verify", "cannot be combined with tls_fingerprint: the pin already trusts the appliance's certificate"}
	}
	if s.TLSFingerprint != "" {
		if _, err := parseFingerprint(s.TLSFingerprint); err != nil {
			return nil, &configError{"tls_fingerprint", err.Error()}
		}
	}
	if s.CAFile != "" {
		if _, err := os.Stat(s.CAFile); err != nil {
			return nil, &configError{"ca_file", fmt.Sprintf("cannot read %q: %v", s.CAFile, err)}
		}
	}
	if s.Timezone != "" {
		if _, err := time.LoadLocation(s.Timezone); err != nil {
			return nil, &configError{"timezone", fmt.Sprintf("%q is not an IANA time zone name such as Europe/Brussels or UTC", s.Timezone)}
		}
	}

	durations := []struct {
		option, env string
		v           *string
		dst         *time.Duration
		def         time.Duration
		allowZero   bool
	}{
		{"default_time_range", "FORTIANALYZER_DEFAULT_TIME_RANGE", cfg.DefaultTimeRange, &s.DefaultTimeRange, defaultTimeRange, false},
		{"max_time_range", "FORTIANALYZER_MAX_TIME_RANGE", cfg.MaxTimeRange, &s.MaxTimeRange, defaultMaxTimeRange, true},
		{"task_timeout", "FORTIANALYZER_TASK_TIMEOUT", cfg.TaskTimeout, &s.TaskTimeout, defaultTaskTimeout, false},
		{"request_timeout", "FORTIANALYZER_REQUEST_TIMEOUT", cfg.RequestTimeout, &s.RequestTimeout, defaultRequestTimeout, false},
	}
	for _, d := range durations {
		raw := str(d.v, d.env)
		if raw == "" {
			*d.dst = d.def
			continue
		}
		v, err := parseDuration(raw)
		if err != nil || v < 0 || (v == 0 && !d.allowZero) {
			return nil, &configError{d.option, fmt.Sprintf("%q is not a positive duration such as 90s, 15m, 24h or 7d", raw)}
		}
		*d.dst = v
	}
	if s.MaxTimeRange > 0 && s.DefaultTimeRange > s.MaxTimeRange {
		return nil, &configError{"default_time_range", fmt.Sprintf("%s is longer than max_time_range (%s)", s.DefaultTimeRange, s.MaxTimeRange)}
	}

	s.MaxConcurrentTasks = defaultMaxConcurrentTasks
	if cfg.MaxConcurrentTasks != nil {
		s.MaxConcurrentTasks = *cfg.MaxConcurrentTasks
	} else if v := str(nil, "FORTIANALYZER_MAX_CONCURRENT_TASKS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, &configError{"max_concurrent_tasks", fmt.Sprintf("FORTIANALYZER_MAX_CONCURRENT_TASKS=%q is not a whole number", v)}
		}
		s.MaxConcurrentTasks = n
	}
	if s.MaxConcurrentTasks < 1 || s.MaxConcurrentTasks > 64 {
		return nil, &configError{"max_concurrent_tasks", fmt.Sprintf("%d is out of range: a whole number from 1 to 64", s.MaxConcurrentTasks)}
	}
	return s, nil
}

// parseDuration accepts Go durations (90s, 15m, 1h30m) plus whole days (7d), the unit
// analysts think in for log windows.
func parseDuration(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, err
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// parseFingerprint accepts a SHA-256 fingerprint as 64 hex digits, with or without colons
// (the form `openssl x509 -fingerprint -sha256` prints).
func parseFingerprint(s string) ([]byte, error) {
	h := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, ":", ""), " ", ""))
	if len(h) != 64 {
		return nil, fmt.Errorf("%q is not a SHA-256 fingerprint: 64 hex digits, colons allowed", s)
	}
	out := make([]byte, 32)
	for i := 0; i < 32; i++ {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, fmt.Errorf("%q is not a SHA-256 fingerprint: 64 hex digits, colons allowed", s)
		}
		out[i] = byte(v)
	}
	return out, nil
}
