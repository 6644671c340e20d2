// Command faults is `make faults`: every fault kind of the simulator, injected into each
// kind of request the plugin makes, with the same SQL queries run through the plugin and
// the embedded engine each time. Each query gets a verdict: correct (the answer of a run
// without faults), clear error (the query failed, saying why), wrong (an answer that
// differs: short, empty or altered), hang (no answer within -deadline); tasks still alive
// on the simulator after the plugin closed count as leaked. The run is seeded and
// repeatable; it prints Markdown tables, and -o FILE replaces the text between
// <!-- faults:begin --> and <!-- faults:end --> in FILE (BENCHMARKS.md).
//
//	go run ./scripts/faults [-o BENCHMARKS.md] [-deadline 60s]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// end anchors the simulator's data and the queries' windows, so runs repeat.
var end = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// target is a kind of request the plugin makes, selected by the fault's method and url.
type target struct {
	Name, Method, URL string
}

var targets = []target{
	{"login", "exec", "/sys/login/user"},
	{"dvmdb get", "get", "/dvmdb/*"},
	{"fortiview add", "add", "/fortiview/*"},
	{"fortiview poll/fetch", "get", "/fortiview/*"},
	{"fortiview delete", "delete", "/fortiview/*"},
	{"logsearch add", "add", "/logview/*"},
	{"logsearch poll/fetch", "get", "/logview/*"},
	{"logsearch delete", "delete", "/logview/*"},
}

// variant is how often the fault fires on its target.
type variant struct {
	Name       string
	Nth, Count int
}

var variants = []variant{
	{"first", 1, 1},
	{"3 in a row", 1, 3},
}

func window(h int) string {
	return fmt.Sprintf("start_time = '%s' and end_time = '%s'",
		end.Add(-time.Duration(h)*time.Hour).Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05"))
}

// queries cover every task kind: a FortiView run, a log search of several pages, a log
// search with a pushed limit, and a legacy read.
var queries = []string{
	"select count(*), sum(sessions), sum(bytes) from fortianalyzer_top_source where " + window(24),
	"select count(*), sum(sent_bytes), min(log_id), max(log_id) from fortianalyzer_log where " + window(72),
	"select log_id from fortianalyzer_log where " + window(72) + " limit 1500",
	"select count(*), min(name) from fortianalyzer_device",
}

type verdict int

const (
	correct verdict = iota
	clearError
	wrong
	hang
)

// cell is what one (fault, target, variant) scenario gave.
type cell struct {
	Effect  fazsim.FaultEffect
	Target  string
	Variant string
	Fired   int
	Verdict [4]int // by verdict
	Leaked  int
	Errors  []string
}

func main() {
	out := flag.String("o", "", "also write the tables to this file, between <!-- faults:begin --> and <!-- faults:end --> when it has them")
	deadline := flag.Duration("deadline", time.Minute, "a query without an answer after this long is a hang")
	verbose := flag.Bool("v", false, "log every query of every scenario")
	flag.Parse()
	if err := run(*out, *deadline, *verbose, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		os.Exit(1)
	}
}

func run(out string, deadline time.Duration, verbose bool, stdout, stderr io.Writer) error {
	ctx := context.Background()
	logf := func(format string, args ...any) {
		if verbose {
			fmt.Fprintf(stderr, "faults: "+format+"\n", args...)
		}
	}
	h, err := newHarness(ctx)
	if err != nil {
		return err
	}
	base, err := h.scenario(ctx, nil, deadline, logf)
	h.close()
	if err != nil {
		return err
	}
	for i, r := range base.results {
		if r.err != nil {
			return fmt.Errorf("baseline query %d failed: %w", i, r.err)
		}
		fmt.Fprintf(stderr, "faults: baseline %d: %v\n", i, summary(r.rows))
	}
	var cells []cell
	for _, eff := range fazsim.FaultEffects() {
		h, err := newHarness(ctx)
		if err != nil {
			return err
		}
		for _, tg := range targets {
			for _, v := range variants {
				f := fazsim.Fault{Method: tg.Method, URL: tg.URL, Nth: v.Nth, Count: v.Count, Effect: eff, Delay: 1500 * time.Millisecond}
				res, err := h.scenario(ctx, &f, deadline, logf)
				if err != nil {
					h.close()
					return err
				}
				c := cell{Effect: eff, Target: tg.Name, Variant: v.Name, Fired: res.fired, Leaked: res.leaked}
				for i, r := range res.results {
					vd := judge(r, base.results[i])
					c.Verdict[vd]++
					switch vd {
					case clearError:
						c.Errors = append(c.Errors, oneLine(r.err))
					case wrong:
						logf("  WRONG: query %d: got %v, want %v", i, summary(r.rows), summary(base.results[i].rows))
					}
				}
				cells = append(cells, c)
				fmt.Fprintf(stderr, "faults: %-14s %-22s %-10s fired %d: %d correct, %d error, %d wrong, %d hang, %d leaked\n",
					eff, tg.Name, v.Name, c.Fired, c.Verdict[correct], c.Verdict[clearError], c.Verdict[wrong], c.Verdict[hang], c.Leaked)
				if c.Verdict[hang] > 0 {
					h.close()
					return fmt.Errorf("%s on %s (%s): a query hung; the run stops here", eff, tg.Name, v.Name)
				}
				if c.Leaked > 0 {
					// Leaked tasks hold search slots until their TTL: the next scenario gets
					// an appliance of its own, or it would measure this one's leak.
					h.close()
					if h, err = newHarness(ctx); err != nil {
						return err
					}
				}
			}
		}
		h.close()
	}
	var b strings.Builder
	writeTables(&b, cells, deadline)
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		return err
	}
	if out != "" {
		if err := writeOutput(out, b.String()); err != nil {
			return err
		}
	}
	for _, c := range cells {
		if c.Verdict[wrong] > 0 {
			return fmt.Errorf("%s on %s (%s): %d wrong answers", c.Effect, c.Target, c.Variant, c.Verdict[wrong])
		}
	}
	return nil
}

type result struct {
	rows [][]any
	err  error
	hung bool
}

type scenarioResult struct {
	results []result
	fired   int
	leaked  int
}

// harness is one simulator and one plugin behind the embedded engine; the scenarios of one
// fault kind share it (an engine costs tens of MB), each adding its fault and clearing it.
type harness struct {
	sim         *fazsim.Server
	srv         *httptest.Server
	db          *pluginsql.DB
	closePlugin func(context.Context) error
}

func newHarness(ctx context.Context) (*harness, error) {
	sim, err := fazsim.NewChecked(fazsim.Options{End: end, LogRows: 20_000, TaskDuration: func(int) time.Duration { return 20 * time.Millisecond }})
	if err != nil {
		return nil, err
	}
	h := &harness{sim: sim, srv: httptest.NewServer(sim)}
	pf, closePlugin := fortianalyzer.NewWithCloser(fortianalyzer.Options{Now: func() time.Time { return end }})
	h.closePlugin = closePlugin
	conns := []pluginsql.Connection{{Name: "fortianalyzer", Plugin: "fortianalyzer",
		Config: fmt.Sprintf("url = %q\nusername = \"admin\"\npassword = \"fortinet\"\nrequest_timeout = \"1s\"\ntask_timeout = \"20s\"\n", h.srv.URL)}}
	if h.db, err = pluginsql.Open(ctx, pf, conns, pluginsql.Options{}); err != nil {
		h.srv.Close()
		return nil, err
	}
	return h, nil
}

func (h *harness) close() {
	cctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = h.closePlugin(cctx)
	_ = h.db.Close()
	h.srv.Close()
}

// scenario runs every query with fault f (nil: none) armed, then counts the faults fired
// and the tasks it left alive on the simulator.
func (h *harness) scenario(ctx context.Context, f *fazsim.Fault, deadline time.Duration, logf func(string, ...any)) (scenarioResult, error) {
	var res scenarioResult
	before := h.sim.Stats()
	if f != nil {
		if err := h.sim.AddFault(*f); err != nil {
			return res, err
		}
	}
	for _, q := range queries {
		t0 := time.Now()
		r := runQuery(ctx, h.db, q, deadline)
		logf("  %.60s...: %v, err %v", q, time.Since(t0).Round(time.Millisecond), r.err)
		res.results = append(res.results, r)
		if r.hung {
			return res, nil
		}
	}
	h.sim.ClearFaults()
	after := h.sim.Stats()
	for k, n := range after.Faults {
		res.fired += n - before.Faults[k]
	}
	res.leaked = len(newTasks(before.LiveTasks, after.LiveTasks))
	return res, nil
}

func newTasks(before, after []int) []int {
	old := map[int]bool{}
	for _, t := range before {
		old[t] = true
	}
	var out []int
	for _, t := range after {
		if !old[t] {
			out = append(out, t)
		}
	}
	return out
}

func runQuery(ctx context.Context, db *pluginsql.DB, q string, deadline time.Duration) result {
	qctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	done := make(chan result, 1)
	go func() {
		r, err := db.QueryAll(qctx, q)
		if err != nil {
			done <- result{err: err}
			return
		}
		done <- result{rows: r.Rows}
	}()
	select {
	case r := <-done:
		if errors.Is(r.err, context.DeadlineExceeded) && qctx.Err() != nil {
			r.hung = true
		}
		return r
	case <-time.After(deadline + 30*time.Second):
		// The query ignored its own cancellation: a hang for good. The DB is left busy;
		// later queries of this scenario fail and are counted as errors.
		return result{hung: true, err: errors.New("no answer")}
	}
}

func judge(r, base result) verdict {
	switch {
	case r.hung:
		return hang
	case r.err != nil:
		return clearError
	case reflect.DeepEqual(sorted(r.rows), sorted(base.rows)):
		// As a set: rows of equal log time may come in either order.
		return correct
	}
	return wrong
}

func sorted(rows [][]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r...)
	}
	sort.Strings(out)
	return out
}

func summary(rows [][]any) string {
	if len(rows) == 1 {
		return fmt.Sprint(rows[0])
	}
	return fmt.Sprintf("%d rows", len(rows))
}

func oneLine(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}

func writeTables(w io.Writer, cells []cell, deadline time.Duration) {
	fmt.Fprintf(w, "Each fault kind of the simulator is injected into %d kinds of request (%s), each time on the first matching request only and on the first three in a row; every scenario runs the same %d queries (a FortiView run, a log search of several pages, a log search with a pushed limit, a device list) through the plugin and the embedded engine, against one simulator and plugin per fault kind. A query is *correct* when its answer equals the fault-free one, a *clear error* when it fails, *wrong* when it answers differently, a *hang* when it has no answer after %s; *leaked* counts tasks the scenario left alive on the simulator.\n\n",
		len(targets), targetNames(), len(queries), deadline)
	type agg struct {
		fired, leaked int
		v             [4]int
	}
	byEffect := map[fazsim.FaultEffect]*agg{}
	var order []fazsim.FaultEffect
	for _, c := range cells {
		a := byEffect[c.Effect]
		if a == nil {
			a = &agg{}
			byEffect[c.Effect] = a
			order = append(order, c.Effect)
		}
		a.fired += c.Fired
		a.leaked += c.Leaked
		for i := range a.v {
			a.v[i] += c.Verdict[i]
		}
	}
	fmt.Fprintln(w, "| fault kind | faults fired | queries | correct | clear error | wrong | hang | leaked task |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	var tot agg
	for _, e := range order {
		a := byEffect[e]
		n := a.v[0] + a.v[1] + a.v[2] + a.v[3]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %d | %d |\n", e, a.fired, n, a.v[correct], a.v[clearError], a.v[wrong], a.v[hang], a.leaked)
		tot.fired += a.fired
		tot.leaked += a.leaked
		for i := range tot.v {
			tot.v[i] += a.v[i]
		}
	}
	n := tot.v[0] + tot.v[1] + tot.v[2] + tot.v[3]
	fmt.Fprintf(w, "| **all** | %d | %d | %d | %d | %d | %d | %d |\n\n", tot.fired, n, tot.v[correct], tot.v[clearError], tot.v[wrong], tot.v[hang], tot.leaked)

	fmt.Fprintln(w, "Scenarios that did not answer every query correctly, with their first error:")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| fault | request | fired on | correct / errors / wrong / leaked | first error |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, c := range cells {
		if c.Verdict[correct] == len(queries) && c.Leaked == 0 {
			continue
		}
		first := ""
		if len(c.Errors) > 0 {
			first = strings.ReplaceAll(c.Errors[0], "|", "\\|")
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d / %d / %d / %d | %s |\n", c.Effect, c.Target, c.Variant, c.Verdict[correct], c.Verdict[clearError], c.Verdict[wrong], c.Leaked, first)
	}
}

func targetNames() string {
	names := make([]string, len(targets))
	for i, t := range targets {
		names[i] = t.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// writeOutput writes text to path, between the markers when the file has them.
func writeOutput(path, text string) error {
	const begin, end = "<!-- faults:begin -->", "<!-- faults:end -->"
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s ... %s markers", path, begin, end)
	}
	return os.WriteFile(path, []byte(s[:i+len(begin)]+"\n"+text+"\n"+s[j:]), 0o644)
}
