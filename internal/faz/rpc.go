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
	// allows to be replayed (an orphan is bounded by the appliance's TTL),
	// also retried when the appliance has no free search slot.
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

// transportError marks a failure to obtain an HTTP answer at all.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// call sends rq with authentication, re-login (exactly once per call, on
// -11, session auth only) and bounded retries with jittered backoff.
func (c *Client) call(ctx context.Context, rq request) (*response, error) {
	if c.closed.Load() && !rq.AfterClose {
		return nil, errClosed
	}
	relogged := false
	for attempt := 0; ; attempt++ {
		sess, gen, err := c.currentSession(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.do(ctx, rq, sess)
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

// retryable decides whether err, returned for rq, is worth another attempt.
func (c *Client) retryable(rq request, err error) bool {
	if rq.Replay == noReplay {
		return false
	}
	var te *transportError
	if errors.As(err, &te) {
		// A refused certificate will be refused again.
		var cve *tls.CertificateVerificationError
		return !errors.Is(err, errCertRejected) && !errors.As(err, &cve)
	}
	var ae *APIError
	if errors.As(err, &ae) && ae.HTTPStatus >= 500 {
		return true
	}
	return rq.Replay == createReplay && isNoSlot(err)
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
		return nil, &transportError{fmt.Errorf("faz: %s %s: %w", rq.Method, rq.URL, err)}
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &transportError{fmt.Errorf("faz: %s %s: reading response: %w", rq.Method, rq.URL, err)}
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
		return nil, &transportError{err}
	}
	return resp, err
}
