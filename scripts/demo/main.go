// Command demo is `make demo`: it starts the simulator on a free loopback port, runs the
// seed documents' use cases through the fazsql CLI, and stops the simulator whatever
// happens. It expects bin/fazsim and bin/fazsql (the Makefile builds them).
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim/simtask"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type useCase struct {
	title, sql string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	real, err := startSim(ctx, "real")
	if err != nil {
		return err
	}
	defer real.stop()
	seed, err := startSim(ctx, "seed")
	if err != nil {
		return err
	}
	defer seed.stop()

	fmt.Printf("Simulated FortiAnalyzer (7.4-8.0 dialect) at %s, user admin\n", real.base)
	fmt.Printf("Simulated FortiAnalyzer (seed documents' dialect) at %s\n\n", seed.base)

	now := time.Now()
	tid, err := simtask.Add(ctx, real.base, "top-sources", now.Add(-24*time.Hour), now)
	if err != nil {
		return fmt.Errorf("creating a task to fetch by id: %w", err)
	}

	cases := []useCase{
		{"Top bandwidth consumers of the last 24 hours",
			`select rank, srcip, hostname, user_name, sessions, round(bytes / 1048576.0, 1) as mib, round(bits_per_second / 1000, 1) as kbps
			 from fortianalyzer_top_source order by rank limit 10`},
		{fmt.Sprintf("Results of a task another tool created (tid %d), fetched by id", tid),
			fmt.Sprintf(`select rank, srcip, hostname, sessions, bytes from fortianalyzer_top_source where tid = %d order by rank limit 5`, tid)},
		// The CTE is materialized so the top-sources task runs once for the window, instead of
		// once per endpoint with the endpoint pushed into its filter.
		{"Incident investigation: critical and high threats between 2 and 1 hours ago, and the top talkers behind them",
			`with s as materialized (
			   select srcip, hostname, sessions from fortianalyzer_top_source
			   where start_time = datetime('now', '-2 hours') and end_time = datetime('now', '-1 hour'))
			 select t.threat, t.severity, t.incidents, s.srcip, s.hostname, s.sessions
			 from fortianalyzer_ioc_threat t, json_each(t.sources) ip, s
			 where t.start_time = datetime('now', '-2 hours') and t.end_time = datetime('now', '-1 hour')
			   and t.threat_level >= 3 and s.srcip = ip.value
			 order by t.threat_level desc, s.sessions desc`},
		{"Daily threat summary by severity (yesterday, UTC)",
			`select severity, count(*) as threats, sum(incidents) as incidents, sum(blocked) as blocked
			 from fortianalyzer_ioc_threat
			 where start_time = datetime('now', 'start of day', '-1 day') and end_time = datetime('now', 'start of day')
			 group by severity order by max(threat_level) desc`},
		{"Threats detected but never blocked (last 7 days) and the endpoints that hit them",
			`select threat, threat_type, severity, detected, sources
			 from fortianalyzer_ioc_threat
			 where start_time = datetime('now', '-7 days') and detected > 0 and blocked = 0
			 order by threat_level desc, detected desc`},
		{"Threats seen in more than one ADOM (one task per ADOM, in parallel)",
			`select threat, count(distinct adom) as adoms, sum(incidents) as incidents, group_concat(adom, ', ') as seen_in
			 from fortianalyzer_ioc_threat where adom in ('root', 'Branch_Office', 'Data_Center')
			 group by threat having count(distinct adom) > 1 order by adoms desc, incidents desc`},
		{"IOC analysis combined with UEBA endpoint data (last 7 days): who is behind each high or critical threat",
			`select t.threat, t.severity, u.ip, u.hostname, u.user_names, u.detecting_unit, u.risk_score
			 from fortianalyzer_ioc_threat t, json_each(t.sources) ip, fortianalyzer_ueba_endpoint u
			 where t.start_time = datetime('now', '-7 days') and t.threat_level >= 3 and u.ip = ip.value
			 order by t.threat, u.endpoint_id`},
		{"Devices silent for more than an hour, in every ADOM (FortiAnalyzer's log statistics)",
			`select adom, device_name, device_serial, vdom, last_log_time, logging_mode
			 from fortianalyzer_device_log_status
			 where adom in ('root', 'Branch_Office', 'Data_Center') and last_log_time < datetime('now', '-1 hour')
			 order by last_log_time`},
		{"The 10 latest denied sessions: one log search of 10 rows (ORDER BY and LIMIT go to the appliance)",
			`select log_time, srcip, dstip, dstport, policy_id, device_name
			 from fortianalyzer_traffic_log where action = 'deny'
			 order by log_time desc limit 10`},
		{"IPS attacks of the last hour, by signature and severity",
			`select attack, severity, count(*) as hits, count(distinct srcip) as sources
			 from fortianalyzer_ips_log group by attack, severity order by hits desc limit 10`},
		{"IOC hits on one suspicious device (FGT60F3X17000001)",
			`select threat, severity, incidents, blocked from fortianalyzer_ioc_threat
			 where device = 'FGT60F3X17000001' order by threat_weight desc`},
	}
	for _, c := range cases {
		if err := real.query(ctx, c); err != nil {
			return err
		}
	}
	return seed.query(ctx, useCase{
		"The same top-sources question against the seed documents' dialect",
		`select rank, srcip, hostname, sessions, round(bytes / 1048576.0, 1) as mib, bits_per_second as bps
		 from fortianalyzer_top_source order by rank limit 5`})
}

// sim is a running bin/fazsim.
type sim struct {
	cmd  *exec.Cmd
	base string
}

func startSim(ctx context.Context, dialect string) (*sim, error) {
	cmd := exec.Command("bin/fazsim", "-listen", "127.0.0.1:0", "-dialect", dialect,
		"-rows", "1000000", "-task-scale", "0.3")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting bin/fazsim (run `make demo`, which builds it): %w", err)
	}
	s := &sim{cmd: cmd}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "URL:" {
				urls <- strings.TrimSuffix(f[1], "/jsonrpc")
			}
		}
	}()
	select {
	case s.base = <-urls:
		return s, nil
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, errors.New("the simulator did not print its URL within 30s")
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

func (s *sim) stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = s.cmd.Process.Kill()
		}
	}
}

func (s *sim) query(ctx context.Context, c useCase) error {
	fmt.Printf("== %s\n", c.title)
	sql := strings.Join(strings.Fields(c.sql), " ")
	fmt.Printf("   %s\n\n", sql)
	cmd := exec.CommandContext(ctx, "bin/fazsql", sql)
	cmd.Env = append(os.Environ(),
		"FORTIANALYZER_URL="+s.base, "FORTIANALYZER_USERNAME=admin", "FORTIANALYZER_PASSWORD=fortinet",
		"FORTIANALYZER_API_KEY=", "FORTIANALYZER_ADOM=root")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", c.title, err)
	}
	fmt.Printf("   (%.2fs)\n\n", time.Since(start).Seconds())
	return nil
}
