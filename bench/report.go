package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// report is everything one run measured, plus where it ran.
type report struct {
	Command     string
	Machine     machine
	Started     time.Time
	Took        time.Duration
	LoadStart   string // 1-minute load average when the run started
	LoadEnd     string // and when it ended
	Polling     []pollResult
	Streaming   []streamResult
	StreamNote  string // where the streaming simulator ran
	Client      []clientResult
	Decoders    []decoderResult
	Concurrency *concurrencyResult
	Slots       *slotsResult
}

// verdict is one target checked against a measurement.
type verdict struct {
	Target   string
	Measured string
	Pass     bool
	Skipped  bool // not measured in this run (e.g. -quick)
}

// writeMarkdown renders the report as Markdown tables.
func (r *report) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Command: `%s`  \n", r.Command)
	fmt.Fprintf(&b, "Machine: %s  \n", r.Machine)
	fmt.Fprintf(&b, "Run: %s, took %s; 1-minute load average %s at the start, %s at the end\n\n",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second), r.LoadStart, r.LoadEnd)
	r.writePolling(&b)
	r.writeStreaming(&b)
	r.writeClient(&b)
	r.writeConcurrency(&b)
	r.writeSlots(&b)
	b.WriteString("### Targets\n\n| Target | Measured | Result |\n|---|---|---|\n")
	for _, v := range r.verdicts() {
		res := "FAIL"
		switch {
		case v.Skipped:
			res = "not run"
		case v.Pass:
			res = "pass"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", v.Target, v.Measured, res)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *report) writePolling(b *strings.Builder) {
	if len(r.Polling) == 0 {
		return
	}
	fmt.Fprintf(b, "### Time to result: one FortiView task through SQL (`%s`), median of %d\n\n", pollQuery, r.Polling[0].Reps)
	b.WriteString("| Task | Poller | Wall / task | Overshoot (ms) | Polls per task | HTTP requests per query |\n|---:|---|---:|---:|---:|---:|\n")
	for _, p := range r.Polling {
		ratio := "-"
		if p.Task > 0 {
			ratio = fmt.Sprintf("%.3f", p.Ratio())
		}
		fmt.Fprintf(b, "| %s | %s | %s | %d | %.1f | %.0f |\n", fmtDur(p.Task), p.Poller, ratio, p.Overshoot().Milliseconds(), p.PollsPerTask, p.Requests)
	}
	b.WriteString("\n")
}

func (r *report) writeStreaming(b *strings.Builder) {
	if len(r.Streaming) == 0 {
		return
	}
	fmt.Fprintf(b, "### Streaming: `fortianalyzer_log`, instant tasks, one search per 1000-row page (%s)\n\n", r.StreamNote)
	b.WriteString("| Query | Rows | Wall (s) | Rows/s | SQL-side CPU (s) | Simulator CPU (s) | RSS before (MB) | Peak RSS (MB) | Peak Go heap (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range r.Streaming {
		simCPU := "-"
		if s.SimCPU >= 0 {
			simCPU = fmt.Sprintf("%.1f", s.SimCPU.Seconds())
		}
		fmt.Fprintf(b, "| %s | %d | %.2f | %.0f | %.1f | %s | %.1f | %.1f | %.1f |\n", s.Query, s.Rows, s.Wall.Seconds(), s.RowsPerSec(),
			s.CPU.Seconds(), simCPU, mb(s.BaseRSS), mb(s.PeakRSS), mb(int64(s.PeakHeap)))
	}
	b.WriteString("\n")
}

func (r *report) writeConcurrency(b *strings.Builder) {
	c := r.Concurrency
	if c == nil {
		return
	}
	fmt.Fprintf(b, "### Concurrency: `fortianalyzer_ioc_threat` over 3 ADOMs, tasks of %s, median of %d\n\n", fmtDur(c.Task), c.Reps)
	b.WriteString("| Query | Wall (s) | / one ADOM |\n|---|---:|---:|\n")
	for _, row := range []struct {
		name string
		d    time.Duration
	}{
		{"one ADOM (`adom = 'root'`)", c.One},
		{"`adom in ('root', 'Branch_Office', 'Data_Center')`", c.InList},
		{"aggregator over 3 connections, one per ADOM", c.Aggregator},
		{"the 3 one-ADOM queries one after another", c.Sequential},
	} {
		fmt.Fprintf(b, "| %s | %.3f | %.2f |\n", row.name, row.d.Seconds(), ratio(row.d, c.One))
	}
	b.WriteString("\n")
}

// verdicts checks every target of the issue against the measurements.
func (r *report) verdicts() []verdict {
	var out []verdict
	// Wall time for tasks of 1 s and longer.
	for _, p := range r.adaptive() {
		if p.Task < time.Second {
			continue
		}
		limit := p.Task + p.Task/20 + 100*time.Millisecond
		out = append(out, verdict{
			Target:   fmt.Sprintf("%s task: wall <= task + 5%% + 100 ms (%.3f s)", fmtDur(p.Task), limit.Seconds()),
			Measured: fmt.Sprintf("%.3f s (overshoot %d ms)", p.Wall.Seconds(), p.Overshoot().Milliseconds()),
			Pass:     p.Wall <= limit,
		})
	}
	if p, ok := r.pollAt(20*time.Second, 0); ok {
		out = append(out, verdict{Target: "20 s task: at most 12 polls", Measured: fmt.Sprintf("%.1f polls", p.PollsPerTask), Pass: p.PollsPerTask <= 12})
	} else {
		out = append(out, verdict{Target: "20 s task: at most 12 polls", Measured: "-", Skipped: true})
	}
	a, okA := r.pollAt(time.Second, 0)
	f, okF := r.pollAt(time.Second, 1)
	if okA && okF {
		out = append(out, verdict{
			Target: "1 s task: at least 2x faster than the 2 s poller (wall time)",
			Measured: fmt.Sprintf("%.2fx (%.3f s vs %.3f s); time after the task ended: %d ms vs %d ms",
				ratio(f.Wall, a.Wall), a.Wall.Seconds(), f.Wall.Seconds(), a.Overshoot().Milliseconds(), f.Overshoot().Milliseconds()),
			Pass: ratio(f.Wall, a.Wall) >= 2,
		})
	} else {
		out = append(out, verdict{Target: "1 s task: at least 2x faster than the 2 s poller", Measured: "-", Skipped: true})
	}
	out = append(out, r.memoryVerdicts()...)
	out = append(out, r.clientVerdicts()...)
	if c := r.Concurrency; c != nil {
		out = append(out,
			verdict{Target: "3 ADOMs (`adom IN`) at most 1.5x one ADOM", Measured: fmt.Sprintf("%.2fx", ratio(c.InList, c.One)), Pass: ratio(c.InList, c.One) <= 1.5},
			verdict{Target: "3 ADOMs (aggregator) at most 1.5x one ADOM", Measured: fmt.Sprintf("%.2fx", ratio(c.Aggregator, c.One)), Pass: ratio(c.Aggregator, c.One) <= 1.5})
	}
	if s := r.Slots; s != nil {
		out = append(out, verdict{Target: fmt.Sprintf("%d processes on %d slots: every one correct", s.Procs, s.Slots),
			Measured: fmt.Sprintf("%d / %d correct, %.2fx the time of one after another", s.OK, s.Procs, ratio(s.Parallel, s.Sequential)),
			Pass:     s.OK == s.Procs})
	}
	return out
}

// memoryVerdicts compares the smallest and largest stream of each query.
func (r *report) memoryVerdicts() []verdict {
	var out []verdict
	seen := map[string]bool{}
	for _, s := range r.Streaming {
		if seen[s.Query] {
			continue
		}
		seen[s.Query] = true
		lo, hi := s, s
		for _, t := range r.Streaming {
			if t.Query != s.Query {
				continue
			}
			if t.Rows < lo.Rows {
				lo = t
			}
			if t.Rows > hi.Rows {
				hi = t
			}
		}
		if lo.Rows == hi.Rows {
			continue
		}
		growth := hi.PeakRSS - lo.PeakRSS
		heap := int64(hi.PeakHeap) - int64(lo.PeakHeap)
		out = append(out, verdict{
			Target:   fmt.Sprintf("%s: peak memory grows < 50 MB from %s to %s rows", s.Query, fmtCount(lo.Rows), fmtCount(hi.Rows)),
			Measured: fmt.Sprintf("RSS %+.1f MB, Go heap %+.1f MB", mb(growth), mb(heap)),
			Pass:     growth < 50e6,
		})
	}
	return out
}

// adaptive returns the adaptive poller's rows (the first poller of each duration).
func (r *report) adaptive() []pollResult {
	var out []pollResult
	for _, p := range r.Polling {
		if p.Poller == defaultPollers()[0].Name {
			out = append(out, p)
		}
	}
	return out
}

// pollAt finds the result for task duration d and defaultPollers()[i].
func (r *report) pollAt(d time.Duration, i int) (pollResult, bool) {
	for _, p := range r.Polling {
		if p.Task == d && p.Poller == defaultPollers()[i].Name {
			return p, true
		}
	}
	return pollResult{}, false
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// fmtDur prints durations as the issue states them: 0.2 s, 1 s, 20 s; 0 is "instant".
func fmtDur(d time.Duration) string {
	if d == 0 {
		return "instant"
	}
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", d.Seconds()), "0"), ".") + " s"
}

// fmtCount prints 100000 as 100k and 1000000 as 1M.
func fmtCount(n int64) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func (r *report) writeClient(b *strings.Builder) {
	if len(r.Client) == 0 {
		return
	}
	fmt.Fprintf(b, "### Client alone: `SearchLogRecords`, root's traffic logs, both pagers in one run (%s)\n\n", r.StreamNote)
	b.WriteString("| Pager | Rows | Wall (s) | Rows/s | CPU (s) | CPU / row (us) | Searches | Slices | Peak RSS (MB) | Peak Go heap (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, c := range r.Client {
		fmt.Fprintf(b, "| %s | %d | %.2f | %.0f | %.1f | %.1f | %d | %d | %.1f | %.1f |\n", c.Pager, c.Rows, c.Wall.Seconds(), c.RowsPerSec(),
			c.CPU.Seconds(), float64(c.CPU.Microseconds())/float64(max(c.Rows, 1)), c.Searches, c.Slices, mb(c.PeakRSS), mb(int64(c.PeakHeap)))
	}
	b.WriteString("\n| Decoder, one 1000-row page | Rows/s |\n|---|---:|\n")
	for _, d := range r.Decoders {
		fmt.Fprintf(b, "| %s | %.0f |\n", d.Name, d.RowsPerSec)
	}
	b.WriteString("\n")
	for _, line := range r.clientRatios() {
		fmt.Fprintf(b, "- %s\n", line)
	}
	b.WriteString("\n")
}

// clientAt finds the client's result for pager at the largest size measured.
func (r *report) clientAt(pager string) (clientResult, bool) {
	var best clientResult
	ok := false
	for _, c := range r.Client {
		if c.Pager == pager && (!ok || c.Rows > best.Rows) {
			best, ok = c, true
		}
	}
	return best, ok
}

// clientRatios are the ratios the issue asks for, at the largest size.
func (r *report) clientRatios() []string {
	var out []string
	k, okK := r.clientAt("keyset")
	o, okO := r.clientAt("offset")
	if okK && okO && o.RowsPerSec() > 0 {
		out = append(out, fmt.Sprintf("keyset / offset pager, %s rows: %.2fx rows/s", fmtCount(k.Rows), k.RowsPerSec()/o.RowsPerSec()))
	}
	if okK && len(r.Decoders) > 0 && r.Decoders[0].RowsPerSec > 0 {
		out = append(out, fmt.Sprintf("client (keyset) / its decoder alone: %.2f (decoder %.0f rows/s on one core)", k.RowsPerSec()/r.Decoders[0].RowsPerSec, r.Decoders[0].RowsPerSec))
	}
	if len(r.Decoders) > 1 && r.Decoders[1].RowsPerSec > 0 {
		out = append(out, fmt.Sprintf("decoder / encoding/json + re-marshal: %.2fx", r.Decoders[0].RowsPerSec/r.Decoders[1].RowsPerSec))
	}
	if okK {
		for _, s := range r.Streaming {
			if s.Query == streamQueries[0].Name && s.Rows == k.Rows && k.RowsPerSec() > 0 {
				out = append(out, fmt.Sprintf("plugin through the embedded engine (%s) / client, %s rows: %.2f", s.Query, fmtCount(s.Rows), s.RowsPerSec()/k.RowsPerSec()))
			}
		}
	}
	return out
}

// clientVerdicts: keyset at least 2x the offset pager, and the client's memory flat.
func (r *report) clientVerdicts() []verdict {
	var out []verdict
	k, okK := r.clientAt("keyset")
	o, okO := r.clientAt("offset")
	if okK && okO && o.RowsPerSec() > 0 {
		x := k.RowsPerSec() / o.RowsPerSec()
		out = append(out, verdict{Target: fmt.Sprintf("client, %s rows: keyset pager >= 2x the offset pager's rows/s", fmtCount(k.Rows)),
			Measured: fmt.Sprintf("%.2fx (%.0f vs %.0f rows/s)", x, k.RowsPerSec(), o.RowsPerSec()), Pass: x >= 2})
	}
	if okK && k.RowsPerSec() > 0 {
		for _, s := range r.Streaming {
			if s.Query == streamQueries[0].Name && s.Rows == k.Rows {
				x := s.RowsPerSec() / k.RowsPerSec()
				out = append(out, verdict{Target: fmt.Sprintf("%s rows: the plugin through the embedded engine (%s) reads >= 0.8x the client's rows/s", fmtCount(k.Rows), s.Query),
					Measured: fmt.Sprintf("%.2fx (%.0f vs %.0f rows/s)", x, s.RowsPerSec(), k.RowsPerSec()), Pass: x >= 0.8})
			}
		}
	}
	var lo, hi clientResult
	for _, c := range r.Client {
		if c.Pager != "keyset" {
			continue
		}
		if lo.Rows == 0 || c.Rows < lo.Rows {
			lo = c
		}
		if c.Rows > hi.Rows {
			hi = c
		}
	}
	if lo.Rows > 0 && hi.Rows > lo.Rows {
		growth := hi.PeakRSS - lo.PeakRSS
		out = append(out, verdict{Target: fmt.Sprintf("client (keyset): peak memory grows < 50 MB from %s to %s rows", fmtCount(lo.Rows), fmtCount(hi.Rows)),
			Measured: fmt.Sprintf("RSS %+.1f MB, Go heap %+.1f MB", mb(growth), mb(int64(hi.PeakHeap)-int64(lo.PeakHeap))), Pass: growth < 50e6})
	}
	return out
}
