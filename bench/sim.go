package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// simulator is a running FortiAnalyzer simulator, in this process or in its own.
type simulator struct {
	URL  string         // base URL, without /jsonrpc
	Sim  *fazsim.Server // the in-process simulator; nil when it runs as a separate process
	PID  int            // the simulator's process id when it runs as a separate process
	stop func()
	// exit reports how a separate simulator process ended, once it has; nil in-process.
	exit func() (string, bool)
}

// Explain adds to err how the simulator process ended, when it ended before being asked
// to: a query failing with "connection refused" means little without it.
func (s *simulator) Explain(err error) error {
	if err == nil || s.exit == nil {
		return err
	}
	if how, ended := s.exit(); ended {
		return fmt.Errorf("%w (the simulator process had ended: %s)", err, how)
	}
	return err
}

// CPU is the CPU time the simulator's own process has used; false when it runs in-process
// (its work is then part of this process's CPU time).
func (s *simulator) CPU() (time.Duration, bool) {
	if s.PID == 0 {
		return 0, false
	}
	d, err := processCPU(s.PID)
	return d, err == nil
}

// Close stops the simulator.
func (s *simulator) Close() { s.stop() }

// inProcessSim serves a simulator from this process on a loopback port.
func inProcessSim(opts fazsim.Options) *simulator {
	sim := fazsim.New(opts)
	srv := httptest.NewServer(sim)
	return &simulator{URL: srv.URL, Sim: sim, stop: srv.Close}
}

// externalSim starts bin/fazsim (path) as a separate process with instant tasks, so the
// streaming benchmark's memory figures are this process's alone: the simulator holds its
// own copy of the generated data and encodes every page.
func externalSim(ctx context.Context, path string, rows int, window time.Duration, end time.Time) (*simulator, error) {
	cmd := exec.Command(path, "-listen", "127.0.0.1:0", "-task-scale", "0",
		"-rows", strconv.Itoa(rows), "-window", window.String(), "-end", end.UTC().Format(time.RFC3339))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s (run `make bins` first, or pass -sim ''): %w", path, err)
	}
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	exit := func() (string, bool) {
		select {
		case <-done:
			if waitErr != nil {
				return waitErr.Error(), true
			}
			return "exit status 0", true
		default:
			return "", false
		}
	}
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		started := false
		for sc.Scan() {
			line := sc.Text()
			if f := strings.Fields(line); !started && len(f) == 2 && f[0] == "URL:" {
				started = true
				urls <- strings.TrimSuffix(f[1], "/jsonrpc")
				continue
			}
			if started && !strings.HasPrefix(line, "login:") && !strings.HasPrefix(line, "API key:") && !strings.HasPrefix(line, "TLS:") {
				// After start-up the simulator only speaks when something is wrong
				// (or when it stops): pass that on.
				fmt.Fprintln(os.Stderr, "bench: simulator:", line)
			}
		}
	}()
	select {
	case u := <-urls:
		return &simulator{URL: u, PID: cmd.Process.Pid, stop: stop, exit: exit}, nil
	case <-done:
		return nil, errors.New("the simulator exited before printing its URL")
	case <-time.After(60 * time.Second):
		stop()
		return nil, errors.New("the simulator did not print its URL within 60s")
	case <-ctx.Done():
		stop()
		return nil, ctx.Err()
	}
}

// inProcessSimRows is the streaming simulator served from this process (no binary at hand).
func inProcessSimRows(rows int) *simulator {
	return inProcessSim(fazsim.Options{LogRows: rows, End: streamEnd, Window: streamWindow})
}
