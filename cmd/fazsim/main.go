// Command fazsim runs the FortiAnalyzer simulator as a standalone server.
//
//	go run ./cmd/fazsim -listen 127.0.0.1:8443 -tls
//
// It prints the URL, the accepted username/password and API key, and stops
// cleanly on SIGINT or SIGTERM. Run with -h for every flag.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "fazsim:", err)
		os.Exit(2)
	}
}

// config is the parsed command line.
type config struct {
	listen string
	tls    bool
	opts   fazsim.Options
}

// parseFlags turns arguments into a config; errors name the flag.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var (
		cfg     config
		end     string
		users   string
		keys    string
		faults  string
		fs      = flag.NewFlagSet("fazsim", flag.ContinueOnError)
		o       = &cfg.opts
		maxReqs int
	)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.listen, "listen", "127.0.0.1:8443", "address to listen on (host must be 127.0.0.1 or localhost; port 0 picks a free one)")
	fs.BoolVar(&cfg.tls, "tls", false, "serve HTTPS with a generated self-signed certificate (CN = appliance serial, no SAN), like the stock FAZ certificate")
	fs.StringVar(&o.Dialect, "dialect", "real", `response dialect: "real" (FAZ 7.4-8.0 shapes) or "examples" (the public API examples' shapes; "seed" is its former name)`)
	fs.Int64Var(&o.Seed, "data-seed", 1, "random seed of the generated data (and of the fault plan's randomness); same seed and -end give the same data")
	fs.Int64Var(&o.Seed, "seed", 1, "former name of -data-seed")
	fs.StringVar(&end, "end", "", "newest log time, RFC 3339 (e.g. 2026-11-22T08:00:00Z); default now truncated to the minute")
	fs.DurationVar(&o.Window, "window", 7*24*time.Hour, "span of generated logs ending at -end")
	fs.IntVar(&o.LogRows, "rows", 200_000, "total log rows generated over the window (all ADOMs and log types; millions are fine)")
	fs.StringVar(&users, "users", "admin:fortinet", "accepted logins, comma-separated user:password pairs")
	fs.StringVar(&keys, "api-keys", "fazsim-api-key", "accepted API keys (Authorization: Bearer or ?access_token=), comma-separated")
	fs.StringVar(&o.Timezone, "timezone", "Europe/Brussels", "appliance time zone (IANA); zone-less time-range strings are read in it")
	fs.Float64Var(&o.TaskTimeScale, "task-scale", 1, "multiplier on modelled task durations (1s + rows/throughput); 0 = tasks finish instantly")
	fs.IntVar(&o.TaskThroughput, "task-throughput", 2_000_000, "rows per second the duration model scans")
	fs.DurationVar(&o.RegisterDelay, "register-delay", 0, "time after a log-search add during which get answers -32005 (default 300ms x task-scale)")
	fs.DurationVar(&o.TaskTTL, "task-ttl", 10*time.Minute, "finished tasks expire (and free their slot) after this")
	fs.DurationVar(&o.SessionIdle, "session-idle", 0, "expire sessions after this idle time (0 = never)")
	fs.IntVar(&maxReqs, "session-max-requests", 0, "expire sessions after this many requests (0 = unlimited)")
	fs.IntVar(&o.SearchSlots, "slots", 8, "concurrent log-search + FortiView tasks before 'No available slot for searching'")
	fs.StringVar(&faults, "faults", "", "fault plan (syntax below); deterministic for a given -data-seed")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: fazsim [flags]\n\nA simulated FortiAnalyzer answering POST /jsonrpc.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nFault plan (-faults):\n%s\n", fazsim.FaultPlanSyntax)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (flags only; see -h)", fs.Arg(0))
	}
	o.SessionMaxRequests = maxReqs
	if end != "" {
		t, err := time.Parse(time.RFC3339, end)
		if err != nil {
			return cfg, fmt.Errorf("-end %q: want RFC 3339, e.g. 2026-11-22T08:00:00Z", end)
		}
		o.End = t
	}
	o.Users = map[string]string{}
	for _, pair := range strings.Split(users, ",") {
		u, p, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok || u == "" {
			return cfg, fmt.Errorf("-users: want user:password pairs separated by commas")
		}
		o.Users[u] = p
	}
	o.APIKeys = []string{}
	for _, k := range strings.Split(keys, ",") {
		if k = strings.TrimSpace(k); k != "" {
			o.APIKeys = append(o.APIKeys, k)
		}
	}
	if faults != "" {
		f, err := fazsim.ParseFaultPlan(faults)
		if err != nil {
			return cfg, fmt.Errorf("-faults: %v", err)
		}
		o.Faults = f
	}
	host, _, err := net.SplitHostPort(cfg.listen)
	if err != nil {
		return cfg, fmt.Errorf("-listen %q: want host:port", cfg.listen)
	}
	if host != "127.0.0.1" && host != "localhost" {
		return cfg, fmt.Errorf("-listen %q: the simulator binds to 127.0.0.1 only", cfg.listen)
	}
	return cfg, nil
}

// run starts the server and blocks until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	sim, err := fazsim.NewChecked(cfg.opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return err
	}
	scheme := "http"
	if cfg.tls {
		cert, err := fazsim.SelfSignedCertificate(sim.ApplianceSerial())
		if err != nil {
			ln.Close()
			return err
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		scheme = "https"
	}
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	o := sim.Options()
	fmt.Fprintf(stdout, "fazsim: FortiAnalyzer simulator (%s dialect, data seed %d, %d log rows, %s .. %s)\n",
		o.Dialect, o.Seed, o.LogRows, sim.Data().Start().Format(time.RFC3339), sim.Data().End().Format(time.RFC3339))
	fmt.Fprintf(stdout, "URL:      %s://%s/jsonrpc\n", scheme, ln.Addr())
	for u, p := range o.Users {
		fmt.Fprintf(stdout, "login:    %s / %s\n", u, p)
	}
	for _, k := range o.APIKeys {
		fmt.Fprintf(stdout, "API key:  %s\n", k)
	}
	if cfg.tls {
		fmt.Fprintf(stdout, "TLS:      self-signed, CN=%s, no SAN\n", sim.ApplianceSerial())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "fazsim: stopped")
	return nil
}
