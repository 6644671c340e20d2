package fazsim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// intParam reads an integer parameter that may arrive as a JSON number or a
// numeric string (Postman collections send strings). present is false when
// the key is absent.
func intParam(p map[string]any, key string, def int) (v int, present bool, err *rpcError) {
	raw, ok := p[key]
	if !ok || raw == nil {
		return def, false, nil
	}
	var s string
	switch x := raw.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return 0, true, invalidParams(fmt.Sprintf("%s: want an integer, got %T", key, raw))
	}
	n, perr := strconv.Atoi(s)
	if perr != nil {
		return 0, true, invalidParams(fmt.Sprintf("%s: want an integer, got %q", key, s))
	}
	if n < 0 {
		return 0, true, invalidParams(fmt.Sprintf("%s: %d must not be negative", key, n))
	}
	return n, true, nil
}

// boolParam reads a boolean that may be a JSON bool, 0/1 or "true"/"false".
func boolParam(p map[string]any, key string) bool {
	switch x := p[key].(type) {
	case bool:
		return x
	case json.Number:
		return x.String() != "0"
	case string:
		return x == "true" || x == "1" || x == "enable"
	}
	return false
}

// strParam reads a string parameter ("" when absent or not a string).
func strParam(p map[string]any, key string) string {
	s, _ := p[key].(string)
	return s
}

// limitParam reads limit with FAZ's per-call cap.
func limitParam(p map[string]any, def, max int) (int, bool, *rpcError) {
	n, present, err := intParam(p, "limit", def)
	if err != nil {
		return 0, present, err
	}
	if n > max {
		return 0, present, invalidParams(fmt.Sprintf("limit: %d is bigger than max value %d", n, max))
	}
	return n, present, nil
}

// callParams returns params[0], merging a "data" wrapper's keys in the seed
// dialect, whose stylised documents put parameters there.
func callParams(req *rpcRequest, seed bool) map[string]any {
	if len(req.Params) == 0 || req.Params[0] == nil {
		return map[string]any{}
	}
	p := req.Params[0]
	if d, ok := p["data"].(map[string]any); ok && seed {
		merged := make(map[string]any, len(p)+len(d))
		for k, v := range d {
			merged[k] = v
		}
		for k, v := range p {
			merged[k] = v
		}
		return merged
	}
	return p
}

// addParams are the parameters FortiView and log-search adds share.
type addParams struct {
	start, end    time.Time
	loc           *time.Location
	fstr          string     // the filter as sent
	filter        filterExpr // nil when empty
	limit, offset int
}

// taskParams reads the time range (required), filter, limit (at most 1000, defLimit when
// absent) and offset of a task add, with the appliance's errors.
func (s *Server) taskParams(c *call, defLimit int) (addParams, *rpcError) {
	var p addParams
	var err *rpcError
	if p.start, p.end, p.loc, err = s.timeRange(c, true); err != nil {
		return p, err
	}
	p.fstr = strParam(c.p, "filter")
	filter, ferr := parseFilter(p.fstr)
	if ferr != nil {
		return p, errBadFilter
	}
	p.filter = filter
	if p.limit, _, err = limitParam(c.p, defLimit, 1000); err != nil {
		return p, err
	}
	if p.offset, _, err = intParam(c.p, "offset", 0); err != nil {
		return p, err
	}
	return p, nil
}
