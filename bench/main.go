// Command bench measures the plugin end to end through SQL against the simulator: time to
// result and appliance load of task-backed queries under the adaptive poller and fixed
// 2 s and 0.5 s pollers, streaming throughput and peak memory of large log queries, and
// three ADOMs queried in parallel versus one after another. It prints Markdown tables and
// a pass/fail line per target of issue #6. `make bench` runs it; see BENCHMARKS.md.
//
//	go run ./bench [-quick] [-reps 3] [-sim bin/fazsim] [-o BENCHMARKS.md]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// config is what one run measures.
type config struct {
	Durations   []time.Duration // modelled FortiView task durations for the poller table
	Reps        int             // repetitions per (duration, poller); the median is reported
	StreamSizes []int           // log rows streamed through SQL
	ConcTask    time.Duration   // task duration for the concurrency comparison
	SimPath     string          // bin/fazsim for the streaming simulator; "" = in-process
	FazsqlPath  string          // bin/fazsql, run as separate processes by the slots section
	Output      string          // also write the report here
	Only        map[string]bool // sections to run (poll, stream, conc); empty = all
	CPUProfile  string          // write a CPU profile of the run here
	MemProfile  string          // write a heap profile at the end of the run here
	Command     string          // the command line, for the report
}

// fullConfig is `make bench`; quickConfig is -quick, a smoke run of a minute or so.
func fullConfig() config {
	return config{
		Durations:   []time.Duration{200 * time.Millisecond, time.Second, 5 * time.Second, 20 * time.Second},
		Reps:        3,
		StreamSizes: []int{100_000, 1_000_000},
		ConcTask:    time.Second,
		SimPath:     "bin/fazsim",
		FazsqlPath:  "bin/fazsql",
	}
}

func quickConfig() config {
	c := fullConfig()
	c.Durations = []time.Duration{200 * time.Millisecond, time.Second, 5 * time.Second}
	c.Reps = 1
	c.StreamSizes = []int{10_000, 100_000}
	return c
}

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "smoke run: no 20 s tasks, one repetition, streams of 10k and 100k rows")
	reps := fs.Int("reps", 0, "repetitions per task duration and poller, median reported (default 3, 1 with -quick)")
	sim := fs.String("sim", "bin/fazsim", "simulator binary for the streaming benchmark, run as its own process so its memory is not counted; empty = in-process")
	out := fs.String("o", "", "also write the report to this file; if it holds <!-- bench:begin --> and <!-- bench:end --> markers, only the text between them is replaced")
	only := fs.String("only", "", "comma-separated sections to run: poll, stream, client, conc, slots (default all)")
	cpuProf := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	memProf := fs.String("memprofile", "", "write a heap profile, taken after the streaming section, to this file")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./bench [flags]\n\nEnd-to-end benchmarks of the plugin through SQL against the simulator (issue #6).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q: bench takes flags only (-quick, -reps N, -sim PATH, -o FILE)", fs.Arg(0))
	}
	c := fullConfig()
	if *quick {
		c = quickConfig()
	}
	if *reps < 0 {
		return config{}, fmt.Errorf("-reps %d: want a positive number of repetitions", *reps)
	}
	if *reps > 0 {
		c.Reps = *reps
	}
	c.SimPath, c.Output, c.CPUProfile, c.MemProfile = *sim, *out, *cpuProf, *memProf
	if *only != "" {
		c.Only = map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			s = strings.TrimSpace(s)
			if s != "poll" && s != "stream" && s != "client" && s != "conc" && s != "slots" {
				return config{}, fmt.Errorf("-only %q: want a comma-separated list of poll, stream, client, conc, slots", *only)
			}
			c.Only[s] = true
		}
	}
	c.Command = strings.TrimSpace("go run ./bench " + strings.Join(args, " "))
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	r, err := measure(ctx, c, func(s string) { fmt.Fprintln(stderr, "bench:", s) })
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := r.writeMarkdown(&b); err != nil {
		return err
	}
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		return err
	}
	if c.Output != "" {
		return writeOutput(c.Output, b.String())
	}
	return nil
}

// measure runs every benchmark of c.
func measure(ctx context.Context, c config, progress func(string)) (*report, error) {
	r := &report{Command: c.Command, Machine: thisMachine(), Started: time.Now(), LoadStart: loadAverage()}
	if c.CPUProfile != "" {
		stop, err := startCPUProfile(c.CPUProfile)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	var err error
	// Streaming runs first: every engine opened leaves about 40 MB behind (see
	// BENCHMARKS.md), which would otherwise sit in the streaming section's RSS.
	start := func(ctx context.Context, rows int) (*simulator, error) {
		if c.SimPath == "" {
			return inProcessSimRows(rows), nil
		}
		return externalSim(ctx, c.SimPath, rows, streamWindow, streamEnd)
	}
	r.StreamNote = "simulator in its own process (" + c.SimPath + "): memory is the SQL side's alone"
	if c.SimPath == "" {
		r.StreamNote = "simulator in-process: memory includes its data and encoding"
	}
	if c.runs("stream") {
		if r.Streaming, err = runStreaming(ctx, start, c.StreamSizes, progress); err != nil {
			return nil, err
		}
		if c.MemProfile != "" {
			if err := writeHeapProfile(c.MemProfile); err != nil {
				return nil, err
			}
		}
	}
	if c.runs("client") {
		// The client alone on the same data: both pagers side by side, and its decoder.
		if r.Client, r.Decoders, err = runClient(ctx, start, c.StreamSizes, progress); err != nil {
			return nil, err
		}
	}
	if c.runs("poll") {
		if r.Polling, err = runPolling(ctx, c.Durations, defaultPollers(), c.Reps, progress); err != nil {
			return nil, err
		}
	}
	if c.runs("conc") {
		conc, err := runConcurrency(ctx, c.ConcTask, c.Reps, progress)
		if err != nil {
			return nil, err
		}
		r.Concurrency = &conc
	}
	if c.runs("slots") {
		// Eight processes on four slots: issue 12 saw up to 8 of 8 fail with "No available slot".
		// Tasks of 3 s: longer than the spread of eight process start-ups, so they overlap.
		sl, err := runSlots(ctx, c.FazsqlPath, 8, 4, 3*c.ConcTask, progress)
		if err != nil {
			return nil, err
		}
		r.Slots = &sl
	}
	r.Took, r.LoadEnd = time.Since(r.Started), loadAverage()
	return r, nil
}

// runs reports whether section is part of this run.
func (c config) runs(section string) bool { return len(c.Only) == 0 || c.Only[section] }

// writeOutput writes the report to path, between the markers when the file has them.
func writeOutput(path, text string) error {
	const begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
	old, err := os.ReadFile(path)
	if err == nil {
		s := string(old)
		i, j := strings.Index(s, begin), strings.Index(s, end)
		if i >= 0 && j > i {
			text = s[:i+len(begin)] + "\n" + text + "\n" + s[j:]
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
