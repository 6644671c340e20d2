package faz

import (
	"context"
	"errors"
)

// TaskStatus is one look at a FortiView task, taken without waiting for it.
type TaskStatus struct {
	TID        int
	View       string
	State      string // "running", "done", "failed", "expired" or "unknown"
	Percentage int    // -1 when the answer carries none
	TotalCount int64  // -1 when absent
	Rows       int    // rows in this answer (partial while the task runs)
	Message    string // the failure the appliance reported, if any
	Dialect    string
}

// FortiViewTaskStatus reads a FortiView task's state with one get: no polling, no waiting,
// and the task is not deleted (it belongs to whoever created it). A tid the appliance no
// longer knows is a status, not an error: "expired" when this client saw it before (or the
// appliance says so), else "unknown", with the appliance's message.
func (c *Client) FortiViewTaskStatus(ctx context.Context, adom, view string, tid int) (TaskStatus, error) {
	ts := TaskStatus{TID: tid, View: view, Percentage: -1, TotalCount: -1}
	if err := checkSegment("adom", adom); err != nil {
		return ts, err
	}
	if err := checkSegment("view", view); err != nil {
		return ts, err
	}
	if tid <= 0 {
		return ts, paramErr("tid", "want a positive task id, got %d", tid)
	}
	t := &taskSpec{kind: "fortiview", adom: adom, view: view, addURL: "/fortiview/adom/" + adom + "/" + view + "/run"}
	resp, err := c.call(ctx, request{Method: "get", URL: t.taskURL(tid), Params: map[string]any{"apiver": 3}, Replay: readReplay})
	if err != nil {
		if isTaskInvalid(err) {
			ts.State, ts.Message = "unknown", err.Error()
			var te *taskError
			if errors.As(c.invalidTaskErr(t, tid, err), &te) && te.State == taskExpired {
				ts.State = "expired"
			}
			return ts, nil
		}
		return ts, err
	}
	c.tids.add(tid)
	ts.Dialect = resp.Dialect
	st, err := taskFrom(resp)
	if err != nil {
		return ts, errors.Join(errors.New("faz: get "+t.taskURL(tid)), err)
	}
	ts.TotalCount, ts.Rows = st.TotalCount, len(st.Rows)
	if st.Known {
		ts.Percentage = st.Percentage
	}
	// The same reading of an answer as pollTask's: older builds omit percentage, and then
	// only a data key means finished.
	_, hasData := resp.Payload["data"]
	switch {
	case st.Failed != "":
		ts.State, ts.Message = "failed", st.Failed
	case st.Known && st.Percentage >= 100, !st.Known && hasData:
		ts.State = "done"
	default:
		ts.State = "running"
	}
	return ts, nil
}

// IsViewNotServed reports the appliance's answer for a FortiView view it does not serve
// ("Cannot find FortiView '<name>'"): callers with another way to the same answer (the
// plugin's log-search drilldown) fall back to it.
func IsViewNotServed(err error) bool {
	ae, ok := apiErr(err)
	return ok && !isTaskInvalid(err) && msgHas(ae, "cannot find fortiview")
}
