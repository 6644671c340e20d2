package main

import (
	"context"
	"fmt"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// poller is one polling policy under test.
type poller struct {
	Name   string
	Policy faz.PollPolicy // nil = the plugin's default (adaptive)
}

// defaultPollers are the plugin's adaptive poller and the fixed-interval pollers of the
// seed documents' client (2 s) and of the quickest other tools (0.5 s).
func defaultPollers() []poller {
	return []poller{
		{Name: "adaptive (plugin default)", Policy: nil},
		{Name: "fixed 2 s (seed client)", Policy: faz.FixedPoll(2 * time.Second)},
		{Name: "fixed 0.5 s", Policy: faz.FixedPoll(500 * time.Millisecond)},
	}
}

// pollQuery is a FortiView query of one task whose rows all flow through SQL.
const pollQuery = `select count(*) from fortianalyzer_top_source`

// pollResult is the median of the repetitions of one (task duration, poller) pair.
type pollResult struct {
	Task         time.Duration
	Poller       string
	Reps         int
	Wall         time.Duration // median query wall time
	PollsPerTask float64       // median gets per task
	Requests     float64       // median HTTP requests per query
}

// Ratio is the wall time over the task's duration (0 for instant tasks).
func (r pollResult) Ratio() float64 {
	if r.Task <= 0 {
		return 0
	}
	return float64(r.Wall) / float64(r.Task)
}

// Overshoot is how much longer the query took than the task.
func (r pollResult) Overshoot() time.Duration { return r.Wall - r.Task }

// runPolling measures every poller on one simulator per task duration. Repetitions are
// interleaved (adaptive, 2 s, 0.5 s, adaptive, ...) so a slow moment of the machine
// does not land on one poller only.
func runPolling(ctx context.Context, durations []time.Duration, pollers []poller, reps int, progress func(string)) ([]pollResult, error) {
	var out []pollResult
	for _, d := range durations {
		res, err := pollOneDuration(ctx, d, pollers, reps, progress)
		if err != nil {
			return nil, err
		}
		out = append(out, res...)
	}
	return out, nil
}

func pollOneDuration(ctx context.Context, d time.Duration, pollers []poller, reps int, progress func(string)) ([]pollResult, error) {
	sim := inProcessSim(fazsim.Options{LogRows: 20_000, TaskDuration: func(int) time.Duration { return d }})
	defer sim.Close()
	engines := make([]*engine, len(pollers))
	defer func() {
		for _, e := range engines {
			if e != nil {
				_ = e.Close(context.WithoutCancel(ctx))
			}
		}
	}()
	for i, p := range pollers {
		e, err := openEngine(ctx, sim.URL, p.Policy)
		if err != nil {
			return nil, err
		}
		engines[i] = e
		// Log in before timing: a session is paid once per connection, not per query.
		if _, err := e.count(ctx, "select name from fortianalyzer_adom"); err != nil {
			return nil, fmt.Errorf("%s: warm-up: %w", p.Name, err)
		}
	}
	walls := make([][]time.Duration, len(pollers))
	polls := make([][]float64, len(pollers))
	reqs := make([][]float64, len(pollers))
	for rep := 0; rep < reps; rep++ {
		for i, p := range pollers {
			before := sim.Sim.Stats()
			start := time.Now()
			if _, err := engines[i].scalar(ctx, pollQuery); err != nil {
				return nil, fmt.Errorf("task %v, %s: %w", d, p.Name, err)
			}
			wall := time.Since(start)
			l := loadBetween(before, sim.Sim.Stats())
			if l.Tasks == 0 {
				return nil, fmt.Errorf("task %v, %s: the query created no task", d, p.Name)
			}
			walls[i] = append(walls[i], wall)
			polls[i] = append(polls[i], l.PollsPerTask())
			reqs[i] = append(reqs[i], float64(l.Requests))
			progress(fmt.Sprintf("task %v, %s, rep %d: %v, %.1f polls/task, %d requests", d, p.Name, rep+1, wall.Round(time.Millisecond), l.PollsPerTask(), l.Requests))
		}
	}
	out := make([]pollResult, len(pollers))
	for i, p := range pollers {
		out[i] = pollResult{Task: d, Poller: p.Name, Reps: reps, Wall: medianDuration(walls[i]),
			PollsPerTask: medianFloat(polls[i]), Requests: medianFloat(reqs[i])}
	}
	return out, nil
}
