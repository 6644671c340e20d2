package faz

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Row is one record as the appliance sent it: numbers are json.Number (the
// caller converts), strings stay strings, nested objects and lists are
// map[string]any and []any.
type Row map[string]any

// Dialect names reported in TaskInfo.Dialect.
const (
	DialectReal = "real" // result is an object (apiver 3) or a legacy array with a data array
	DialectSeed = "seed" // result is a legacy-style array wrapping a data object (seed documents)
)

// response is one decoded JSON-RPC answer, reduced to what every caller needs.
type response struct {
	// Payload is the useful object: the v3 result object, or the legacy
	// result[0].data when it is an object, or result[0] itself.
	Payload map[string]any
	// List is result[0].data when it is an array (legacy list calls).
	List []any
	// Session is the top-level session id of a login answer.
	Session string
	// Dialect is DialectReal or DialectSeed (see decodeResponse).
	Dialect string
	// Empty is true when the answer had neither result nor error.
	Empty bool
	// parser kept the source text of the rows (Record.Raw); nil for a response built
	// another way.
	parser *jsonParser
}

// errMalformed marks a body that is not a JSON-RPC answer at all.
var errMalformed = errors.New("malformed JSON-RPC response")

// decodeResponse decodes a JSON-RPC body of either dialect. Errors carried by
// the body (top-level "error", non-zero legacy status, negative v3 status)
// come back as *APIError with method and url filled in.
func decodeResponse(body []byte, method, url string) (*response, error) {
	v, p, err := parseJSON(body)
	if err != nil {
		return nil, fmt.Errorf("faz: %s %s: %w: %v", method, url, errMalformed, err)
	}
	env, _ := v.(map[string]any)
	if env == nil {
		return nil, fmt.Errorf("faz: %s %s: %w: not an object", method, url, errMalformed)
	}
	r, err := responseFrom(env, method, url)
	if r != nil {
		r.parser = p
	}
	return r, err
}

// responseFrom reads a decoded JSON-RPC envelope of either dialect.
func responseFrom(env map[string]any, method, url string) (*response, error) {
	r := &response{Dialect: DialectReal}
	if s, ok := env["session"].(string); ok {
		r.Session = s
	}
	if e, ok := env["error"]; ok && e != nil {
		return nil, errorFrom(e, method, url)
	}
	res, ok := env["result"]
	if !ok || res == nil {
		r.Empty = true
		r.Payload = map[string]any{}
		return r, nil
	}
	switch v := res.(type) {
	case map[string]any:
		if err := statusErr(v["status"], method, url, true); err != nil {
			return nil, err
		}
		r.Payload = v
	case []any:
		if len(v) == 0 {
			r.Empty = true
			r.Payload = map[string]any{}
			return r, nil
		}
		item, ok := v[0].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("faz: %s %s: %w: result[0] is %T", method, url, errMalformed, v[0])
		}
		if err := statusErr(item["status"], method, url, false); err != nil {
			return nil, err
		}
		switch d := item["data"].(type) {
		case map[string]any:
			// A legacy envelope around a task object is the seed documents' shape.
			r.Payload = d
			if isTaskObject(d) {
				r.Dialect = DialectSeed
			}
		case []any:
			r.List = d
			r.Payload = item
		default:
			r.Payload = item
		}
	default:
		return nil, fmt.Errorf("faz: %s %s: %w: result is %T", method, url, errMalformed, res)
	}
	return r, nil
}

// isTaskObject reports whether a legacy data object looks like a task answer.
func isTaskObject(d map[string]any) bool {
	for _, k := range []string{"tid", "percentage", "status"} {
		if _, ok := d[k]; ok {
			return true
		}
	}
	return false
}

// errorFrom turns a JSON-RPC error object into an *APIError.
func errorFrom(e any, method, url string) error {
	ae := &APIError{Method: method, URL: url, Code: -1, Message: "unknown error"}
	switch v := e.(type) {
	case map[string]any:
		if c, ok := toInt(v["code"]); ok {
			ae.Code = c
		}
		if m, ok := v["message"].(string); ok {
			ae.Message = m
		}
	case string:
		ae.Message = v
	}
	return ae
}

// statusErr returns an *APIError for a failing status object. In the legacy
// dialect any non-zero code fails; in v3 objects only negative codes do,
// because a positive code has been reported while a task is still running.
func statusErr(st any, method, url string, v3 bool) error {
	m, ok := st.(map[string]any)
	if !ok {
		return nil
	}
	c, ok := toInt(m["code"])
	if !ok || c == 0 || (v3 && c > 0) {
		return nil
	}
	msg, _ := m["message"].(string)
	return &APIError{Code: c, Message: msg, Method: method, URL: url}
}

// toInt64 accepts a JSON number, a numeric string (integer or decimal, which
// is truncated) or a float, the forms the appliance uses for counters.
func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		return parseNum(string(n))
	case string:
		return parseNum(strings.TrimSpace(n))
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > 1<<62 {
			return 0, false
		}
		return int64(n), true
	case int:
		return int64(n), true
	case int64:
		return n, true
	case bool:
		if n {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func parseNum(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<62 {
		return 0, false
	}
	return int64(f), true
}

// toInt is toInt64 narrowed to int, refusing values that do not fit.
func toInt(v any) (int, bool) {
	i, ok := toInt64(v)
	if !ok || i > math.MaxInt32 || i < math.MinInt32 {
		return 0, false
	}
	return int(i), true
}

// taskState is a task answer (add or get) reduced to what the runners need.
type taskState struct {
	TID        int
	HasTID     bool
	Percentage int   // 0..100
	Known      bool  // percentage or a status string was present
	TotalCount int64 // -1 when absent
	Rows       []Row
	Raws       []string // each row's source text, when the parser kept it (else nil)
	Failed     string   // status "error"/"failed" message, if any
	// Window is the answer's data-time-range (start, end as the appliance prints them)
	// and the zone it names, when present.
	WindowStart, WindowEnd, WindowZone string
}

// taskFrom reads a task answer of either dialect from a decoded response.
func taskFrom(r *response) (*taskState, error) {
	p := r.Payload
	ts := &taskState{TotalCount: -1}
	if tid, ok := toInt(p["tid"]); ok {
		ts.TID, ts.HasTID = tid, true
	}
	if pc, ok := toInt(p["percentage"]); ok {
		ts.Percentage, ts.Known = clampPct(pc), true
	} else if pc, ok := toInt(p["progress-percent"]); ok {
		ts.Percentage, ts.Known = clampPct(pc), true
	}
	if s, ok := p["status"].(string); ok {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "done", "complete", "completed", "finished", "ok":
			ts.Percentage, ts.Known = 100, true
		case "running", "pending", "queued":
			if ts.Percentage >= 100 {
				ts.Percentage = 99 // a "running" task is not final whatever its percentage says
			}
			ts.Known = true
		case "error", "failed", "fail", "aborted", "cancelled":
			ts.Failed = s
		}
	}
	// The seed documents' "total" counts the rows returned, not the rows
	// that exist, so it is not a total here.
	for _, k := range []string{"total-count-all", "total-count", "total-lines"} {
		if n, ok := toInt64(p[k]); ok {
			ts.TotalCount = n
			break
		}
	}
	if tr, ok := p["data-time-range"].(map[string]any); ok {
		ts.WindowStart, _ = tr["start"].(string)
		ts.WindowEnd, _ = tr["end"].(string)
		ts.WindowZone, _ = p["timezone"].(string)
	}
	list := rowListFrom(p)
	rows, err := toRows(list)
	if err != nil {
		return nil, err
	}
	ts.Rows = rows
	ts.Raws = r.parser.sources(list)
	return ts, nil
}

func clampPct(p int) int {
	if p < 0 {
		return 0
	}
	if p > 100 {
		return 100
	}
	return p
}

// rowsFrom finds the rows of a task answer: the "data" array (real dialect),
// or the single array-valued key of a seed-style object such as "sources".
func rowsFrom(p map[string]any) ([]Row, error) {
	return toRows(rowListFrom(p))
}

// rowListFrom is the list rowsFrom converts (nil when there is none).
func rowListFrom(p map[string]any) []any {
	if d, ok := p["data"]; ok {
		switch v := d.(type) {
		case []any:
			return v
		case map[string]any:
			return rowListFrom(v)
		case nil:
			return nil
		}
	}
	var arr []any
	n := 0
	for _, v := range p {
		if a, ok := v.([]any); ok {
			arr = a
			n++
		}
	}
	if n == 1 {
		return arr
	}
	return nil
}

// toRows converts a list of JSON objects to rows; anything else is an error
// (silently dropping a malformed row would lose data).
func toRows(list []any) ([]Row, error) {
	if list == nil {
		return nil, nil
	}
	rows := make([]Row, 0, len(list))
	for i, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("faz: %w: row %d is %T, not an object", errMalformed, i, v)
		}
		rows = append(rows, Row(m))
	}
	return rows, nil
}
