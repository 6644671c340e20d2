package faz

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// maxEmptyReruns bounds re-runs of a page that reported 100% with no rows
// while total-count says rows exist (the "premature 100%" of FAZ 7.6.7).
const maxEmptyReruns = 3

// LogSearchSpec describes one log search.
type LogSearchSpec struct {
	ADOM, LogType string    // e.g. "root", "traffic"
	Devices       []Device  // empty or a zero Device = all FortiGates
	Start, End    time.Time // [Start, End): End exclusive; sent in the appliance zone, inclusive to the second
	Filter        string    // a complete FAZ filter string (BuildFilter)
	CaseSensitive bool
	TimeOrder     string // "desc" (default) or "asc"
	Limit         int    // rows wanted; 0 = all
}

// SearchInfo describes a finished log search.
type SearchInfo struct {
	Pages      int    // pages delivered
	Searches   int    // searches created (one per page, plus re-runs)
	Reruns     int    // re-runs after an invalid tid or a premature empty page
	Confirmed  int    // empty pages searched a second time before being trusted
	Polls      int    // polling and fetching gets
	Rows       int    // rows handed to fn
	TotalCount int64  // last total-count reported (a floor), -1 if none
	Dialect    string // "real" or "seed"
}

var logTypeName = regexp.MustCompile(`^[a-z][a-z0-9\-]*$`)

// SearchLogs streams the rows of a log search to fn. Each page of up to
// 1000 rows is its own search (tids are single-use on 7.4+): add, poll with
// limit 0 until 100%, fetch once, delete. The next page's search is started
// while the current page is handed to fn, within the client's task limit,
// so at most two pages are in memory. Every search is deleted on every exit
// path, and the call returns only after its searches are deleted.
func (c *Client) SearchLogs(ctx context.Context, spec LogSearchSpec, fn func(Row) error) (SearchInfo, error) {
	info := SearchInfo{TotalCount: -1}
	base, err := c.logSearchParams(ctx, spec)
	if err != nil {
		return info, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pageSize := func(sent int) int {
		if spec.Limit > 0 {
			return min(c.pageRows, spec.Limit-sent)
		}
		return c.pageRows
	}
	// stats are merged from page goroutines one at a time (each page is
	// received before its stats are read), so no lock is needed.
	next := c.startPage(ctx, spec, base, 0, pageSize(0))
	for {
		pr := <-next
		c.mergeStats(&info, &pr.stats)
		if pr.err != nil {
			return info, pr.err
		}
		info.Pages++
		if pr.total >= 0 {
			info.TotalCount = pr.total
		}
		after := pr.offset + len(pr.rows)
		delivered := info.Rows + len(pr.rows)
		more := (len(pr.rows) == pr.limit || pr.total > int64(after)) && len(pr.rows) > 0 &&
			(spec.Limit == 0 || delivered < spec.Limit)
		var pending <-chan pageResult
		if more {
			pending = c.startPage(ctx, spec, base, after, pageSize(delivered))
		}
		stop, ferr := callFn(pr.rows, fn, &info.Rows)
		if stop || ferr != nil || !more {
			if pending != nil {
				cancel() // the prefetch deletes its search; wait for that
				last := <-pending
				c.mergeStats(&info, &last.stats)
			}
			return info, ferr
		}
		next = pending
	}
}

// pageResult is one fetched page of a log search.
type pageResult struct {
	offset, limit int
	rows          []Row
	total         int64
	stats         SearchInfo
	err           error
}

func (c *Client) mergeStats(dst, src *SearchInfo) {
	dst.Searches += src.Searches
	dst.Reruns += src.Reruns
	dst.Confirmed += src.Confirmed
	dst.Polls += src.Polls
	if src.Dialect != "" {
		dst.Dialect = src.Dialect
	}
}

// startPage fetches one page in its own goroutine.
func (c *Client) startPage(ctx context.Context, spec LogSearchSpec, base map[string]any, offset, limit int) <-chan pageResult {
	ch := make(chan pageResult, 1)
	go func() {
		pr := pageResult{offset: offset, limit: limit, total: -1}
		pr.rows, pr.total, pr.err = c.fetchLogPage(ctx, spec, base, offset, limit, &pr.stats)
		ch <- pr
	}()
	return ch
}

// fetchLogPage runs the searches for one page under one task slot until it
// gets a final page, re-running (bounded) after an invalid tid or a
// premature empty 100%.
func (c *Client) fetchLogPage(ctx context.Context, spec LogSearchSpec, base map[string]any, offset, limit int, st *SearchInfo) ([]Row, int64, error) {
	if err := c.acquireSlot(ctx); err != nil {
		return nil, -1, err
	}
	defer c.releaseSlot()
	p := cloneParams(base)
	p["limit"], p["offset"] = limit, offset
	t := &taskSpec{
		kind: "logsearch", adom: spec.ADOM, view: spec.LogType,
		addURL:       "/logview/adom/" + spec.ADOM + "/logsearch",
		addParams:    p,
		pollParams:   map[string]any{"apiver": 3, "limit": 0, "offset": offset},
		earlyInvalid: earlyInvalidPolls,
	}
	invalid, empty, confirmed := 0, 0, false
	for {
		rows, total, err := c.searchOnce(ctx, t, offset, limit, st)
		if err != nil {
			if isTaskInvalid(err) && invalid < c.cfg.TaskRecreates && ctx.Err() == nil {
				invalid++
				st.Reruns++
				continue
			}
			return nil, -1, err
		}
		if len(rows) == 0 && total > int64(offset) {
			if empty < maxEmptyReruns {
				empty++
				st.Reruns++
				c.log.Debug("premature empty page; searching again", "logtype", spec.LogType, "offset", offset, "total", total)
				continue
			}
			return nil, total, fmt.Errorf("faz: log search %s offset %d: the appliance kept returning an empty page although total-count is %d (%d re-runs)", spec.LogType, offset, total, empty)
		}
		if len(rows) == 0 && !confirmed {
			// An empty 100% page with a zero total may be FAZ 7.6.7's
			// premature completion; the fetch reaped the tid, so search
			// once more before trusting the emptiness.
			confirmed = true
			st.Confirmed++
			c.log.Debug("empty page; searching again to confirm", "logtype", spec.LogType, "offset", offset)
			continue
		}
		return rows, total, nil
	}
}

// searchOnce runs one search: add, poll until 100%, fetch, delete.
func (c *Client) searchOnce(ctx context.Context, t *taskSpec, offset, limit int, st *SearchInfo) ([]Row, int64, error) {
	tctx, cancel := c.withTaskDeadline(ctx)
	defer cancel()
	tid, dialect, err := c.createTask(tctx, t)
	if err != nil {
		return nil, -1, c.timeoutErr(tctx, t, 0, -1, err)
	}
	created := time.Now()
	st.Searches++
	st.Dialect = dialect
	defer c.deleteTask(ctx, t, tid)
	if _, err := c.pollTask(tctx, t, tid, created, &st.Polls, &st.Dialect); err != nil {
		return nil, -1, err
	}
	resp, err := c.call(tctx, request{Method: "get", URL: t.taskURL(tid),
		Params: map[string]any{"apiver": 3, "limit": limit, "offset": offset}, Replay: readReplay})
	st.Polls++
	if err != nil {
		if isTaskInvalid(err) {
			return nil, -1, c.invalidTaskErr(t, tid, err)
		}
		return nil, -1, c.timeoutErr(tctx, t, tid, 100, err)
	}
	fin, err := taskFrom(resp)
	if err != nil {
		return nil, -1, fmt.Errorf("faz: get %s: %w", t.taskURL(tid), err)
	}
	if fin.Known && fin.Percentage < 100 {
		// The fetch went back below 100%: never hand out a partial page.
		return nil, -1, &taskError{TID: tid, State: taskExpired, Kind: t.kind, View: t.view,
			Cause: fmt.Errorf("fetch reported %d%% after polling reported 100%%", fin.Percentage)}
	}
	rows := fin.Rows
	if len(rows) > limit {
		return nil, -1, fmt.Errorf("faz: get %s: %d rows for limit %d", t.taskURL(tid), len(rows), limit)
	}
	return rows, fin.TotalCount, nil
}

// logSearchParams validates spec and builds the add parameters shared by
// every page.
func (c *Client) logSearchParams(ctx context.Context, spec LogSearchSpec) (map[string]any, error) {
	if err := checkSegment("adom", spec.ADOM); err != nil {
		return nil, err
	}
	if !logTypeName.MatchString(spec.LogType) {
		return nil, paramErr("logtype", "want a log type such as traffic, event or webfilter, got %q", spec.LogType)
	}
	if spec.Limit < 0 {
		return nil, paramErr("limit", "want 0 (all rows) or a positive row count, got %d", spec.Limit)
	}
	order := strings.ToLower(spec.TimeOrder)
	if order == "" {
		order = "desc"
	}
	if order != "asc" && order != "desc" {
		return nil, paramErr("time_order", "want asc or desc, got %q", spec.TimeOrder)
	}
	tr, err := c.timeRange(ctx, spec.Start, spec.End)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"apiver":         3,
		"logtype":        spec.LogType,
		"device":         logviewDevices(spec.Devices),
		"time-range":     tr,
		"filter":         spec.Filter,
		"case-sensitive": spec.CaseSensitive,
		"time-order":     order,
	}, nil
}
