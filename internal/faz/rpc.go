package faz

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxBody bounds one response body; a 1000-row log page is a few MB.
const maxBody = 64 << 20

// replay says whether a failed call may be sent again.
type replay int

const (
	// noReplay: the call may have changed state (exec, logout).
	noReplay replay = iota
	// readReplay: reads, which change nothing; also task deletes, whose
	// second attempt has the same outcome as the first.
	readReplay
	// createReplay: task creation, the one state-changing call the brief
	// allows to be replayed (an orphan is bounded by the appliance's TTL);
	// when the appliance has no free search slot it waits (see call).
	createReplay
)

// request is one JSON-RPC call.
type request struct {
	Method string         // get, add, delete, exec ...
	URL    string         // FAZ resource url
	Params map[string]any // top-level params[0] fields besides url
	Data   any            // legacy params[0].data, when non-nil
	Replay replay
	// AfterClose lets the call through a closed client: deleting the
	// tasks of runs that Close cancelled.
	AfterClose bool
}

// transportError marks a failure to obtain an HTTP answer at all. timeout marks
// one that hit request_timeout: it is not retried (deletes excepted), since an
// appliance that accepts connections but does not answer would otherwise hold a
// query for (retries + 1) x request_timeout.
type transportError struct {
	err     error
	timeout bool
}

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// call sends rq with authentication, re-login (exactly once per call, on
// -11, session auth only) and bounded retries with jittered backoff.
func (c *Client) call(ctx context.Context, rq request) (*response, error) {
	if c.closed.Load() && !rq.AfterClose {
		return nil, errClosed
	}
	relogged := false
	slotWaits, queued := 0, time.Time{}
	for attempt := 0; ; attempt++ {
		sess, gen, err := c.currentSession(ctx)
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dctx := ctx
		if rq.Replay == createReplay {
			// A creation, once sent, is let finish (bounded by request_timeout): cancelled
			// mid-flight, the appliance may still create the task, and its tid, and the
			// search slot it holds, would be lost. createTask deletes it.
			dctx = context.WithoutCancel(ctx)
		}
		resp, err := c.do(dctx, rq, sess)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ae *APIError
		if c.usesSession() && !relogged && errors.As(err, &ae) && ae.Code == codeNoPermission {
			relogged = true
			c.log.Debug("session rejected (-11); logging in again", "method", rq.Method, "url", rq.URL)
			if lerr := c.relogin(ctx, gen); lerr != nil {
				return nil, lerr
			}
			attempt-- // a re-login is not a retry
			continue
		}
		if rq.Replay == createReplay && isNoSlot(err) {
			// "No available slot" is the appliance saying "later", not a fault: wait with
			// jittered backoff for as long as the caller allows (the task deadline), so
			// that several clients sharing its slots take turns instead of failing.
			if queued.IsZero() {
				queued = time.Now()
			}
			wait := backoff(slotWaits)
			slotWaits++
			c.log.Debug("no free search slot on the appliance; waiting", "method", rq.Method, "url", rq.URL, "waits", slotWaits, "wait", wait)
			if serr := sleepCtx(ctx, wait); serr != nil {
				return nil, c.slotWaitErr(ctx, rq, err, time.Since(queued))
			}
			attempt--
			continue
		}
		var te *transportError
		if rq.Replay == createReplay && errors.As(err, &te) {
			// The appliance may have created the task and answered with a tid that never
			// arrived. Nothing lists tasks or tags them with a client marker (FAZ 7.6.7 API),
			// and tids of other clients must never be guessed at and deleted: say so.
			c.log.Warn("the answer to a task creation was lost: if the appliance created the task, it holds a search slot until the appliance's task TTL", "url", rq.URL, "error", err)
		}
		if attempt >= c.cfg.MaxRetries || !c.retryable(rq, err) {
			return nil, err
		}
		wait := backoff(attempt)
		c.log.Debug("retrying call", "method", rq.Method, "url", rq.URL, "attempt", attempt+1, "wait", wait, "error", err)
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// slotWaitErr is the end of a wait for a free search slot: the caller's own cancellation
// as is, or, at the task deadline, an error saying what was waited for (it still satisfies
// IsNoSlot).
func (c *Client) slotWaitErr(ctx context.Context, rq request, last error, waited time.Duration) error {
	if errors.Is(context.Cause(ctx), errTaskTimeout) {
		return fmt.Errorf("faz: %s %s: the appliance had no free search slot for %s (task_timeout %s): other clients are using them; retry later or raise task_timeout: %w",
			rq.Method, rq.URL, waited.Round(time.Second), c.cfg.TaskTimeout, last)
	}
	if c.closing.Err() != nil {
		return errClosed
	}
	return ctx.Err()
}

// retryable decides whether err, returned for rq, is worth another attempt.
func (c *Client) retryable(rq request, err error) bool {
	if rq.Replay == noReplay {
		return false
	}
	var te *transportError
	if errors.As(err, &te) {
		if te.timeout {
			// Except a delete: it frees a search slot, runs after the query's answer, and is
			// bounded by deleteTimeout; the appliance drops a request it could not answer.
			return rq.Method == "delete"
		}
		// A refused certificate will be refused again.
		var cve *tls.CertificateVerificationError
		return !errors.Is(err, errCertRejected) && !errors.As(err, &cve)
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.HTTPStatus >= 500
}

// envelope is the request body; Session is omitted with API keys, because
// a stray session next to a Bearer key makes the appliance refuse the call.
type envelope struct {
	ID      int64            `json:"id"`
	Method  string           `json:"method"`
	Params  []map[string]any `json:"params"`
	Session *string          `json:"session,omitempty"`
	Verbose int              `json:"verbose"`
	JSONRPC string           `json:"jsonrpc"`
}

// do performs one HTTP round trip and decodes the answer.
func (c *Client) do(ctx context.Context, rq request, sess string) (*response, error) {
	p := make(map[string]any, len(rq.Params)+2)
	for k, v := range rq.Params {
		p[k] = v
	}
	p["url"] = rq.URL
	if rq.Data != nil {
		p["data"] = rq.Data
	}
	env := envelope{ID: c.nextID.Add(1), Method: rq.Method, Params: []map[string]any{p}, Verbose: 1, JSONRPC: "2.0"}
	if c.usesSession() && sess != "" {
		env.Session = &sess
	}
	body, err := json.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("faz: %s %s: encoding request: %w", rq.Method, rq.URL, err)
	}
	rctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(rctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("faz: %s %s: %w", rq.Method, rq.URL, err)
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		hr.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	start := time.Now()
	res, err := c.http.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if rctx.Err() != nil {
			return nil, c.requestTimeout(rq, "no answer", err)
		}
		return nil, &transportError{err: fmt.Errorf("faz: %s %s: %w", rq.Method, rq.URL, err)}
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if rctx.Err() != nil {
			return nil, c.requestTimeout(rq, "the answer did not arrive in full", err)
		}
		return nil, &transportError{err: fmt.Errorf("faz: %s %s: reading response: %w", rq.Method, rq.URL, err)}
	}
	c.log.Trace("call", "method", rq.Method, "url", rq.URL, "http", res.StatusCode, "bytes", len(raw), "elapsed", time.Since(start))
	if len(raw) > maxBody {
		return nil, fmt.Errorf("faz: %s %s: response larger than %d bytes", rq.Method, rq.URL, maxBody)
	}
	if res.StatusCode != http.StatusOK {
		// The body is not quoted: it could echo the request.
		ae := &APIError{Method: rq.Method, URL: rq.URL, HTTPStatus: res.StatusCode, Message: http.StatusText(res.StatusCode)}
		if res.StatusCode < 500 {
			// A JSON-RPC error inside a 4xx is more precise than the status.
			if _, derr := decodeResponse(raw, rq.Method, rq.URL); derr != nil {
				var inner *APIError
				if errors.As(derr, &inner) {
					inner.HTTPStatus = res.StatusCode
					return nil, inner
				}
			}
		}
		return nil, ae
	}
	resp, err := decodeResponse(raw, rq.Method, rq.URL)
	if err != nil && errors.Is(err, errMalformed) {
		// A truncated or garbled body is a transport fault, not an answer.
		return nil, &transportError{err: err}
	}
	return resp, err
}

// requestTimeout is the error of a request that hit request_timeout: it names the
// appliance's URL and the option, the two things the user can act on.
func (c *Client) requestTimeout(rq request, what string, err error) error {
	// err is quoted, not wrapped: a context.DeadlineExceeded in the chain makes the SDK
	// replace the whole message with "exceeded allowed timeout".
	return &transportError{timeout: true, err: fmt.Errorf("faz: %s %s: %s from %s within request_timeout (%s): %v",
		rq.Method, rq.URL, what, c.endpoint, c.cfg.RequestTimeout, err)}
}
