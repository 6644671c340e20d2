package faz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// maxEmptyReruns bounds re-runs of a page that reported 100% with no rows
// while total-count says rows exist (the "premature 100%" of FAZ 7.6.7).
const maxEmptyReruns = 3

// LogSearchSpec describes one log search.
type LogSearchSpec struct {
	ADOM, LogType string    // e.g. "root", "traffic"
	Devices       []Device  // empty or a zero Device = all FortiGates
	Start, End    time.Time // [Start, End): End exclusive (zero: the query's start); sent in the appliance zone, inclusive to the second
	Filter        string    // a complete FAZ filter string (BuildFilter)
	CaseSensitive bool
	TimeOrder     string // "desc" (default) or "asc"
	Limit         int    // rows wanted; 0 = all
}

// Record is one log row and its bytes as the appliance sent them. Raw belongs to the
// callee: the client never reuses it after fn returns.
type Record struct {
	Row Row
	Raw json.RawMessage
}

// SearchInfo describes a finished log search.
type SearchInfo struct {
	Pages       int    // pages delivered
	Searches    int    // searches created (one per page, plus re-runs and confirmations)
	Reruns      int    // re-runs after an invalid tid or a premature empty page
	Confirmed   int    // empty pages searched a second time before being trusted
	Polls       int    // polling and fetching gets
	Rows        int    // rows handed to fn
	Skipped     int    // rows met again at a keyset boundary second and not handed out twice
	Slices      int    // time slices paged concurrently (1: one keyset sequence)
	OffsetPages int    // pages read by offset inside one second holding more than a page
	TotalCount  int64  // total-count of the first search (a floor), -1 if none
	Dialect     string // "real" or "seed"
}

var logTypeName = regexp.MustCompile(`^[a-z][a-z0-9\-]*$`)

// SearchLogs streams the rows of a log search to fn; see SearchLogRecords.
func (c *Client) SearchLogs(ctx context.Context, spec LogSearchSpec, fn func(Row) error) (SearchInfo, error) {
	return c.searchLogs(ctx, spec, func(r logRow) error { return fn(r.row) })
}

// SearchLogRecords streams the rows of a log search to fn, each with its original bytes.
//
// The window's end is frozen when the call starts (a zero End is that moment). Pages are
// keyset pages on the receive time (itime): each search is a new task (tids are
// single-use on 7.4+: add, poll with limit 0 until 100%, fetch once, delete) whose
// time-range ends (time-order desc; starts, asc) at the last itime the previous page
// held, inclusive to the second, and the rows of that second met again are recognised
// by their id (by their bytes when they have none) and not handed out twice. Logs that
// the appliance indexes late therefore neither repeat nor push a row out of the result,
// as they do with offset paging. Offset paging remains inside one second holding more
// than a page of rows. A query whose Limit fits in one page costs one search. When the
// first page shows more pages to come, the rest of the window is cut into time slices
// paged concurrently within the client's task limit and handed to fn in order, each
// slice holding at most one page ahead. Every search is deleted on every exit path, and
// the call returns only after its searches are deleted.
func (c *Client) SearchLogRecords(ctx context.Context, spec LogSearchSpec, fn func(Record) error) (SearchInfo, error) {
	return c.searchLogs(ctx, spec, func(r logRow) error {
		return fn(Record{Row: r.row, Raw: json.RawMessage(r.src)})
	})
}

// DecodeLogRecords decodes a log-search fetch answer of either dialect the way
// SearchLogRecords does and hands its rows to fn; an error answer is an *APIError. It
// exists to measure the decoder alone (bench/).
func DecodeLogRecords(body []byte, fn func(Record) error) error {
	resp, err := decodeResponse(body, "get", "/logview/adom/-/logsearch/-")
	if err != nil {
		return err
	}
	st, err := taskFrom(resp)
	if err != nil {
		return err
	}
	for i, r := range st.Rows {
		rec := Record{Row: r}
		if i < len(st.Raws) {
			rec.Raw = json.RawMessage(st.Raws[i])
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// logRow is a row and its source text ("" when the decoder did not keep it).
type logRow struct {
	row Row
	src string
}

// The pagers: keyset (the default) and offset (the pager before keyset paging, kept
// for comparisons: Config.LogPaging).
const (
	pagingKeyset = "keyset"
	pagingOffset = "offset"
)

func (c *Client) searchLogs(ctx context.Context, spec LogSearchSpec, emit func(logRow) error) (SearchInfo, error) {
	info := SearchInfo{TotalCount: -1}
	if spec.End.IsZero() {
		spec.End = time.Now() // frozen: later pages search this same window
	}
	base, err := c.logSearchParams(ctx, spec)
	if err != nil {
		return info, err
	}
	first, last := ceilSecond(spec.Start).Unix(), ceilSecond(spec.End).Unix()-1
	if c.cfg.LogPaging == pagingOffset {
		return c.offsetSearch(ctx, spec, base, first, last, emit)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ks := &keysetRun{c: c, spec: spec, base: base, desc: base["time-order"] == "desc"}

	// The first page searches the whole window: a Limit that fits in one page costs one search.
	whole := &slice{lo: first, hi: last, limit: spec.Limit}
	whole.edge = whole.start(ks.desc)
	var st SearchInfo
	rows, more, total, err := ks.page(ctx, whole, &st)
	c.mergeStats(&info, &st)
	info.TotalCount = total
	if err != nil {
		return info, err
	}
	info.Pages, info.Slices = 1, 1
	var cut *slicer
	switch {
	case !more || (spec.Limit > 0 && len(rows) >= spec.Limit):
	case whole.keyless:
		// Offset paging (no itime to key on) cannot be cut: offsets count the whole window.
		cut = &slicer{ks: ks, first: whole, done: true}
	default:
		cut = ks.newSlicer(whole, last-first+1, len(rows))
	}
	// A window of slices in flight, each one page ahead, handed out in order; the next
	// slice starts when the oldest is finished.
	var active []*slice
	inFlight := ks.c.cfg.MaxConcurrentTasks
	if spec.Limit > 0 {
		inFlight = min(inFlight, (spec.Limit-len(rows))/max(ks.c.pageRows*sliceFill/100, 1)+1)
	}
	for cut != nil && len(active) < inFlight {
		sl := cut.next()
		if sl == nil {
			break
		}
		ks.start(ctx, sl)
		active = append(active, sl)
	}
	stop, ferr := emitRows(rows, emit, &info.Rows, spec.Limit)
	for len(active) > 0 && !stop && ferr == nil {
		sl := active[0]
		active = active[1:]
		for pg := range sl.out {
			if pg.err != nil {
				ferr = pg.err
				break
			}
			info.Pages++
			if stop, ferr = emitRows(pg.rows, emit, &info.Rows, spec.Limit); stop || ferr != nil {
				break
			}
		}
		if stop || ferr != nil {
			break
		}
		cut.observe(sl)
		if next := cut.next(); next != nil {
			ks.start(ctx, next)
			active = append(active, next)
		}
	}
	if cut != nil {
		info.Slices = cut.made
	}
	cancel()
	ks.wait()
	ks.mu.Lock()
	c.mergeStats(&info, &ks.stats)
	ks.mu.Unlock()
	return info, ferr
}

// emitRows hands rows to emit until limit (0: no limit) rows have been sent in all;
// stop reports that the search is over (limit reached, ErrStop or an error).
func emitRows(rows []logRow, emit func(logRow) error, sent *int, limit int) (stop bool, err error) {
	for _, r := range rows {
		if limit > 0 && *sent >= limit {
			return true, nil
		}
		if err := emit(r); err != nil {
			if errors.Is(err, ErrStop) {
				return true, nil
			}
			return true, err
		}
		*sent++
	}
	return limit > 0 && *sent >= limit, nil
}

// keysetRun is one keyset search: its slices' goroutines and their merged statistics.
type keysetRun struct {
	c     *Client
	spec  LogSearchSpec
	base  map[string]any
	desc  bool
	wg    sync.WaitGroup
	mu    sync.Mutex
	stats SearchInfo
}

// wait returns once every slice's goroutine has ended (their searches deleted).
func (ks *keysetRun) wait() { ks.wg.Wait() }

// slice is a range of whole seconds [lo, hi] of the frozen window, keyset-paged.
type slice struct {
	lo, hi int64
	limit  int // rows the query may still want from it (0: all)
	out    chan pageOut

	edge    int64          // the second the next search starts from (hi for desc, lo for asc)
	offset  int            // rows of the edge second passed by offset (crowded second)
	crowded bool           // the edge second holds more than a page: offset paging inside it
	again   map[string]int // keys of rows emitted at the edge second, still to be met again
	pending int            // sum of again
	seen    map[string]bool
	keyless bool // a row had no itime: plain offset paging from then on
	sent    int  // rows this slice handed out
	done    bool
}

// pageOut is one page of a slice, or the error that ended it.
type pageOut struct {
	rows []logRow
	err  error
}

func (sl *slice) start(desc bool) int64 {
	if desc {
		return sl.hi
	}
	return sl.lo
}

// sliceFill is the share (percent) of a page a slice is cut to hold, by the density seen
// so far: a slice then takes one search (a full page would take a second search to find
// the slice's end), and rows bunching up a little do not spill into a second page.
const sliceFill = 80

// slicer cuts what remains of the window after its first page into time slices, in the
// order their rows are handed out, each sized to hold about sliceFill% of a page at the
// density seen so far. The first slice continues the first page's keyset state (its
// edge second and the rows met there). Slices are made one at a time, as the window of
// slices in flight moves on.
type slicer struct {
	ks         *keysetRun
	first      *slice
	a, b       int64 // the remaining range, whole seconds
	next0      int64 // desc: the next slice's hi; asc: its lo
	width      int64 // seconds per slice
	rows, secs int64 // rows and seconds seen so far (density)
	made       int
	done       bool // no slice left to make, but first when not yet made
}

func (ks *keysetRun) newSlicer(whole *slice, windowSecs int64, firstRows int) *slicer {
	cut := &slicer{ks: ks, first: whole}
	if ks.desc {
		cut.a, cut.b = whole.lo, whole.edge
		cut.next0 = cut.b
	} else {
		cut.a, cut.b = whole.edge, whole.hi
		cut.next0 = cut.a
	}
	remSecs := cut.b - cut.a + 1
	cut.rows, cut.secs = int64(firstRows), max(windowSecs-remSecs+1, 1) // the first page's span
	cut.resize()
	return cut
}

// resize sets the slice width from the density seen so far.
func (cut *slicer) resize() {
	want := float64(cut.ks.c.pageRows) * sliceFill / 100
	if cut.rows == 0 {
		cut.width = max(cut.width*2, 1)
		return
	}
	cut.width = max(int64(want*float64(cut.secs)/float64(cut.rows)), 1)
}

// observe counts a finished slice into the density.
func (cut *slicer) observe(sl *slice) {
	cut.rows += int64(sl.sent)
	cut.secs += sl.hi - sl.lo + 1
	cut.resize()
}

// next makes the next slice, nil when the window is covered.
func (cut *slicer) next() *slice {
	if cut.made == 0 && cut.done {
		cut.made++
		cut.first.out = make(chan pageOut)
		return cut.first // uncut (offset paging)
	}
	if cut.done || cut.next0 < cut.a || cut.next0 > cut.b {
		return nil
	}
	sl := &slice{}
	if cut.made == 0 {
		sl = cut.first // its keyset state carries on; it counts the rows it still hands out
		sl.sent = 0
	}
	if cut.ks.desc {
		sl.hi, sl.lo = cut.next0, max(cut.next0-cut.width+1, cut.a)
		cut.next0 = sl.lo - 1
	} else {
		sl.lo, sl.hi = cut.next0, min(cut.next0+cut.width-1, cut.b)
		cut.next0 = sl.hi + 1
	}
	if cut.made > 0 {
		sl.edge = sl.start(cut.ks.desc)
	}
	sl.limit = 0
	if cut.ks.spec.Limit > 0 {
		sl.limit = cut.ks.spec.Limit - int(cut.rows) // an upper bound: rows seen so far were handed out or are in flight
	}
	sl.out = make(chan pageOut)
	cut.made++
	return sl
}

// start pages sl in its own goroutine, one page ahead of the consumer.
func (ks *keysetRun) start(ctx context.Context, sl *slice) {
	ks.wg.Add(1)
	go func() {
		defer ks.wg.Done()
		defer close(sl.out)
		for !sl.done {
			var st SearchInfo
			rows, _, _, err := ks.page(ctx, sl, &st)
			ks.mu.Lock()
			ks.c.mergeStats(&ks.stats, &st)
			ks.mu.Unlock()
			select {
			case sl.out <- pageOut{rows: rows, err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
}

// page fetches sl's next page, drops the rows already handed out at its edge second and
// moves the edge: to the page's last itime when the page spans several seconds, or by
// offset inside the edge second when the whole page is in it. more reports that the
// slice has rows left.
func (ks *keysetRun) page(ctx context.Context, sl *slice, st *SearchInfo) (rows []logRow, more bool, total int64, err error) {
	n := ks.c.pageRows
	if sl.limit > 0 {
		n = min(n, sl.limit-sl.sent+sl.pending)
	}
	lo, hi := sl.lo, sl.hi
	if ks.desc {
		hi = sl.edge
	} else {
		lo = sl.edge
	}
	tr, err := ks.c.secondsRange(ctx, lo, hi)
	if err != nil {
		return nil, false, -1, err
	}
	if sl.crowded || sl.keyless {
		st.OffsetPages++
	}
	got, total, err := ks.c.fetchLogPage(ctx, ks.spec, ks.base, tr, sl.offset, n, st)
	if err != nil {
		sl.done = true
		return nil, false, total, err
	}
	rows = make([]logRow, 0, len(got))
	var bound int64 // the page's oldest (desc) or newest (asc) itime
	boundOK := len(got) > 0
	for i, r := range got {
		it, ok := toInt64(r.row["itime"])
		if !ok {
			boundOK = false
		} else if i == 0 || (ks.desc && it < bound) || (!ks.desc && it > bound) {
			bound = it
		}
		if ok && it == sl.edge && !sl.keyless {
			k := rowKey(r)
			if sl.crowded {
				if sl.seen[k] {
					st.Skipped++
					continue
				}
				sl.seen[k] = true
			} else if sl.again[k] > 0 {
				sl.again[k]--
				sl.pending--
				st.Skipped++
				continue
			}
		}
		rows = append(rows, r)
	}
	if boundOK && ((ks.desc && bound > sl.edge) || (!ks.desc && bound < sl.edge)) {
		sl.done = true
		return nil, false, total, fmt.Errorf("faz: log search %s: the appliance returned rows outside the time-range searched (itime %d beyond %d)", ks.spec.LogType, bound, sl.edge)
	}
	sl.sent += len(rows)
	more = len(got) > 0 && (len(got) == n || total > int64(sl.offset+len(got))) &&
		(sl.limit == 0 || sl.sent < sl.limit)
	switch {
	case !more:
		sl.done = true
	case sl.keyless || !boundOK:
		// No receive time to key on: the offset pager's way, for the rest of this slice.
		sl.keyless = true
		sl.offset += len(got)
	case bound == sl.edge:
		// The whole page is in the edge second: page through it by offset.
		if !sl.crowded {
			sl.crowded, sl.seen = true, map[string]bool{}
			for k := range sl.again {
				sl.seen[k] = true
			}
			for _, r := range got {
				if it, _ := toInt64(r.row["itime"]); it == sl.edge {
					sl.seen[rowKey(r)] = true
				}
			}
			sl.again, sl.pending = nil, 0
		}
		sl.offset += len(got)
	default:
		// The next search ends (starts, asc) at the page's last second; its rows of that
		// second come first and are met again.
		sl.edge, sl.offset, sl.crowded, sl.seen = bound, 0, false, nil
		sl.again, sl.pending = map[string]int{}, 0
		for _, r := range got {
			if it, _ := toInt64(r.row["itime"]); it == bound {
				sl.again[rowKey(r)]++
				sl.pending++
			}
		}
		if (ks.desc && sl.edge < sl.lo) || (!ks.desc && sl.edge > sl.hi) {
			sl.done = true
		}
	}
	return rows, more, total, nil
}

// rowKey identifies a row within one second: its log id, or its bytes when it has none.
func rowKey(r logRow) string {
	switch id := r.row["id"].(type) {
	case string:
		if id != "" {
			return "i" + id
		}
	case json.Number:
		return "i" + id.String()
	}
	src := r.src
	if src == "" {
		b, _ := json.Marshal(r.row)
		src = string(b)
	}
	return "b" + src
}

// secondsRange is the time-range of the whole seconds [lo, hi].
func (c *Client) secondsRange(ctx context.Context, lo, hi int64) (map[string]any, error) {
	return c.timeRange(ctx, time.Unix(lo, 0), time.Unix(hi+1, 0))
}

// offsetSearch is the pager before keyset paging: one search per page at growing
// offsets of the same window, the next page prefetched. A log indexed late before the
// offset repeats a row; Config.LogPaging "offset" selects it, for comparisons.
func (c *Client) offsetSearch(ctx context.Context, spec LogSearchSpec, base map[string]any, first, last int64, emit func(logRow) error) (SearchInfo, error) {
	info := SearchInfo{TotalCount: -1, Slices: 1}
	tr, err := c.secondsRange(ctx, first, last)
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
	next := c.startPage(ctx, spec, base, tr, 0, pageSize(0))
	for {
		pr := <-next
		c.mergeStats(&info, &pr.stats)
		if pr.err != nil {
			return info, pr.err
		}
		info.Pages++
		info.OffsetPages++
		if pr.total >= 0 && info.TotalCount < 0 {
			info.TotalCount = pr.total
		}
		after := pr.offset + len(pr.rows)
		delivered := info.Rows + len(pr.rows)
		more := (len(pr.rows) == pr.limit || pr.total > int64(after)) && len(pr.rows) > 0 &&
			(spec.Limit == 0 || delivered < spec.Limit)
		var pending <-chan pageResult
		if more {
			pending = c.startPage(ctx, spec, base, tr, after, pageSize(delivered))
		}
		stop, ferr := emitRows(pr.rows, emit, &info.Rows, 0)
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

// pageResult is one fetched page of the offset pager.
type pageResult struct {
	offset, limit int
	rows          []logRow
	total         int64
	stats         SearchInfo
	err           error
}

func (c *Client) mergeStats(dst, src *SearchInfo) {
	dst.Searches += src.Searches
	dst.Reruns += src.Reruns
	dst.Confirmed += src.Confirmed
	dst.Polls += src.Polls
	dst.Skipped += src.Skipped
	dst.OffsetPages += src.OffsetPages
	if src.Dialect != "" {
		dst.Dialect = src.Dialect
	}
}

// startPage fetches one page in its own goroutine.
func (c *Client) startPage(ctx context.Context, spec LogSearchSpec, base, tr map[string]any, offset, limit int) <-chan pageResult {
	ch := make(chan pageResult, 1)
	go func() {
		pr := pageResult{offset: offset, limit: limit, total: -1}
		pr.rows, pr.total, pr.err = c.fetchLogPage(ctx, spec, base, tr, offset, limit, &pr.stats)
		ch <- pr
	}()
	return ch
}

// fetchLogPage runs the searches for one page of the time-range tr under one task slot
// until it gets a final page, re-running (bounded) after an invalid tid or a premature
// empty 100%.
func (c *Client) fetchLogPage(ctx context.Context, spec LogSearchSpec, base, tr map[string]any, offset, limit int, st *SearchInfo) ([]logRow, int64, error) {
	if err := c.acquireSlot(ctx); err != nil {
		return nil, -1, err
	}
	defer c.releaseSlot()
	p := cloneParams(base)
	p["time-range"] = tr
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
func (c *Client) searchOnce(ctx context.Context, t *taskSpec, offset, limit int, st *SearchInfo) ([]logRow, int64, error) {
	tid, dialect, err := c.createQueued(ctx, t)
	if err != nil {
		if tid != 0 {
			st.Searches++ // created, then deleted at once: the caller had given up
		}
		return nil, -1, err
	}
	tctx, cancel := c.withTaskDeadline(ctx)
	defer cancel()
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
	if len(fin.Rows) > limit {
		return nil, -1, fmt.Errorf("faz: get %s: %d rows for limit %d", t.taskURL(tid), len(fin.Rows), limit)
	}
	rows := make([]logRow, len(fin.Rows))
	for i, r := range fin.Rows {
		rows[i].row = r
		if i < len(fin.Raws) {
			rows[i].src = fin.Raws[i]
		}
	}
	return rows, fin.TotalCount, nil
}

// logSearchParams validates spec (its window included) and builds the add parameters
// shared by every page, all but the time-range.
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
	if _, err := c.timeRange(ctx, spec.Start, spec.End); err != nil {
		return nil, err
	}
	return map[string]any{
		"apiver":         3,
		"logtype":        spec.LogType,
		"device":         logviewDevices(spec.Devices),
		"filter":         spec.Filter,
		"case-sensitive": spec.CaseSensitive,
		"time-order":     order,
	}, nil
}
