package faz

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
)

// Defaults applied to zero Config fields; the user-facing ones are documented in
// README.md and config/fortianalyzer.spc.
const (
	defaultMaxConcurrentTasks = 4
	maxConcurrentTasksLimit   = 64
	defaultRequestTimeout     = 30 * time.Second
	defaultTaskTimeout        = 5 * time.Minute
	defaultPollFloor          = 50 * time.Millisecond
	defaultPollCap            = 5 * time.Second
	defaultMaxRetries         = 4
	defaultTaskRecreates      = 2
)

// Config describes one connection to one FortiAnalyzer. Exactly one of APIKey
// or Username/Password must be set.
type Config struct {
	// URL is the appliance base URL, e.g. https://faz.example.com or
	// https://10.0.0.5:8443; "/jsonrpc" is appended when missing.
	URL string
	// APIKey is sent as "Authorization: Bearer <key>" on every call.
	APIKey string
	// Username and Password open a session (exec /sys/login/user), renewed
	// transparently once per failed call when the appliance answers -11.
	Username, Password string

	// CAFile is a PEM bundle trusted instead of the system roots.
	CAFile string
	// TLSServerName is the name the certificate must carry. For the stock
	// certificate (CN = serial, no SAN) the CN is compared.
	TLSServerName string
	// TLSFingerprint pins the SHA-256 of the leaf certificate (64 hex digits,
	// colons allowed); when set, it replaces chain and name verification.
	TLSFingerprint string
	// InsecureSkipVerify disables all certificate checks (logged as a warning).
	InsecureSkipVerify bool

	// Timezone is an IANA zone overriding the appliance's own (/sys/status).
	Timezone string
	// MaxConcurrentTasks bounds the server tasks (FortiView runs, log
	// searches) this client keeps open at once, across all queries: 1-64,
	// 0 means 4.
	MaxConcurrentTasks int
	// RequestTimeout bounds one HTTP request (0 means 30s); TaskTimeout
	// bounds one task from creation to its last row (0 means 5m).
	RequestTimeout, TaskTimeout time.Duration
	// PollFloor and PollCap bound the wait between two polls of a task.
	PollFloor, PollCap time.Duration
	// PollPolicy chooses poll times; nil means adaptive polling.
	PollPolicy PollPolicy
	// MaxRetries bounds retries of one call (transport errors, HTTP 5xx, no
	// free slot); 0 means 4, negative disables retries.
	MaxRetries int
	// TaskRecreates bounds how often a task that expires or turns invalid
	// mid-run is created again; 0 means 2, negative none.
	TaskRecreates int

	// LogPaging chooses the log-search pager: "keyset" (the default, "" too) pages on
	// the receive time and neither repeats nor skips rows while logs arrive; "offset" is
	// the pager before it (re-runs the window at growing offsets), kept so tests and
	// benchmarks can compare the two. Not a connection option of the plugin.
	LogPaging string

	// Transport replaces the HTTP transport (tests, proxies). When set, the
	// TLS fields above are not applied to it.
	Transport http.RoundTripper
	// Logger receives debug and warning logs; secrets never reach it.
	Logger hclog.Logger
	// Observer, when set, is called after every poll of a task.
	Observer func(Progress)
}

// Progress is one observation of a server task, for progress displays.
type Progress struct {
	Kind       string // "fortiview" or "logsearch"
	ADOM, View string // View is the FortiView name or the log type
	TID        int
	Percentage int
	Done       bool
}

// Validate checks the config as New would, without building a client or
// touching the network: every option, including the CA file's content. The
// error is a *ConfigError naming the option. The plugin calls it when a
// connection is loaded, so that a bad value fails then rather than at the
// first query.
func (c Config) Validate() error {
	if _, err := c.validate(); err != nil {
		return err
	}
	c.Logger = hclog.NewNullLogger() // New warns; validating is silent
	_, err := tlsConfig(&c)
	return err
}

// validate checks the config and fills defaults; it never touches the network.
func (c *Config) validate() (*url.URL, error) {
	if strings.TrimSpace(c.URL) == "" {
		return nil, paramErr("url", "required, e.g. https://faz.example.com")
	}
	u, err := url.Parse(strings.TrimSpace(c.URL))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		got := "" // an unparsable URL is not echoed: it may carry credentials
		if err == nil {
			got = fmt.Sprintf(", got %q", u.Redacted())
		}
		return nil, paramErr("url", "want an absolute http(s) URL such as https://faz.example.com[:port]%s", got)
	}
	if u.User != nil {
		return nil, paramErr("url", "must not carry credentials (user:password@); use api_key or username/password")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(u.Path, "/jsonrpc") {
		u.Path += "/jsonrpc"
	}
	u.RawQuery, u.Fragment = "", ""
	hasKey := c.APIKey != ""
	hasUser := c.Username != "" || c.Password != ""
	switch {
	case hasKey && hasUser:
		return nil, paramErr("api_key", "set either api_key or username/password, not both")
	case !hasKey && !hasUser:
		return nil, paramErr("api_key", "credentials required: set api_key, or username and password")
	case hasUser && (c.Username == "" || c.Password == ""):
		return nil, paramErr("username", "username and password must both be set")
	}
	if u.Scheme == "http" && c.Transport == nil {
		// Over plain HTTP the TLS options would be silently ignored and the
		// credentials sent in clear text: refuse rather than pretend.
		var tlsOpts []string
		for _, o := range []struct {
			name string
			set  bool
		}{{"ca_file", c.CAFile != ""}, {"tls_server_name", c.TLSServerName != ""}, {"tls_fingerprint", c.TLSFingerprint != ""}, {"insecure_skip_verify", c.InsecureSkipVerify}} {
			if o.set {
				tlsOpts = append(tlsOpts, o.name)
			}
		}
		if len(tlsOpts) > 0 {
			return nil, paramErr(tlsOpts[0], "%s only apply to https:// URLs, and url is http://; use https:// (or drop the TLS options)", strings.Join(tlsOpts, ", "))
		}
	}
	if c.TLSFingerprint != "" {
		if _, err := parseFingerprint(c.TLSFingerprint); err != nil {
			return nil, err
		}
		if c.InsecureSkipVerify {
			return nil, paramErr("insecure_skip_verify", "cannot be combined with tls_fingerprint: the pin already trusts the appliance's certificate")
		}
	}
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			return nil, paramErr("timezone", "want an IANA zone name such as Europe/Brussels or UTC, got %q", c.Timezone)
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"request_timeout", c.RequestTimeout}, {"task_timeout", c.TaskTimeout}, {"poll_floor", c.PollFloor}, {"poll_cap", c.PollCap}} {
		if d.v < 0 {
			return nil, paramErr(d.name, "must not be negative, got %s", d.v)
		}
	}
	if c.MaxConcurrentTasks < 0 || c.MaxConcurrentTasks > maxConcurrentTasksLimit {
		return nil, paramErr("max_concurrent_tasks", "want a whole number from 1 to %d (default %d), got %d", maxConcurrentTasksLimit, defaultMaxConcurrentTasks, c.MaxConcurrentTasks)
	}
	if c.MaxConcurrentTasks == 0 {
		c.MaxConcurrentTasks = defaultMaxConcurrentTasks
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = defaultRequestTimeout
	}
	if c.TaskTimeout == 0 {
		c.TaskTimeout = defaultTaskTimeout
	}
	if c.PollFloor == 0 {
		c.PollFloor = defaultPollFloor
	}
	if c.PollCap == 0 {
		c.PollCap = defaultPollCap
	}
	if c.PollCap < c.PollFloor {
		return nil, paramErr("poll_cap", "must be at least poll_floor (%s), got %s", c.PollFloor, c.PollCap)
	}
	if c.MaxRetries == 0 {
		c.MaxRetries = defaultMaxRetries
	} else if c.MaxRetries < 0 {
		c.MaxRetries = 0
	}
	if c.TaskRecreates == 0 {
		c.TaskRecreates = defaultTaskRecreates
	} else if c.TaskRecreates < 0 {
		c.TaskRecreates = 0
	}
	switch c.LogPaging {
	case "":
		c.LogPaging = pagingKeyset
	case pagingKeyset, pagingOffset:
	default:
		return nil, paramErr("log_paging", "want %q or %q, got %q", pagingKeyset, pagingOffset, c.LogPaging)
	}
	if c.PollPolicy == nil {
		c.PollPolicy = adaptivePoll()
	}
	if c.Logger == nil {
		c.Logger = hclog.NewNullLogger()
	}
	return u, nil
}
