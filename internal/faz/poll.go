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

// AdaptivePoll is the default policy. The first poll comes after the floor.
// Once the task reports progress, the completion time is predicted from the
// rate between the last two observations (the whole run when those show no
// change), and the next poll is placed just after it, clamped to
// [floor, cap]. Without progress information the wait grows geometrically
// (a quarter of the elapsed time), so a silent task is still seen finished
// within about 25% of its duration with few polls.
func AdaptivePoll() PollPolicy { return adaptivePolicy{} }

type adaptivePolicy struct{}

func (adaptivePolicy) NewPoller(floor, cap time.Duration) Poller {
	return &adaptivePoller{floor: floor, cap: cap, lastPct: -1}
}

type adaptivePoller struct {
	floor, cap time.Duration
	lastT      time.Duration
	lastPct    int
}

// overshoot is the fraction of the predicted remaining time added so that a
// task running slightly behind its prediction is caught by one poll, not two.
const overshoot = 0.03

func (p *adaptivePoller) Next(elapsed time.Duration, pct int) time.Duration {
	defer func() {
		if pct >= 0 {
			p.lastT, p.lastPct = elapsed, pct
		}
	}()
	if pct < 0 && p.lastPct < 0 || elapsed <= 0 {
		if elapsed <= 0 {
			return p.floor
		}
		return p.clamp(elapsed / 4)
	}
	if pct <= 0 {
		return p.clamp(elapsed / 4)
	}
	if pct >= 100 {
		return p.floor
	}
	// Rate in percent per nanosecond: recent window when it shows progress,
	// else the whole run (progress started at 0 when the task was created).
	rate := float64(pct) / float64(elapsed)
	if p.lastPct >= 0 && pct > p.lastPct && elapsed > p.lastT {
		rate = float64(pct-p.lastPct) / float64(elapsed-p.lastT)
	}
	remaining := time.Duration(float64(100-pct) / rate * (1 + overshoot))
	return p.clamp(remaining)
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
