package fortianalyzer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// fortianalyzerConfig is the HCL body of a `connection "..." { plugin = "fortianalyzer" }`
// block. Every option is optional in HCL because each one falls back to an environment
// variable; see config/fortianalyzer.spc for the documented list.
type fortianalyzerConfig struct {
	URL                 *string `hcl:"url"`
	APIKey              *string `hcl:"api_key"`
	Username            *string `hcl:"username"`
	Password            *string `hcl:"password"`
	ADOM                *string `hcl:"adom"`
	CAFile              *string `hcl:"ca_file"`
	TLSServerName       *string `hcl:"tls_server_name"`
	TLSFingerprint      *string `hcl:"tls_fingerprint"`
	InsecureSkipVerify  *bool   `hcl:"insecure_skip_verify"`
	Timezone            *string `hcl:"timezone"`
	DefaultTimeRange    *string `hcl:"default_time_range"`
	DefaultLogTimeRange *string `hcl:"default_log_time_range"`
	MaxTimeRange        *string `hcl:"max_time_range"`
	MaxConcurrentTasks  *int    `hcl:"max_concurrent_tasks"`
	TaskTimeout         *string `hcl:"task_timeout"`
	RequestTimeout      *string `hcl:"request_timeout"`
}

// ConfigInstance returns a new, empty connection config for the SDK to decode into.
func ConfigInstance() any { return &fortianalyzerConfig{} }

// settings is a connection config with environment variables applied and every value
// validated: the client's part (a faz.Config, validated by faz itself, the one validator of
// client options) and the options only the plugin reads.
type settings struct {
	faz.Config
	ADOM             string
	DefaultTimeRange time.Duration
	// DefaultLogTimeRange is the window of the log tables when a query bounds neither
	// start_time nor log_time from below (DefaultTimeRange is FortiView's).
	DefaultLogTimeRange time.Duration
	MaxTimeRange        time.Duration // 0 = no limit
}

// Defaults of the plugin's own options, documented in config/fortianalyzer.spc. The
// client's defaults (tasks, timeouts) are faz.Config's.
const (
	defaultADOM         = "root"
	defaultTimeRange    = 24 * time.Hour
	defaultLogTimeRange = time.Hour
	defaultMaxTimeRange = 31 * 24 * time.Hour
)

// optionErr names the option at fault and the form it accepts, in the client's error type
// so that every config error reads and matches the same.
func optionErr(option, format string, args ...any) error {
	return &faz.ConfigError{Param: option, Msg: fmt.Sprintf(format, args...)}
}

// configOf returns the parsed HCL config of a connection (the SDK hands it over by value;
// a pointer is accepted too).
func configOf(conn *plugin.Connection) *fortianalyzerConfig {
	switch c := conn.Config.(type) {
	case fortianalyzerConfig:
		return &c
	case *fortianalyzerConfig:
		if c != nil {
			return c
		}
	}
	return &fortianalyzerConfig{}
}

// resolveSettings resolves a connection's config (HCL, then environment, then defaults)
// and validates it without touching the network; env is injected for tests.
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
		Config: faz.Config{
			URL:            str(cfg.URL, "FORTIANALYZER_URL"),
			APIKey:         str(cfg.APIKey, "FORTIANALYZER_API_KEY"),
			Username:       str(cfg.Username, "FORTIANALYZER_USERNAME"),
			CAFile:         str(cfg.CAFile, "FORTIANALYZER_CA_FILE"),
			TLSServerName:  str(cfg.TLSServerName, "FORTIANALYZER_TLS_SERVER_NAME"),
			TLSFingerprint: str(cfg.TLSFingerprint, "FORTIANALYZER_TLS_FINGERPRINT"),
			Timezone:       str(cfg.Timezone, "FORTIANALYZER_TIMEZONE"),
		},
		ADOM: str(cfg.ADOM, "FORTIANALYZER_ADOM"),
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
		return nil, optionErr("url", "required: the appliance's base URL, e.g. https://faz.example.com (or set FORTIANALYZER_URL)")
	}

	if v := str(nil, "FORTIANALYZER_INSECURE_SKIP_VERIFY"); cfg.InsecureSkipVerify != nil {
		s.InsecureSkipVerify = *cfg.InsecureSkipVerify
	} else if v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, optionErr("insecure_skip_verify", "FORTIANALYZER_INSECURE_SKIP_VERIFY=%q is not true or false", v)
		}
		s.InsecureSkipVerify = b
	}

	// Parsing only: a duration option takes a positive value (max_time_range also 0); the
	// client's defaults apply to the ones not given.
	durations := []struct {
		option, env string
		v           *string
		dst         *time.Duration
		def         time.Duration
		allowZero   bool
	}{
		{"default_time_range", "FORTIANALYZER_DEFAULT_TIME_RANGE", cfg.DefaultTimeRange, &s.DefaultTimeRange, defaultTimeRange, false},
		{"default_log_time_range", "FORTIANALYZER_DEFAULT_LOG_TIME_RANGE", cfg.DefaultLogTimeRange, &s.DefaultLogTimeRange, defaultLogTimeRange, false},
		{"max_time_range", "FORTIANALYZER_MAX_TIME_RANGE", cfg.MaxTimeRange, &s.MaxTimeRange, defaultMaxTimeRange, true},
		{"task_timeout", "FORTIANALYZER_TASK_TIMEOUT", cfg.TaskTimeout, &s.TaskTimeout, 0, false},
		{"request_timeout", "FORTIANALYZER_REQUEST_TIMEOUT", cfg.RequestTimeout, &s.RequestTimeout, 0, false},
	}
	for _, d := range durations {
		raw := str(d.v, d.env)
		if raw == "" {
			*d.dst = d.def
			continue
		}
		v, err := parseDuration(raw)
		if err != nil || v < 0 || (v == 0 && !d.allowZero) {
			return nil, optionErr(d.option, "%q is not a positive duration such as 90s, 15m, 24h or 7d", raw)
		}
		*d.dst = v
	}
	if s.MaxTimeRange > 0 && s.DefaultTimeRange > s.MaxTimeRange {
		return nil, optionErr("default_time_range", "%s is longer than max_time_range (%s)", s.DefaultTimeRange, s.MaxTimeRange)
	}
	if s.MaxTimeRange > 0 && s.DefaultLogTimeRange > s.MaxTimeRange {
		return nil, optionErr("default_log_time_range", "%s is longer than max_time_range (%s)", s.DefaultLogTimeRange, s.MaxTimeRange)
	}

	if cfg.MaxConcurrentTasks != nil {
		s.MaxConcurrentTasks = *cfg.MaxConcurrentTasks
		if s.MaxConcurrentTasks == 0 { // 0 would mean the client's default
			return nil, optionErr("max_concurrent_tasks", "0 is out of range: a whole number from 1 to 64")
		}
	} else if v := str(nil, "FORTIANALYZER_MAX_CONCURRENT_TASKS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n == 0 {
			return nil, optionErr("max_concurrent_tasks", "FORTIANALYZER_MAX_CONCURRENT_TASKS=%q is not a whole number from 1 to 64", v)
		}
		s.MaxConcurrentTasks = n
	}
	if err := s.Config.Validate(); err != nil {
		return nil, err
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
