package faz

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff bounds for retried calls: the n-th retry waits a random time in
// [d/2, d] with d = retryBase*2^n capped at retryCap, so concurrent clients
// do not retry in lockstep.
const (
	retryBase = 100 * time.Millisecond
	retryCap  = 2 * time.Second
)

// backoff returns the jittered wait before retry number n (0-based).
func backoff(n int) time.Duration {
	d := retryBase << min(n, 10)
	if d > retryCap || d <= 0 {
		d = retryCap
	}
	half := d / 2
	return half + rand.N(half+1)
}

// sleepCtx waits d or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
