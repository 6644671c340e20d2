package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// streamEnd and streamWindow fix the streaming simulator's data, so runs are comparable.
var (
	streamEnd    = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	streamWindow = 7 * 24 * time.Hour
)

// streamQuery is one shape of large query: how it reaches the engine.
type streamQuery struct {
	Name string
	// SQL takes the window's bounds and the row count N; it must return N rows' count.
	SQL func(start, end string, n int) string
}

// streamQueries: all rows counted, and all rows passing a predicate that the plugin cannot
// push down, so the engine evaluates it on every row.
var streamQueries = []streamQuery{
	{Name: "count(*)", SQL: func(start, end string, n int) string {
		return fmt.Sprintf(`select count(*) from (select log_id from fortianalyzer_log
			where start_time = '%s' and end_time = '%s' limit %d)`, start, end, n)
	}},
	{Name: "count(*) where engine re-checks", SQL: func(start, end string, n int) string {
		return fmt.Sprintf(`select count(*) from (select log_id from fortianalyzer_log
			where start_time = '%s' and end_time = '%s' and sent_bytes + received_bytes >= 0 limit %d)`, start, end, n)
	}},
}

// streamResult is one streaming measurement.
type streamResult struct {
	Query    string
	Rows     int64
	Wall     time.Duration
	BaseRSS  int64         // resident set before the query, bytes
	PeakRSS  int64         // resident-set high-water mark during the query, bytes
	PeakHeap uint64        // peak Go heap objects during the query, bytes
	CPU      time.Duration // CPU time of this process (engine, plugin, client) during the query
	SimCPU   time.Duration // CPU time of the simulator's process; -1 when it runs in-process
}

// RowsPerSec is the throughput through SQL.
func (r streamResult) RowsPerSec() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.Rows) / r.Wall.Seconds()
}

// simStarter starts a simulator with at least rows log rows over streamWindow ending at
// streamEnd, with instant tasks.
type simStarter func(ctx context.Context, rows int) (*simulator, error)

// rowsForTraffic returns how many total log rows the simulator needs for root's traffic
// logs alone to hold want rows: the dataset spreads its rows over ADOMs and log types,
// so the share is measured on a small dataset of the same seed.
func rowsForTraffic(want int) int {
	const probe = 100_000
	sim := fazsim.New(fazsim.Options{LogRows: probe, End: streamEnd, Window: streamWindow})
	d := sim.Data()
	n := 0
	d.Logs("root", d.Start(), d.End(), func(r fazsim.LogRow) bool {
		if r.LogType == "traffic" {
			n++
		}
		return true
	})
	if n == 0 {
		return want * 10
	}
	// 5% headroom: the share varies a little with the total.
	return int(math.Ceil(float64(want) * probe / float64(n) * 1.05))
}

// runStreaming measures every stream query at every size against one simulator holding
// enough rows for the largest size.
func runStreaming(ctx context.Context, start simStarter, sizes []int, progress func(string)) ([]streamResult, error) {
	if len(sizes) == 0 {
		return nil, nil
	}
	maxN := 0
	for _, n := range sizes {
		maxN = max(maxN, n)
	}
	total := rowsForTraffic(maxN)
	progress(fmt.Sprintf("streaming: starting a simulator with %d log rows", total))
	sim, err := start(ctx, total)
	if err != nil {
		return nil, err
	}
	defer sim.Close()
	e, err := openEngine(ctx, sim.URL, nil)
	if err != nil {
		return nil, err
	}
	defer func() { _ = e.Close(context.WithoutCancel(ctx)) }()
	if _, err := e.count(ctx, "select name from fortianalyzer_adom"); err != nil {
		return nil, fmt.Errorf("streaming warm-up: %w", err)
	}
	lo := streamEnd.Add(-streamWindow).Format(time.DateTime)
	hi := streamEnd.Format(time.DateTime)
	// One small stream first, so one-time costs (the first log search's set-up, caches
	// filling) are not charged to the first measured size.
	if _, err := e.scalar(ctx, streamQueries[0].SQL(lo, hi, 2000)); err != nil {
		return nil, fmt.Errorf("streaming warm-up: %w", sim.Explain(err))
	}
	var out []streamResult
	for _, q := range streamQueries {
		for _, n := range sizes {
			r, err := measureStream(ctx, e, sim, q.SQL(lo, hi, n))
			if err != nil {
				return nil, fmt.Errorf("streaming %s, %d rows: %w", q.Name, n, sim.Explain(err))
			}
			r.Query = q.Name
			if r.Rows != int64(n) {
				return nil, fmt.Errorf("streaming %s: counted %d rows, want %d (the simulator holds too few)", q.Name, r.Rows, n)
			}
			progress(fmt.Sprintf("streaming %s, %d rows: %v, %.0f rows/s, peak RSS %.1f MB, peak heap %.1f MB",
				q.Name, n, r.Wall.Round(time.Millisecond), r.RowsPerSec(), mb(r.PeakRSS), mb(int64(r.PeakHeap))))
			out = append(out, r)
		}
	}
	return out, nil
}

// measureStream runs one count query with memory reset before and sampled during it.
func measureStream(ctx context.Context, e *engine, sim *simulator, sql string) (streamResult, error) {
	r := streamResult{SimCPU: -1}
	if err := resetPeakRSS(); err != nil {
		return r, fmt.Errorf("resetting the RSS high-water mark: %w", err)
	}
	base, err := currentRSS()
	if err != nil {
		return r, err
	}
	simCPU0, simOK := sim.CPU()
	cpu0 := selfCPU()
	h := startHeapSampler(10 * time.Millisecond)
	t0 := time.Now()
	n, err := e.scalar(ctx, sql)
	r.Wall = time.Since(t0)
	r.PeakHeap = h.Stop()
	r.CPU = selfCPU() - cpu0
	if simCPU1, ok := sim.CPU(); ok && simOK {
		r.SimCPU = simCPU1 - simCPU0
	}
	if err != nil {
		return r, err
	}
	peak, err := peakRSS()
	if err != nil {
		return r, err
	}
	r.Rows, r.BaseRSS, r.PeakRSS = n, base, peak
	return r, nil
}

// mb converts bytes to megabytes (10^6, as the targets are stated).
func mb(b int64) float64 { return float64(b) / 1e6 }
