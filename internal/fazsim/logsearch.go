package fazsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// lsTask is a log search: the matches the scan found (up to offset+limit)
// and how far it had to scan, which sets its duration.
type lsTask struct {
	cur     *matchCursor
	matches []int32
	scanned int
	offset  int
	limit   int
	seed    bool
}

// logSearch serves /logview/adom/{adom}/logsearch[/{tid}] (and count/{tid}).
func (s *Server) logSearch(c *call) (any, *rpcError) {
	adomName := c.segs[2]
	adom, err := s.adomOf(adomName)
	if err != nil {
		return nil, err
	}
	n := len(c.segs)
	switch {
	case n == 4 && c.method == "add":
		return s.logSearchAdd(c, adom)
	case n == 5 && (c.method == "get" || c.method == "delete"):
		tid, perr := strconv.Atoi(c.segs[4])
		if perr != nil {
			return nil, errInvalidURL
		}
		if c.method == "delete" {
			return s.deleteTask(c, tid, kindLogSearch, adomName, "")
		}
		return s.logSearchGet(c, tid, adomName)
	case n == 6 && c.segs[4] == "count" && c.method == "get":
		tid, perr := strconv.Atoi(c.segs[5])
		if perr != nil {
			return nil, errInvalidURL
		}
		return s.logSearchCount(c, tid, adomName)
	case n == 4 || n == 5:
		return nil, notSupported(c)
	}
	return nil, errInvalidURL
}

// logTypeSet resolves the logtype parameter: aliases, "utm" meaning every
// type, types the simulator has no rows for (valid, empty).
func logTypeSet(lt string) (map[string]bool, *rpcError) {
	lt = strings.ToLower(strings.TrimSpace(lt))
	if lt == "" {
		lt = "traffic"
	}
	if a, ok := logTypeAliases[lt]; ok {
		lt = a
	}
	if lt == "utm" {
		return nil, nil // silently "all", like the appliance
	}
	if !knownLogTypes[lt] {
		return nil, invalidParams(fmt.Sprintf("logtype '%s' not supported", lt))
	}
	return map[string]bool{lt: true}, nil
}

func (s *Server) logSearchAdd(c *call, adom int) (any, *rpcError) {
	types, err := logTypeSet(strParam(c.p, "logtype"))
	if err != nil {
		return nil, err
	}
	devs, _, err := s.parseDevices(adom, c.p["device"])
	if err != nil {
		return nil, err
	}
	tp, err := s.taskParams(c, 100)
	if err != nil {
		return nil, err
	}
	start, end, fstr, filter, limit, offset := tp.start, tp.end, tp.fstr, tp.filter, tp.limit, tp.offset
	desc := !strings.EqualFold(strParam(c.p, "time-order"), "asc")
	cs := boolParam(c.p, "case-sensitive")
	lo, hi := s.data.IndexRange(start, end)
	// Reserve the slot before scanning so a refused add costs nothing.
	t := &task{kind: kindLogSearch, adom: s.data.adoms[adom].Name, created: c.now}
	if err := s.addTask(t); err != nil {
		return nil, err
	}
	key := strings.Join([]string{strconv.Itoa(adom), fmt.Sprint(types), devs.key(s.data), strconv.Itoa(lo), strconv.Itoa(hi),
		fstr, strconv.FormatBool(cs), strconv.FormatBool(desc)}, "\x00")
	// Late indexing (Options.IndexLag): the search sees the rows indexed by the clock's
	// reading at its add, so its cursor is its own (what it can see is not the next
	// search's).
	lagged := s.opts.IndexLag > 0
	indexedBy := c.now
	if lagged {
		key += "\x00" + strconv.FormatInt(indexedBy.UnixNano(), 10)
	}
	cur, ok := s.scans.get(key)
	if !ok {
		cur = &matchCursor{lo: lo, hi: hi, desc: desc, ds: s.data, match: func(r *LogRow) bool {
			if r.adom != adom || (types != nil && !types[r.LogType]) || !devs.matches(r) {
				return false
			}
			if lagged && r.IndexedAt().After(indexedBy) {
				return false // received, not yet indexed
			}
			return filter == nil || filter.match(r.Field, cs)
		}}
		s.scans.put(key, cur)
	}
	matches, scanned, serr := cur.extend(c.ctx, offset+limit)
	if serr != nil {
		s.endTask(t.id, false)
		return nil, errInternal
	}
	s.mu.Lock()
	t.ls = &lsTask{cur: cur, matches: matches, scanned: scanned, offset: offset, limit: limit, seed: c.env.seed}
	t.duration = s.opts.taskDuration(scanned)
	s.mu.Unlock()
	return map[string]any{"tid": t.id}, nil
}

// lsProgress returns the task's percentage and the matches found so far.
func (t *task) lsProgress(now time.Time) (int, []int32) {
	ls := t.ls
	pct := t.percentage(now)
	if pct >= 100 {
		return 100, ls.matches
	}
	n := int(float64(ls.scanned) * t.progress(now))
	return pct, ls.matches[:ls.cur.foundBy(ls.matches, n)]
}

func (s *Server) logSearchGet(c *call, tid int, adom string) (any, *rpcError) {
	t := s.getTask(tid, kindLogSearch, adom, "", c.fault != nil && c.fault.Effect == FaultExpireTask)
	if t == nil || t.ls == nil {
		return nil, taskGone(c, tid)
	}
	if c.now.Sub(t.created) < s.opts.RegisterDelay {
		return nil, taskGone(c, tid) // not registered yet: the real early-fetch error
	}
	limit, limitGiven, err := limitParam(c.p, t.ls.limit, 1000)
	if err != nil {
		return nil, err
	}
	offset, offGiven, err := intParam(c.p, "offset", t.ls.offset)
	if err != nil {
		return nil, err
	}
	if !offGiven {
		offset = t.ls.offset
	}
	pct, found := t.lsProgress(c.now)
	total := len(found)
	var page []int32
	if limitGiven && limit == 0 {
		// A progress probe: no rows, the tid survives.
	} else {
		if offset < len(found) {
			end := offset + limit
			if end > len(found) {
				end = len(found)
			}
			page = found[offset:end]
		}
		s.endTask(tid, true) // the first fetch of a page reaps the tid, finished or not
	}
	if c.fault != nil && c.fault.Effect == FaultPremature {
		pct, page = 100, nil
		if total <= offset {
			total = offset + 1
		}
	}
	if c.fault != nil && c.fault.Effect == FaultPrematureZero {
		pct, page, total = 100, nil, 0
	}
	rows := make([]any, len(page))
	for i, idx := range page {
		rows[i] = s.renderLog(s.data.Row(int(idx)), c.env.seed)
	}
	if c.env.seed {
		out := map[string]any{"tid": tid, "percentage": pct, "total": total, "logs": rows}
		out["status"] = "done"
		if pct < 100 {
			out["status"] = "running"
		}
		return out, nil
	}
	return map[string]any{
		"percentage": pct, "data": rows, "return-lines": len(rows), "total-count": total,
		"status": map[string]any{"code": 0, "message": "succeeded"},
	}, nil
}

// logSearchCount serves the 7.x count endpoint (progress without reaping).
func (s *Server) logSearchCount(c *call, tid int, adom string) (any, *rpcError) {
	t := s.getTask(tid, kindLogSearch, adom, "", false)
	if t == nil || t.ls == nil {
		return nil, taskGone(c, tid)
	}
	pct, found := t.lsProgress(c.now)
	scanned := int(float64(t.ls.scanned) * t.progress(c.now))
	return map[string]any{"progress-percent": pct, "matched-logs": len(found), "scanned-logs": scanned,
		"total-logs": t.ls.cur.hi - t.ls.cur.lo}, nil
}

// seedIntFields are printed as JSON numbers in the seed dialect.
var seedIntFields = map[string]bool{"itime": true, "srcport": true, "dstport": true, "proto": true, "policyid": true, "sentbyte": true,
	"rcvdbyte": true, "sentpkt": true, "rcvdpkt": true, "duration": true, "appid": true, "catid": true, "crscore": true}

// renderLog prints a log row: all strings in the real dialect (as FAZ
// does), integers as numbers in the seed dialect.
func (s *Server) renderLog(r LogRow, seed bool) orderedRow {
	out := make(orderedRow, 0, 48)
	for _, k := range rowFields {
		v, ok := r.Field(k)
		if !ok {
			continue
		}
		if seed && seedIntFields[k] {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				out = append(out, rowField{key: k, num: n, isN: true})
				continue
			}
		}
		out = append(out, rowField{key: k, str: v})
	}
	return out
}
