package fazsim

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// FaultEffect is what a fault does to the request it selects.
type FaultEffect string

// Fault effects.
const (
	FaultHTTP500   FaultEffect = "http500"      // answer HTTP 500, no JSON
	FaultHTTP502   FaultEffect = "http502"      // answer HTTP 502, as a proxy would
	FaultDrop      FaultEffect = "drop"         // close the connection without an answer
	FaultDelay     FaultEffect = "delay"        // wait Fault.Delay, then answer normally
	FaultMalformed FaultEffect = "malformed"    // answer HTTP 200 with truncated JSON
	FaultNoSlot    FaultEffect = "noslot"       // answer "No available slot for searching"
	FaultPremature FaultEffect = "premature100" // task get: percentage 100 with an empty page
	// FaultPrematureZero is FAZ 7.6.7's "100% but empty" with nothing to
	// tell it apart from a real empty answer: percentage 100, no rows and a
	// zero total (total-count-all / total-count).
	FaultPrematureZero FaultEffect = "premature100-zero"
	FaultExpireSession FaultEffect = "expire-session" // drop the caller's session first (-11)
	FaultExpireTask    FaultEffect = "expire-task"    // expire the addressed task first
)

var faultEffects = []FaultEffect{FaultHTTP500, FaultHTTP502, FaultDrop, FaultDelay, FaultMalformed, FaultNoSlot, FaultPremature, FaultPrematureZero, FaultExpireSession, FaultExpireTask}

// Fault selects requests and perturbs them. Selection: the JSON-RPC Method
// ("" = any) and URL, a path.Match glob on the normalised url ("" = any),
// then either the Nth matching request (1-based) or, when Nth is 0, each
// matching request with Probability drawn from a generator seeded by
// Options.Seed, so a run repeats. Count caps how many times it fires
// (0 = once for Nth, unlimited for Probability).
type Fault struct {
	Method      string
	URL         string
	Nth         int
	Probability float64
	Count       int
	Effect      FaultEffect
	Delay       time.Duration // for FaultDelay
}

// faultState tracks one fault's matching and firing.
type faultState struct {
	f     Fault
	seen  int
	fired int
	rng   *rng
}

func (fs *faultState) selects(method, url string) bool {
	if fs.f.Method != "" && !strings.EqualFold(fs.f.Method, method) {
		return false
	}
	if fs.f.URL != "" && !urlGlob(fs.f.URL, url) {
		return false
	}
	fs.seen++
	limit := fs.f.Count
	if limit == 0 && fs.f.Nth > 0 {
		limit = 1
	}
	if limit > 0 && fs.fired >= limit {
		return false
	}
	if fs.f.Nth > 0 {
		if fs.seen < fs.f.Nth {
			return false
		}
	} else if fs.rng.float() >= fs.f.Probability {
		return false
	}
	fs.fired++
	return true
}

// urlGlob matches url against a path.Match glob; a trailing "*" also
// matches deeper paths, so "/logview/*" selects every logview call.
func urlGlob(glob, url string) bool {
	if ok, _ := path.Match(glob, url); ok {
		return true
	}
	return strings.HasSuffix(glob, "*") && strings.HasPrefix(url, strings.TrimSuffix(glob, "*"))
}

// AddFault adds a fault to a running server. Faults apply from the next
// request; Nth counts matching requests from the moment of adding.
func (s *Server) AddFault(f Fault) error {
	if err := f.validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{f: f, rng: newRNG(s.opts.Seed, uint64(0xfa017+len(s.faults)))})
	return nil
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

func (f Fault) validate() error {
	ok := false
	for _, e := range faultEffects {
		ok = ok || e == f.Effect
	}
	if !ok {
		return fmt.Errorf("fazsim: fault effect %q: want one of %v", f.Effect, faultEffects)
	}
	if f.Nth < 0 || f.Count < 0 {
		return fmt.Errorf("fazsim: fault nth/count must not be negative")
	}
	if f.Nth == 0 && (f.Probability <= 0 || f.Probability > 1) {
		return fmt.Errorf("fazsim: fault needs nth >= 1 or a probability p in (0, 1]")
	}
	if f.Effect == FaultDelay && f.Delay <= 0 {
		return fmt.Errorf("fazsim: delay fault needs delay > 0 (e.g. delay=2s)")
	}
	if _, err := path.Match(f.URL, "/"); err != nil {
		return fmt.Errorf("fazsim: fault url %q: bad glob: %v", f.URL, err)
	}
	return nil
}

// pickFault returns the first fault selecting this request, if any.
func (s *Server) pickFault(method, url string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fs := range s.faults {
		if fs.selects(method, url) {
			s.stats.faults[string(fs.f.Effect)]++
			f := fs.f
			return &f
		}
	}
	return nil
}

// FaultPlanSyntax documents ParseFaultPlan's syntax (printed by cmd/fazsim -h).
const FaultPlanSyntax = `A fault plan is a list of faults separated by ';'. Each fault is an effect
followed by comma-separated key=value selectors:
  EFFECT[,method=M][,url=GLOB][,nth=N][,p=P][,count=C][,delay=D]
EFFECT: http500 | http502 | drop | delay | malformed | noslot | premature100 |
        premature100-zero | expire-session | expire-task
method: JSON-RPC verb (get, add, exec, delete...); default any
url:    glob on the request url, e.g. /logview/adom/*/logsearch/*; default any
nth:    fire on the Nth matching request (1-based)
p:      else fire on each matching request with probability P (seeded)
count:  fire at most C times (default 1 with nth, unlimited with p)
delay:  Go duration for the delay effect, e.g. 1500ms
Example: "http502,url=/fortiview/*,nth=2; premature100,method=get,url=/logview/*,p=0.1,count=3"`

// ParseFaultPlan parses a fault plan string (see FaultPlanSyntax).
func ParseFaultPlan(plan string) ([]Fault, error) {
	var out []Fault
	for _, item := range strings.Split(plan, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, ",")
		f := Fault{Effect: FaultEffect(strings.TrimSpace(parts[0]))}
		for _, kv := range parts[1:] {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			if !ok {
				return nil, fmt.Errorf("fazsim: fault %q: %q is not key=value", item, kv)
			}
			var err error
			switch k {
			case "method":
				f.Method = v
			case "url":
				f.URL = v
			case "nth":
				f.Nth, err = strconv.Atoi(v)
			case "p":
				f.Probability, err = strconv.ParseFloat(v, 64)
			case "count":
				f.Count, err = strconv.Atoi(v)
			case "delay":
				f.Delay, err = time.ParseDuration(v)
			default:
				return nil, fmt.Errorf("fazsim: fault %q: unknown key %q (want method, url, nth, p, count, delay)", item, k)
			}
			if err != nil {
				return nil, fmt.Errorf("fazsim: fault %q: %s=%q: %v", item, k, v, err)
			}
		}
		if err := f.validate(); err != nil {
			return nil, fmt.Errorf("%v (in %q)", err, item)
		}
		out = append(out, f)
	}
	return out, nil
}
