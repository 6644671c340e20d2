package faz

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// deleteTimeout bounds the best-effort delete of a task after its run ended
// (it runs on a context detached from the caller's, which may be cancelled).
const deleteTimeout = 15 * time.Second

// earlyInvalidPolls bounds the "Invalid tid" answers tolerated before the
// first successful poll: a log-search tid is not registered at once.
const earlyInvalidPolls = 6

// taskSpec describes one server task: where to create, poll and delete it.
type taskSpec struct {
	kind, adom, view string
	addURL           string
	addParams        map[string]any
	pollParams       map[string]any // params of the polling get
	earlyInvalid     int            // "Invalid tid" answers tolerated before the first good poll
}

func (t *taskSpec) taskURL(tid int) string { return fmt.Sprintf("%s/%d", t.addURL, tid) }

// createTask starts the task and returns its tid and the answer's dialect. With an
// error, the tid is non-zero only when the task was created and then deleted because ctx
// ended meanwhile.
func (c *Client) createTask(ctx context.Context, t *taskSpec) (int, string, error) {
	resp, err := c.call(ctx, request{Method: "add", URL: t.addURL, Params: t.addParams, Replay: createReplay})
	if err != nil {
		return 0, "", err
	}
	st, err := taskFrom(resp)
	if err != nil {
		return 0, "", err
	}
	if !st.HasTID {
		return 0, "", fmt.Errorf("faz: add %s: the appliance returned no tid", t.addURL)
	}
	c.tids.add(st.TID)
	c.log.Debug("task created", "kind", t.kind, "adom", t.adom, "view", t.view, "tid", st.TID)
	if err := ctx.Err(); err != nil {
		// Cancelled while the creation was in flight (call lets it finish). The tid
		// comes back with the error, for callers that count the tasks they created.
		c.deleteTask(ctx, t, st.TID)
		return st.TID, "", err
	}
	return st.TID, resp.Dialect, nil
}

// createQueued creates the task under a task_timeout of its own: waiting for a free slot
// on the appliance is queueing, and must not eat the time the task then has to run.
func (c *Client) createQueued(ctx context.Context, t *taskSpec) (int, string, error) {
	cctx, cancel := c.withTaskDeadline(ctx)
	defer cancel()
	tid, dialect, err := c.createTask(cctx, t)
	if err != nil && !isNoSlot(err) {
		err = c.timeoutErr(cctx, t, 0, -1, err)
	}
	return tid, dialect, err
}

// deleteTask frees the task; it is called on every exit path, so it must
// work after the caller's context was cancelled.
func (c *Client) deleteTask(ctx context.Context, t *taskSpec, tid int) {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), deleteTimeout)
	defer cancel()
	_, err := c.call(dctx, request{Method: "delete", URL: t.taskURL(tid), Params: map[string]any{"apiver": 3}, Replay: readReplay, AfterClose: true})
	switch {
	case err == nil:
		c.log.Debug("task deleted", "kind", t.kind, "tid", tid)
	case isTaskInvalid(err) || isNotFound(err):
		// Already reaped by the appliance (log-search tids are single-use).
		c.log.Debug("task already gone", "kind", t.kind, "tid", tid)
	default:
		c.log.Warn("could not delete task", "kind", t.kind, "adom", t.adom, "view", t.view, "tid", tid, "error", err)
	}
}

// pollTask polls until the task reports completion and returns the final
// answer. Answers before 100% are never returned. *polls counts the gets.
func (c *Client) pollTask(ctx context.Context, t *taskSpec, tid int, created time.Time, polls *int, dialect *string) (*taskState, error) {
	poller := c.cfg.PollPolicy.NewPoller(c.cfg.PollFloor, c.cfg.PollCap)
	pct, good, early := -1, false, 0
	for {
		if err := sleepCtx(ctx, poller.Next(time.Since(created), pct)); err != nil {
			return nil, c.timeoutErr(ctx, t, tid, pct, err)
		}
		resp, err := c.call(ctx, request{Method: "get", URL: t.taskURL(tid), Params: t.pollParams, Replay: readReplay})
		*polls++
		if err != nil {
			if ctx.Err() != nil {
				return nil, c.timeoutErr(ctx, t, tid, pct, ctx.Err())
			}
			if isTaskInvalid(err) {
				if !good && early < t.earlyInvalid {
					// Not registered yet: back off (floor, 2x floor, ...) so
					// a slow registration is not polled away.
					if err := sleepCtx(ctx, c.cfg.PollFloor<<min(early, 10)); err != nil {
						return nil, c.timeoutErr(ctx, t, tid, pct, err)
					}
					early++
					continue
				}
				return nil, c.invalidTaskErr(t, tid, err)
			}
			return nil, err
		}
		good = true
		*dialect = resp.Dialect
		st, err := taskFrom(resp)
		if err != nil {
			return nil, fmt.Errorf("faz: get %s: %w", t.taskURL(tid), err)
		}
		if st.Failed != "" {
			return nil, &APIError{Code: -1, Message: "task " + st.Failed, Method: "get", URL: t.taskURL(tid)}
		}
		done := st.Known && st.Percentage >= 100
		if !st.Known {
			// Older builds omit percentage; only a data key means finished.
			_, hasData := resp.Payload["data"]
			done = hasData
		}
		pct = st.Percentage
		if !st.Known {
			pct = -1
		}
		c.observe(t, tid, max(pct, 0), done)
		if done {
			return st, nil
		}
	}
}

// observe reports one poll to Config.Observer.
func (c *Client) observe(t *taskSpec, tid, pct int, done bool) {
	if c.cfg.Observer != nil {
		c.cfg.Observer(Progress{Kind: t.kind, ADOM: t.adom, View: t.view, TID: tid, Percentage: pct, Done: done})
	}
}

// invalidTaskErr classifies an "Invalid tid" answer honestly: expired when
// this client created or saw the tid (or the appliance says so), otherwise
// unknown (the appliance uses one message for both).
func (c *Client) invalidTaskErr(t *taskSpec, tid int, cause error) error {
	state := taskUnknown
	if c.tids.has(tid) || strings.Contains(strings.ToLower(cause.Error()), "expire") {
		state = taskExpired
	}
	return &taskError{TID: tid, State: state, Kind: t.kind, View: t.view, Cause: cause}
}

// errTaskTimeout marks the end of Config.TaskTimeout.
var errTaskTimeout = errors.New("task_timeout reached")

// timeoutErr turns the end of the task deadline into a taskRunning error,
// and passes the caller's own cancellation through unchanged.
func (c *Client) timeoutErr(ctx context.Context, t *taskSpec, tid, pct int, err error) error {
	if c.closing.Err() != nil && ctx.Err() != nil {
		return errClosed
	}
	if errors.Is(context.Cause(ctx), errTaskTimeout) {
		return &taskError{TID: tid, State: taskRunning, Kind: t.kind, View: t.view, Percentage: max(pct, 0),
			Cause: fmt.Errorf("%w (%s)", errTaskTimeout, c.cfg.TaskTimeout)}
	}
	return err
}

// withTaskDeadline bounds one task by Config.TaskTimeout, with a cause that
// timeoutErr recognises.
// It also ends when the client is closed.
func (c *Client) withTaskDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	tctx, cancel := context.WithTimeoutCause(ctx, c.cfg.TaskTimeout, errTaskTimeout)
	stop := context.AfterFunc(c.closing, cancel)
	return tctx, func() { stop(); cancel() }
}

// callFn hands rows to fn; ErrStop ends the run without error (stop=true).
func callFn(rows []Row, fn func(Row) error, sent *int) (stop bool, err error) {
	for _, r := range rows {
		if err := fn(r); err != nil {
			if errors.Is(err, ErrStop) {
				return true, nil
			}
			return true, err
		}
		*sent++
	}
	return false, nil
}
