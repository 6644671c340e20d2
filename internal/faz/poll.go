package faz

import "time"

// PollPolicy decides when to poll a server task. The client asks it for a
// fresh Poller per task; Pollers are used by one goroutine.
type PollPolicy interface {
	NewPoller(floor, cap time.Duration) Poller
}

// Poller yields the wait before each poll of one task.
type Poller interface {
	// Next returns the wait before the next poll, given the time elapsed
	// since the task was created and the percentage just observed (-1
	// before the first poll, or when the answer carried none).
	Next(elapsed time.Duration, pct int) time.Duration
}

// FixedPoll polls every d, ignoring floor and cap: the baseline that other
// FortiAnalyzer clients use (0.5 s to 2 s), kept for benchmarks.
func FixedPoll(d time.Duration) PollPolicy { return fixedPolicy(d) }

type fixedPolicy time.Duration

func (f fixedPolicy) NewPoller(_, _ time.Duration) Poller { return f }
func (f fixedPolicy) Next(time.Duration, int) time.Duration {
	return time.Duration(f)
}

// adaptivePoll is the default policy. The first poll comes after the floor.
// Once the task reports progress, its completion time is predicted from the
// progress rate and the next poll is placed there, clamped to [floor, cap].
// Percentages are integers, so the observed progress may be up to one point
// short: the rate used is the highest one consistent with the observations
// (over the whole run and over the last interval), which predicts the
// earliest possible completion. A prediction can thus be early, costing one
// more poll, and is late by at most about 2% of the run.
// Without progress information the wait grows geometrically (a quarter of
// the elapsed time): a silent task is seen finished within about 25% of its
// duration with few polls.
func adaptivePoll() PollPolicy { return adaptivePolicy{} }

type adaptivePolicy struct{}

func (adaptivePolicy) NewPoller(floor, cap time.Duration) Poller {
	return &adaptivePoller{floor: floor, cap: cap, lastPct: -1}
}

type adaptivePoller struct {
	floor, cap time.Duration
	lastT      time.Duration
	lastPct    int
}

func (p *adaptivePoller) Next(elapsed time.Duration, pct int) time.Duration {
	prevT, prevPct := p.lastT, p.lastPct
	if pct >= 0 {
		p.lastT, p.lastPct = elapsed, pct
	}
	switch {
	case elapsed <= 0:
		return p.floor
	case pct < 0 || pct == 0:
		return p.clamp(elapsed / 4)
	case pct >= 100:
		return p.floor
	}
	// Highest rates (percent per nanosecond) consistent with integer
	// percentages: the run so far, and the last interval when known.
	rate := float64(pct+1) / float64(elapsed)
	if prevPct >= 0 && elapsed > prevT {
		if r := float64(pct-prevPct+1) / float64(elapsed-prevT); r > rate && pct > prevPct {
			rate = r
		}
	}
	// At least 99-pct points remain; wait for that, but for no less than
	// two points (2% of the run) so the last percent is not polled at the
	// floor: rows then arrive at most ~2% of the run after completion.
	return p.clamp(time.Duration(float64(max(99-pct, 2)) / rate))
}
func (p *adaptivePoller) clamp(d time.Duration) time.Duration {
	if d < p.floor {
		return p.floor
	}
	if d > p.cap {
		return p.cap
	}
	return d
}
