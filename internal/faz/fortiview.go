package faz

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Row caps of FortiView runs.
const (
	// maxPageRows is the appliance's per-request row cap (FortiView and logs).
	maxPageRows = 1000
	// maxFortiViewRows caps FortiViewSpec.Limit == 0 ("all rows"): at most
	// this many rows, i.e. 100 tasks of 1000, are read for one run, and a run
	// that would need more fails with an error after them rather than end as
	// if complete.
	maxFortiViewRows = 100_000
)

// Sort orders a FortiView by one column.
type Sort struct {
	Field string
	Order string // "asc" or "desc" (default desc)
}

// FortiViewSpec describes one FortiView run.
type FortiViewSpec struct {
	ADOM, View    string    // e.g. "root", "top-sources"
	Devices       []Device  // empty or a zero Device = all devices
	Start, End    time.Time // [Start, End): End exclusive; sent in the appliance zone, inclusive to the second
	Filter        string    // a complete FAZ filter string (BuildFilter)
	CaseSensitive bool
	// Limit is the number of rows wanted; 0 means all rows the view
	// returns, paged by 1000 and capped at maxFortiViewRows.
	Limit  int
	Offset int // rows to skip first
	SortBy []Sort
	// SortRequired: the caller relies on SortBy (an SQL ORDER BY pushed down), so an
	// appliance refusing the column fails the run with ErrSortRefused instead of running
	// the view in its own order.
	SortRequired bool
}

// ErrSortRefused wraps the appliance's refusal of a required sort-by column.
var ErrSortRefused = errors.New("faz: the appliance cannot sort this view by the column")

// TaskInfo describes a finished FortiView run.
type TaskInfo struct {
	TID        int    // tid of the last task
	Tasks      int    // tasks created (pages and recreations)
	Recreated  int    // tasks created again (expired mid-run, or a premature empty page)
	Confirmed  int    // extra reads of empty 100% answers before they were trusted
	Polls      int    // polling gets
	Rows       int    // rows handed to fn
	TotalCount int64  // total-count-all when the appliance gave it, else -1
	Dialect    string // "real" or "seed"
	// Start and End are the window of a task read by FetchFortiView, [Start, End), from
	// the answer's data-time-range (zero when the appliance does not say).
	Start, End time.Time
}

// RunFortiView creates a FortiView task per page of up to 1000 rows, polls
// each until it reports 100%, hands its rows to fn and deletes it. A task
// that expires or turns invalid mid-run is recreated (Config.TaskRecreates
// times). Every created task is deleted on every exit path, including ctx
// cancellation and an error or ErrStop from fn.
func (c *Client) RunFortiView(ctx context.Context, spec FortiViewSpec, fn func(Row) error) (TaskInfo, error) {
	info := TaskInfo{TotalCount: -1}
	base, err := c.fortiviewParams(ctx, spec)
	if err != nil {
		return info, err
	}
	want := spec.Limit
	if want == 0 || want > c.maxRows {
		want = c.maxRows
	}
	offset := spec.Offset
	for info.Rows < want {
		n := min(c.pageRows, want-info.Rows)
		p := cloneParams(base)
		p["limit"], p["offset"] = n, offset
		t := &taskSpec{
			kind: "fortiview", adom: spec.ADOM, view: spec.View,
			addURL:     "/fortiview/adom/" + spec.ADOM + "/" + spec.View + "/run",
			addParams:  p,
			pollParams: map[string]any{"apiver": 3},
		}
		st, err := c.runTask(ctx, t, &info)
		if err != nil && info.Rows == 0 && isUnknownSortColumn(err) && spec.SortRequired {
			return info, fmt.Errorf("%w: %w", ErrSortRefused, err)
		}
		if err != nil && info.Rows == 0 && isUnknownSortColumn(err) && base["sort-by"] != nil {
			// The ranking column is an optimisation, not the question: an appliance that
			// does not know it (other versions, the seed documents' server) still ranks by
			// the view's own default. Nothing was read: the task failed at add.
			c.log.Debug("sort-by refused; running the view in its own order", "view", spec.View, "error", err)
			delete(base, "sort-by")
			continue
		}
		if err != nil {
			return info, err
		}
		if st.TotalCount >= 0 {
			info.TotalCount = st.TotalCount
		}
		rows := st.Rows
		if len(rows) > n {
			rows = rows[:n] // a server ignoring limit must not break ours
		}
		stop, err := callFn(rows, fn, &info.Rows)
		if stop || err != nil {
			return info, err
		}
		offset += len(rows)
		if len(rows) < n || (info.TotalCount >= 0 && int64(offset) >= info.TotalCount) {
			break
		}
		if err := ctx.Err(); err != nil {
			return info, err
		}
	}
	if info.Rows >= c.maxRows && (spec.Limit == 0 || spec.Limit > c.maxRows) &&
		(info.TotalCount < 0 || int64(offset) < info.TotalCount) {
		// More rows exist than one run reads: say so rather than end as if complete.
		return info, paramErr("limit", "the %s view has more than %d rows for this query: narrow the window or the filter, or give a limit", spec.View, c.maxRows)
	}
	return info, nil
}

// runTask runs one task to completion under a task slot: create, poll,
// delete (always), recreating it when it turns invalid mid-run, and running
// it again when it reports 100% with an empty page although its total says
// rows exist (never handing out an unfinished page).
func (c *Client) runTask(ctx context.Context, t *taskSpec, info *TaskInfo) (*taskState, error) {
	if err := c.acquireSlot(ctx); err != nil {
		return nil, err
	}
	defer c.releaseSlot()
	offset, _ := t.addParams["offset"].(int)
	empty := 0
	for attempt := 0; ; {
		st, err := c.runOnce(ctx, t, info)
		if err == nil {
			if len(st.Rows) == 0 && st.TotalCount > int64(offset) {
				if empty >= maxEmptyReruns {
					return nil, fmt.Errorf("faz: fortiview %s offset %d: the appliance kept returning an empty page although its total is %d (%d re-runs)", t.view, offset, st.TotalCount, empty)
				}
				empty++
				info.Recreated++
				continue
			}
			return st, nil
		}
		var te *taskError
		if errors.As(err, &te) && te.State != taskRunning && attempt < c.cfg.TaskRecreates && ctx.Err() == nil {
			attempt++
			info.Recreated++
			c.log.Debug("task became invalid; recreating", "kind", t.kind, "view", t.view, "tid", te.TID, "attempt", attempt+1)
			continue
		}
		return nil, err
	}
}

// emptyConfirmReads is how many more reads an empty 100% FortiView answer must survive.
const emptyConfirmReads = 3

// runOnce creates one task, waits for it and deletes it whatever happens.
func (c *Client) runOnce(ctx context.Context, t *taskSpec, info *TaskInfo) (*taskState, error) {
	tid, dialect, err := c.createQueued(ctx, t)
	if err != nil {
		return nil, err
	}
	tctx, cancel := c.withTaskDeadline(ctx)
	defer cancel()
	created := time.Now()
	info.Tasks++
	info.TID, info.Dialect = tid, dialect
	defer c.deleteTask(ctx, t, tid)
	st, err := c.pollTask(tctx, t, tid, created, &info.Polls, &info.Dialect)
	if err != nil {
		return nil, err
	}
	// FAZ 7.6.7 can report 100% with no rows and a zero total before it is done, which
	// looks exactly like an empty answer, and can do so on consecutive reads. A finished
	// FortiView task can be read again, so an empty answer is trusted only after it has
	// stayed empty over emptyConfirmReads more reads, the waits between them doubling.
	offset, _ := t.addParams["offset"].(int)
	wait := c.cfg.PollFloor
	for i := 0; i < emptyConfirmReads && len(st.Rows) == 0 && st.TotalCount <= int64(offset); i++ {
		info.Confirmed++
		c.log.Debug("empty 100% answer; reading the task again to confirm", "view", t.view, "tid", tid, "read", i+1)
		if err := sleepCtx(tctx, wait); err != nil {
			return nil, c.timeoutErr(tctx, t, tid, 100, err)
		}
		wait *= 2
		if st, err = c.pollTask(tctx, t, tid, created, &info.Polls, &info.Dialect); err != nil {
			return nil, err
		}
	}
	c.log.Debug("task finished", "kind", t.kind, "view", t.view, "tid", tid, "polls", info.Polls, "elapsed", time.Since(created), "rows", len(st.Rows))
	return st, nil
}

// fortiviewParams validates spec and builds the add parameters shared by
// every page.
func (c *Client) fortiviewParams(ctx context.Context, spec FortiViewSpec) (map[string]any, error) {
	if err := checkSegment("adom", spec.ADOM); err != nil {
		return nil, err
	}
	if err := checkSegment("view", spec.View); err != nil {
		return nil, err
	}
	if spec.Limit < 0 {
		return nil, paramErr("limit", "want 0 (all rows) or a positive row count, got %d", spec.Limit)
	}
	if spec.Offset < 0 {
		return nil, paramErr("offset", "want 0 or a positive row count, got %d", spec.Offset)
	}
	sorts := make([]map[string]string, 0, len(spec.SortBy))
	for _, s := range spec.SortBy {
		if !fieldName.MatchString(s.Field) {
			return nil, paramErr("sort_by", "want a column name such as bandwidth, got %q", s.Field)
		}
		o := strings.ToLower(s.Order)
		if o == "" {
			o = "desc"
		}
		if o != "asc" && o != "desc" {
			return nil, paramErr("sort_by", "order must be asc or desc, got %q", s.Order)
		}
		sorts = append(sorts, map[string]string{"field": s.Field, "order": o})
	}
	tr, err := c.timeRange(ctx, spec.Start, spec.End)
	if err != nil {
		return nil, err
	}
	p := map[string]any{
		"apiver":         3,
		"device":         fortiviewDevices(spec.Devices),
		"time-range":     tr,
		"filter":         spec.Filter,
		"case-sensitive": spec.CaseSensitive,
		"count-total":    true,
	}
	if len(sorts) > 0 {
		p["sort-by"] = sorts
	}
	return p, nil
}

func cloneParams(p map[string]any) map[string]any {
	out := make(map[string]any, len(p)+2)
	for k, v := range p {
		out[k] = v
	}
	return out
}

// FetchFortiView reads the result of an existing task by tid (created
// elsewhere, e.g. by another tool). A running task is waited for within
// Config.TaskTimeout; still running then gives taskError{State:
// taskRunning}. An unknown or expired tid gives taskError with TaskExpired
// (this client saw the tid before) or taskUnknown. The task is not deleted:
// it belongs to whoever created it.
func (c *Client) FetchFortiView(ctx context.Context, adom, view string, tid int, fn func(Row) error) (TaskInfo, error) {
	info := TaskInfo{TID: tid, TotalCount: -1}
	if err := checkSegment("adom", adom); err != nil {
		return info, err
	}
	if err := checkSegment("view", view); err != nil {
		return info, err
	}
	if tid <= 0 {
		return info, paramErr("tid", "want a positive task id, got %d", tid)
	}
	t := &taskSpec{
		kind: "fortiview", adom: adom, view: view,
		addURL:     "/fortiview/adom/" + adom + "/" + view + "/run",
		pollParams: map[string]any{"apiver": 3},
	}
	tctx, cancel := c.withTaskDeadline(ctx)
	defer cancel()
	st, err := c.pollTask(tctx, t, tid, time.Now(), &info.Polls, &info.Dialect)
	if err != nil {
		return info, err
	}
	c.tids.add(tid)
	info.TotalCount = st.TotalCount
	info.Start, info.End = c.answerWindow(ctx, st)
	_, err = callFn(st.Rows, fn, &info.Rows)
	return info, err
}

// answerWindow reads a task answer's data-time-range (inclusive to the second, in the zone
// the answer names or the appliance's) as a half-open window; zero when absent or unreadable.
func (c *Client) answerWindow(ctx context.Context, st *taskState) (time.Time, time.Time) {
	if st.WindowStart == "" || st.WindowEnd == "" {
		return time.Time{}, time.Time{}
	}
	loc, err := time.LoadLocation(st.WindowZone)
	if st.WindowZone == "" || err != nil {
		if loc, err = c.Location(ctx); err != nil {
			return time.Time{}, time.Time{}
		}
	}
	start, err1 := time.ParseInLocation(timeLayout, st.WindowStart, loc)
	end, err2 := time.ParseInLocation(timeLayout, st.WindowEnd, loc)
	if err1 != nil || err2 != nil || end.Before(start) {
		return time.Time{}, time.Time{}
	}
	return start, end.Add(time.Second)
}

// isUnknownSortColumn recognises FortiView's answer to a sort-by on a column it lacks
// ("Server error: Missing columns: '<col>'").
func isUnknownSortColumn(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && strings.Contains(ae.Message, "Missing columns")
}
