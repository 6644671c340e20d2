package fazsim

import (
	"encoding/json"
	"strings"
)

// rpcRequest is the JSON-RPC request envelope FAZ accepts.
type rpcRequest struct {
	ID      json.RawMessage  `json:"id"`
	Method  string           `json:"method"`
	Params  []map[string]any `json:"params"`
	Session any              `json:"session"`
	JSONRPC string           `json:"jsonrpc"`
}

// rpcError is an error answer; the envelope decides how it is printed
// (legacy result status, apiver-3 top-level error, or seed result status).
type rpcError struct {
	Code    int
	Message string
}

// Error codes and messages reproduced from the appliance (faz-api.md §2).
var (
	errNoPermission = &rpcError{-11, "No permission for the resource"}
	errLoginFail    = &rpcError{-22, "Login fail"}
	errInvalidURL   = &rpcError{-6, "Invalid url"}
	errNoObject     = &rpcError{-3, "Object does not exist"}
	errNoSlot       = &rpcError{-32000, "No available slot for searching"}
	errNoParams     = &rpcError{-32602, "Invalid params: No Params."}
	errNoDevice     = &rpcError{-32602, "No eligible device(s)"}
	errDevNotFound  = &rpcError{-32602, "None of the device(s) can be found"}
	errBadFilter    = &rpcError{-32602, "Invalid filter"}
	errInternal     = &rpcError{-1, "Unknown error (internal)"}
)

func invalidParams(msg string) *rpcError { return &rpcError{-32602, "Invalid params: " + msg} }

// isLegacyURL reports whether url belongs to the FMG-style endpoints whose
// result is an array of {status, url, data}.
func isLegacyURL(url string) bool {
	for _, p := range []string{"/sys", "/dvmdb", "/dvm/", "/cli", "/task", "/config"} {
		if strings.HasPrefix(url, p) {
			return true
		}
	}
	return false
}

// envelope renders answers in the dialect of one request.
type envelope struct {
	req    *rpcRequest
	url    string
	legacy bool
	seed   bool
}

func (e envelope) base() map[string]any {
	m := map[string]any{"id": e.req.ID}
	if e.req.ID == nil {
		m["id"] = nil
	}
	if e.req.JSONRPC != "" || (!e.legacy && !e.seed) {
		m["jsonrpc"] = "2.0"
	}
	if sid, ok := e.req.Session.(string); ok && sid != "" && e.seed {
		m["session"] = sid // the seed documents echo the session
	}
	return m
}

// ok renders a success. data may be nil (legacy: no data key).
func (e envelope) ok(data any) map[string]any {
	m := e.base()
	switch {
	case e.legacy:
		item := map[string]any{"status": map[string]any{"code": 0, "message": "OK"}, "url": e.url}
		if data != nil {
			item["data"] = data
		}
		m["result"] = []any{item}
	case e.seed:
		m["result"] = []any{map[string]any{"data": data, "status": map[string]any{"code": 0, "message": "OK"}, "url": e.url}}
	default:
		m["result"] = data
	}
	return m
}

// fail renders an error.
func (e envelope) fail(err *rpcError) map[string]any {
	m := e.base()
	if e.legacy || e.seed {
		m["result"] = []any{map[string]any{"status": map[string]any{"code": err.Code, "message": err.Message}, "url": e.url}}
		return m
	}
	m["error"] = map[string]any{"code": err.Code, "message": err.Message}
	return m
}

// normalizeURL adds the leading slash FAZ tolerates missing and drops a
// trailing one and any query part.
func normalizeURL(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	u = "/" + strings.Trim(strings.TrimSpace(u), "/")
	return u
}

// urlPattern replaces numeric path segments (task ids) with {tid}, for stats.
func urlPattern(u string) string {
	segs := strings.Split(u, "/")
	for i, s := range segs {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			segs[i] = "{tid}"
		}
	}
	return strings.Join(segs, "/")
}
