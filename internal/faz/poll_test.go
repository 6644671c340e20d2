package faz

import (
	"testing"
	"time"
)

// simulate runs a poller against a task that progresses linearly from 0 to
// 100% over d and returns the number of polls and the delay between the
// task's completion and the poll that saw it.
func simulate(p Poller, d time.Duration) (polls int, late time.Duration) {
	now, pct := time.Duration(0), -1
	for polls < 10000 {
		now += p.Next(now, pct)
		polls++
		pct = int(100 * now / d)
		if pct >= 100 {
			return polls, now - d
		}
	}
	return polls, -1
}

func TestAdaptivePollIsPromptAndFrugal(t *testing.T) {
	floor, cap := defaultPollFloor, defaultPollCap
	for _, d := range []time.Duration{200 * time.Millisecond, 3 * time.Second, 20 * time.Second, 2 * time.Minute} {
		ap, al := simulate(adaptivePoll().NewPoller(floor, cap), d)
		fp, fl := simulate(FixedPoll(2*time.Second).NewPoller(floor, cap), d)
		hp, _ := simulate(FixedPoll(500*time.Millisecond).NewPoller(floor, cap), d)
		t.Logf("task %v: adaptive %d polls, %v late; fixed 2s %d polls, %v late; fixed 0.5s %d polls", d, ap, al, fp, fl, hp)
		// Within 5% of the task's duration (or one floor for short tasks).
		if lim := max(d/20, floor); al > lim {
			t.Errorf("task %v: adaptive poller saw completion %v late, want <= %v", d, al, lim)
		}
		// Frugal: about as few polls as a 2s poller (which is up to 2s late),
		// and far fewer than a 0.5s poller on anything but tiny tasks.
		if ap > fp+2 || (d >= 3*time.Second && ap >= hp) {
			t.Errorf("task %v: adaptive used %d polls; fixed 2s %d, fixed 0.5s %d", d, ap, fp, hp)
		}
	}
}

func TestAdaptivePollBounds(t *testing.T) {
	p := adaptivePoll().NewPoller(10*time.Millisecond, time.Second)
	if w := p.Next(0, -1); w != 10*time.Millisecond {
		t.Errorf("first poll after %v, want the floor", w)
	}
	if w := p.Next(time.Hour, 0); w != time.Second {
		t.Errorf("no progress after an hour: wait %v, want the cap", w)
	}
	if w := p.Next(time.Hour+time.Millisecond, 99); w != 10*time.Millisecond {
		t.Errorf("fast progress: wait %v, want the floor", w)
	}
	if w := FixedPoll(700*time.Millisecond).NewPoller(0, 0).Next(time.Minute, 50); w != 700*time.Millisecond {
		t.Errorf("fixed poller waited %v", w)
	}
}
