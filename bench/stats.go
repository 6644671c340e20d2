package main

import (
	"sort"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// load is what one query cost the appliance: the difference of two simulator snapshots.
type load struct {
	Requests int // HTTP (JSON-RPC) requests of every kind
	Tasks    int // tasks created
	Polls    int // gets on task ids (status polls, including the one that carries the rows)
}

// loadBetween diffs two simulator snapshots.
func loadBetween(before, after fazsim.Stats) load {
	var l load
	for k, v := range after.Requests {
		l.Requests += v - before.Requests[k]
	}
	for tid, v := range after.Polls {
		l.Polls += v - before.Polls[tid]
	}
	l.Tasks = after.TasksCreated - before.TasksCreated
	return l
}

// PollsPerTask is the average number of gets per task created.
func (l load) PollsPerTask() float64 {
	if l.Tasks == 0 {
		return 0
	}
	return float64(l.Polls) / float64(l.Tasks)
}

// median of durations; zero for none.
func medianDuration(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// medianFloat is the median of xs; zero for none.
func medianFloat(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
