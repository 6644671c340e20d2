package fazsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// fvTask is the request a FortiView task answers.
type fvTask struct {
	q          fvQuery
	limit      int
	offset     int
	sort       []sortKey
	countTotal bool
	start, end time.Time
	loc        *time.Location
}

// fvScope is where a FortiView url points: an ADOM (device from the
// "device" parameter) or one device's VDOM (the per-device url form).
type fvScope struct {
	adom  int
	key   string  // binds tids to the url form that created them
	fixed *devSel // set by the per-device form
	rest  []string
}

// fortiViewScope parses /fortiview/adom/{adom}/{view}/run[/{tid}] and
// /fortiview/dev/{serial}/vdom/{vdom}/{view}/run[/{tid}].
func (s *Server) fortiViewScope(segs []string) (fvScope, *rpcError) {
	if segs[1] == "adom" {
		adom, err := s.adomOf(segs[2])
		return fvScope{adom: adom, key: segs[2], rest: segs[3:]}, err
	}
	if len(segs) < 7 || segs[3] != "vdom" {
		return fvScope{}, errInvalidURL
	}
	idx, ok := s.data.bySerial[segs[2]]
	if !ok || !contains(s.data.devices[idx].VDOMs, segs[4]) {
		return fvScope{}, errDevNotFound
	}
	sel := devSel{devs: map[int]map[string]bool{idx: {segs[4]: true}}}
	return fvScope{adom: s.data.byADOM[s.data.devices[idx].ADOM], key: "dev/" + segs[2] + "/" + segs[4], fixed: &sel, rest: segs[5:]}, nil
}

// fortiView serves the FortiView task urls: add, get and delete.
func (s *Server) fortiView(c *call) (any, *rpcError) {
	sc, err := s.fortiViewScope(c.segs)
	if err != nil {
		return nil, err
	}
	viewName := sc.rest[0]
	def, ok := views[viewName]
	if !ok || contains(s.opts.WithoutViews, viewName) {
		return nil, &rpcError{-32602, "Cannot find FortiView '" + viewName + "'"}
	}
	n := len(sc.rest) // view, run[, tid]
	switch {
	case n == 2 && c.method == "add":
		return s.fortiViewAdd(c, def, sc)
	case n == 3 && (c.method == "get" || c.method == "delete"):
		tid, perr := strconv.Atoi(sc.rest[2])
		if perr != nil {
			return nil, errInvalidURL
		}
		if c.method == "delete" {
			return s.deleteTask(c, tid, kindFortiView, sc.key, viewName)
		}
		return s.fortiViewGet(c, tid, sc.key, viewName)
	case n == 2 || n == 3:
		return nil, notSupported(c)
	}
	return nil, errInvalidURL
}

// taskGone is the answer for an unknown, reaped or expired tid.
func taskGone(c *call, tid int) *rpcError {
	if c.env.seed {
		return &rpcError{-3, "Invalid task ID"}
	}
	return &rpcError{-32005, fmt.Sprintf("Invalid tid %d for fetching result", tid)}
}

func (s *Server) fortiViewAdd(c *call, def *viewDef, sc fvScope) (any, *rpcError) {
	adom := sc.adom
	var devs devSel
	if sc.fixed != nil {
		devs = *sc.fixed
	} else {
		var present bool
		var err *rpcError
		if devs, present, err = s.parseDevices(adom, c.p["device"]); err != nil {
			return nil, err
		}
		if !present {
			return nil, errNoDevice
		}
	}
	// The spec: limit defaults to 1000 (1..1000).
	tp, err := s.taskParams(c, 1000)
	if err != nil {
		return nil, err
	}
	start, end, loc, fstr, filter, limit, offset := tp.start, tp.end, tp.loc, tp.fstr, tp.filter, tp.limit, tp.offset
	if filter != nil {
		for _, f := range filter.fields(nil) {
			if !contains(def.filterFields, f) {
				return nil, invalidParams(fmt.Sprintf("filter '%s' not supported", f))
			}
		}
	}
	cols := def.columns
	if c.env.seed {
		cols = def.seedColumns
	}
	var keys []sortKey
	if raw, ok := c.p["sort-by"].([]any); ok {
		for _, item := range raw {
			m, _ := item.(map[string]any)
			field := strParam(m, "field")
			if field == "" {
				continue
			}
			if !contains(cols, field) {
				return nil, &rpcError{-32000, fmt.Sprintf("Server error: Missing columns: '%s'", field)}
			}
			// The spec's order defaults to asc.
			keys = append(keys, sortKey{field: field, desc: strings.EqualFold(strParam(m, "order"), "desc")})
		}
	}
	if len(keys) > 1 && !c.env.seed {
		// "Only support one field for this API" (the spec's sort-by).
		return nil, invalidParams("sort-by: only one field is supported")
	}
	sortCol := def.defaultSort
	if c.env.seed && !contains(cols, sortCol) {
		sortCol = "sessions"
		if !contains(cols, sortCol) && len(cols) > 0 {
			sortCol = cols[len(cols)-1]
		}
	}
	if len(keys) == 0 && sortCol != "" {
		keys = []sortKey{{field: sortCol, desc: true}}
	}
	lo, hi := s.data.IndexRange(start, end)
	q := fvQuery{view: def, adom: adom, devs: devs, lo: lo, hi: hi, filter: filter, fstr: fstr,
		cs: boolParam(c.p, "case-sensitive"), seed: c.env.seed, winSecs: end.Sub(start).Seconds()}
	t := &task{kind: kindFortiView, adom: sc.key, view: def.name, created: c.now,
		duration: s.opts.taskDuration(hi - lo),
		fv:       &fvTask{q: q, limit: limit, offset: offset, sort: keys, countTotal: boolParam(c.p, "count-total"), start: start, end: end, loc: loc}}
	if err := s.addTask(t); err != nil {
		return nil, err
	}
	return map[string]any{"tid": t.id}, nil
}

func (s *Server) fortiViewGet(c *call, tid int, adom, view string) (any, *rpcError) {
	t := s.getTask(tid, kindFortiView, adom, view, c.fault != nil && c.fault.Effect == FaultExpireTask)
	if t == nil {
		return nil, taskGone(c, tid)
	}
	ft := t.fv
	pct := t.percentage(c.now)
	premature := c.fault != nil && (c.fault.Effect == FaultPremature || c.fault.Effect == FaultPrematureZero)
	zeroTotal := c.fault != nil && c.fault.Effect == FaultPrematureZero
	q := ft.q
	if pct < 100 && !premature {
		// A running task answers with the aggregate of the rows scanned so
		// far: a partial, wrong top-N (what trips clients that do not poll).
		q.hi = q.lo + (q.hi-q.lo)*(pct/10)/10
	}
	all, aerr := s.aggregate(c.ctx, q)
	if aerr != nil {
		return nil, errInternal
	}
	rows := sortRows(all, ft.sort)
	page := []map[string]any{}
	if ft.offset < len(rows) && !premature {
		end := ft.offset + ft.limit
		if end > len(rows) {
			end = len(rows)
		}
		page = rows[ft.offset:end]
	}
	if premature {
		pct = 100
	}
	if c.env.seed {
		out := map[string]any{"tid": tid, "percentage": pct}
		if pct < 100 {
			out["status"] = "running"
			return out, nil
		}
		out["status"] = "done"
		out["total"] = len(page)
		list := make([]map[string]any, len(page))
		copy(list, page)
		out[ft.q.view.seedKey] = list
		return out, nil
	}
	data := make([]map[string]any, len(page))
	for i, r := range page {
		data[i] = realNumbers(r)
	}
	out := map[string]any{
		"tid": tid, "percentage": pct, "data": data, "return-lines": len(data),
		"status":          map[string]any{"code": 0, "message": "succeeded"},
		"timezone":        ft.loc.String(),
		"data-time-range": map[string]any{"start": fmtTime(ft.start, ft.loc), "end": fmtTime(ft.end, ft.loc)},
	}
	if ft.countTotal {
		out["total-count-all"] = len(rows)
		if zeroTotal {
			out["total-count-all"] = 0
		}
	}
	return out, nil
}

// deleteTask serves delete on a task url (FortiView or log search).
func (s *Server) deleteTask(c *call, tid int, kind taskKind, adom, view string) (any, *rpcError) {
	s.mu.Lock()
	t, ok := s.tasks[tid]
	s.mu.Unlock()
	if !ok || t.kind != kind || t.adom != adom || t.view != view || !s.endTask(tid, false) {
		return nil, taskGone(c, tid)
	}
	if c.env.seed {
		return map[string]any{"tid": tid, "status": "deleted"}, nil
	}
	return map[string]any{"tid": tid, "status": map[string]any{"code": 0, "message": "succeeded"}}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
