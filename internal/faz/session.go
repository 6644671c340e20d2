package faz

import (
	"context"
	"fmt"
)

// currentSession returns the session to send (logging in first when session
// auth has none yet) and its generation. With API keys it returns "".
func (c *Client) currentSession(ctx context.Context) (string, uint64, error) {
	if !c.usesSession() {
		return "", 0, nil
	}
	c.sessMu.RLock()
	s, g := c.session, c.sessGen
	c.sessMu.RUnlock()
	if s != "" {
		return s, g, nil
	}
	if err := c.relogin(ctx, g); err != nil {
		return "", 0, err
	}
	c.sessMu.RLock()
	defer c.sessMu.RUnlock()
	return c.session, c.sessGen, nil
}

// relogin opens a new session unless another goroutine already replaced the
// session of generation gen; concurrent callers thus log in once.
func (c *Client) relogin(ctx context.Context, gen uint64) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	c.sessMu.RLock()
	cur, have := c.sessGen, c.session != ""
	c.sessMu.RUnlock()
	if cur != gen && have {
		return nil
	}
	rq := request{
		Method: "exec", URL: "/sys/login/user",
		Data:   map[string]any{"user": c.cfg.Username, "passwd": c.cfg.Password},
		Replay: readReplay, // a login changes no data; retrying it is safe
	}
	var resp *response
	var err error
	for attempt := 0; ; attempt++ {
		resp, err = c.do(ctx, rq, "")
		if err == nil || attempt >= c.cfg.MaxRetries || !c.retryable(rq, err) || ctx.Err() != nil {
			break
		}
		if serr := sleepCtx(ctx, backoff(attempt)); serr != nil {
			return serr
		}
	}
	if err != nil {
		return fmt.Errorf("faz: login as %q failed: %w", c.cfg.Username, err)
	}
	if resp.Session == "" {
		return fmt.Errorf("faz: login as %q failed: the appliance returned no session", c.cfg.Username)
	}
	c.sessMu.Lock()
	c.session = resp.Session
	c.sessGen++
	c.sessMu.Unlock()
	c.log.Debug("logged in", "user", c.cfg.Username)
	return nil
}

// logout ends the session, if any. Errors are returned but the session is
// forgotten either way: a half-closed session would only expire server-side.
func (c *Client) logout(ctx context.Context) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	c.sessMu.Lock()
	s := c.session
	c.session = ""
	c.sessGen++
	c.sessMu.Unlock()
	if s == "" {
		return nil
	}
	_, err := c.do(ctx, request{Method: "exec", URL: "/sys/logout", Replay: noReplay}, s)
	if err != nil {
		return fmt.Errorf("faz: logout: %w", err)
	}
	c.log.Debug("logged out")
	return nil
}
