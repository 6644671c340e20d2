package fazsim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server is a simulated FortiAnalyzer. It implements http.Handler and
// answers POST /jsonrpc; everything is in memory.
type Server struct {
	opts Options
	data *Dataset
	loc  *time.Location

	mu       sync.Mutex
	sessions map[string]*session
	tasks    map[int]*task
	nextTID  int
	stats    statsState
	faults   []*faultState

	scans *scanCache
	aggs  *aggCache

	onFault func(Fault) // test hook: called when a fault fires, before its effect
}

// New builds a simulator. Invalid options (an unknown dialect or time zone)
// panic with a message naming the field: they are programming errors in a
// test or flag parsing, which NewChecked reports as an error instead.
func New(opts Options) *Server {
	s, err := NewChecked(opts)
	if err != nil {
		panic(err)
	}
	return s
}

// NewChecked is New returning option errors instead of panicking.
func NewChecked(opts Options) (*Server, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(o.Timezone)
	if err != nil {
		return nil, &OptionError{Field: "Timezone", Value: o.Timezone, Want: "an IANA zone name such as Europe/Brussels"}
	}
	s := &Server{
		opts: o, loc: loc,
		data:     newDataset(o.Seed, o.End, o.Window, o.LogRows, loc, o.IndexLag),
		sessions: map[string]*session{}, tasks: map[int]*task{},
		nextTID: 1000 + int(uint64(o.Seed)%1000)*10,
		stats:   newStatsState(),
		scans:   newScanCache(32), aggs: newAggCache(64),
	}
	for _, f := range o.Faults {
		if err := s.AddFault(f); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Data returns the generated dataset (read-only).
func (s *Server) Data() *Dataset { return s.data }

// Options returns the effective options, defaults applied.
func (s *Server) Options() Options { return s.opts }

// call is one decoded JSON-RPC request on its way through the handlers.
type call struct {
	ctx    context.Context // the request's: long scans stop when the client goes
	method string
	url    string
	segs   []string
	p      map[string]any
	env    envelope
	now    time.Time
	fault  *Fault
}

const maxBody = 8 << 20

// ServeHTTP answers POST /jsonrpc.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/jsonrpc" && r.URL.Path != "/jsonrpc/" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return
	}
	var req rpcRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"id": nil, "error": map[string]any{"code": -32700, "message": "Parse error"}}, false)
		return
	}
	seed := s.opts.Dialect == DialectExamples
	rawURL := ""
	if len(req.Params) > 0 && req.Params[0] != nil {
		rawURL, _ = req.Params[0]["url"].(string)
	}
	c := &call{ctx: r.Context(), method: strings.ToLower(req.Method), url: normalizeURL(rawURL), now: s.opts.Clock.Now()}
	legacy := isLegacyURL(c.url)
	c.env = envelope{req: &req, url: c.url, legacy: legacy, seed: seed && !legacy}
	c.p = callParams(&req, c.env.seed)
	c.segs = strings.Split(strings.Trim(c.url, "/"), "/")

	s.mu.Lock()
	s.stats.requests[c.method+" "+urlPattern(c.url)]++
	s.expireTasksLocked(c.now)
	s.mu.Unlock()

	malformed := false
	if f := s.pickFault(c.method, c.url); f != nil {
		if s.onFault != nil {
			s.onFault(*f)
		}
		switch f.Effect {
		case FaultHTTP500:
			http.Error(w, "Internal Server Error", http.StatusInternalServerError)
			return
		case FaultHTTP502:
			http.Error(w, "<html><body><h1>502 Bad Gateway</h1></body></html>", http.StatusBadGateway)
			return
		case FaultDrop:
			dropConnection(w)
			return
		case FaultDelay:
			t := time.NewTimer(f.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		case FaultMalformed:
			malformed = true
		default:
			c.fault = f
		}
	}

	sid, _ := req.Session.(string)
	if c.url == "/sys/login/user" && c.method == "exec" {
		nsid := s.login(c.p, c.now)
		if nsid == "" {
			writeJSON(w, http.StatusOK, c.env.fail(errLoginFail), malformed)
			return
		}
		resp := c.env.ok(nil)
		resp["session"] = nsid
		writeJSON(w, http.StatusOK, resp, malformed)
		return
	}
	key := bearer(r)
	if key != "" && !s.validKey(key) {
		writeJSON(w, http.StatusUnauthorized, c.env.fail(errNoPermission), malformed)
		return
	}
	if c.fault != nil && c.fault.Effect == FaultExpireSession {
		s.expireSession(sid)
		if key != "" { // no session to expire: answer as if it had expired
			writeJSON(w, http.StatusOK, c.env.fail(errNoPermission), malformed)
			return
		}
	}
	if _, aerr := s.authenticate(key, sid, c.now); aerr != nil {
		writeJSON(w, http.StatusOK, c.env.fail(aerr), malformed)
		return
	}
	if c.url == "/sys/logout" && c.method == "exec" {
		s.logout(sid)
		writeJSON(w, http.StatusOK, c.env.ok(nil), malformed)
		return
	}
	if c.fault != nil && c.fault.Effect == FaultNoSlot {
		writeJSON(w, http.StatusOK, c.env.fail(errNoSlot), malformed)
		return
	}
	data, rerr := s.dispatch(c)
	if rerr != nil {
		writeJSON(w, http.StatusOK, c.env.fail(rerr), malformed)
		return
	}
	writeJSON(w, http.StatusOK, c.env.ok(data), malformed)
}

// dropConnection closes the client connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // net/http aborts the connection silently
}

// writeJSON writes v; malformed cuts the body in half (a fault).
func writeJSON(w http.ResponseWriter, status int, v any, malformed bool) {
	b, err := appendJSON(make([]byte, 0, 4096), v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"code":-1,"message":"Unknown error"}}`)
	}
	if malformed {
		b = b[:len(b)/2]
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// dispatch routes a call to its handler.
func (s *Server) dispatch(c *call) (any, *rpcError) {
	sg := c.segs
	n := len(sg)
	switch sg[0] {
	case "sys", "cli":
		if c.url == "/sys/status" || c.url == "/cli/global/system/status" {
			return s.onlyGet(c, s.sysStatus)
		}
	case "dvmdb":
		switch {
		case n == 2 && sg[1] == "adom":
			return s.onlyGet(c, s.listADOMs)
		case n == 3 && sg[1] == "adom":
			return s.onlyGet(c, s.oneADOM)
		case n == 2 && sg[1] == "device":
			return s.onlyGet(c, s.listDevices)
		case n >= 4 && n <= 5 && sg[1] == "adom" && sg[3] == "device":
			return s.onlyGet(c, s.listDevices)
		}
	case "task":
		if n >= 2 && sg[1] == "task" {
			return s.onlyGet(c, func(*call) (any, *rpcError) { return []any{}, nil })
		}
	case "fortiview":
		if n >= 5 && (sg[1] == "adom" && sg[4] == "run" || sg[1] == "dev" && n >= 7 && sg[6] == "run") {
			return s.fortiView(c)
		}
	case "logview":
		if n >= 4 && sg[1] == "adom" && sg[3] == "logsearch" {
			return s.logSearch(c)
		}
		if n == 4 && sg[1] == "adom" && sg[3] == "logstats" {
			return s.onlyGet(c, s.logStats)
		}
	case "eventmgmt":
		if n == 4 && sg[1] == "adom" && sg[3] == "alerts" {
			return s.onlyGet(c, s.alerts)
		}
	case "ueba":
		if n == 4 && sg[1] == "adom" && sg[3] == "endpoints" {
			return s.onlyGet(c, s.uebaEndpoints)
		}
		if n == 4 && sg[1] == "adom" && sg[3] == "endusers" {
			return s.onlyGet(c, s.uebaEndUsers)
		}
	case "incidentmgmt":
		if n == 4 && sg[1] == "adom" && sg[3] == "incidents" {
			return s.onlyGet(c, s.incidents)
		}
	}
	return nil, errInvalidURL
}

// onlyGet rejects verbs other than get the way apiver-3 endpoints do.
func (s *Server) onlyGet(c *call, h func(*call) (any, *rpcError)) (any, *rpcError) {
	if c.method != "get" {
		return nil, notSupported(c)
	}
	return h(c)
}

func notSupported(c *call) *rpcError {
	if c.env.legacy {
		return &rpcError{-9, "The command is invalid for selected url"}
	}
	return &rpcError{-32600, "Invalid Request: Not supported method (" + c.method + ")"}
}

// adomOf validates the ADOM segment of the url.
func (s *Server) adomOf(name string) (int, *rpcError) {
	i, ok := s.data.byADOM[name]
	if !ok {
		return 0, &rpcError{errNoObject.Code, "Object does not exist: adom '" + name + "'"}
	}
	return i, nil
}
