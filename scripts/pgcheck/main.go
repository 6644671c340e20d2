// Command pgcheck is `make test-postgres`: it runs SQL through real PostgreSQL with Turbot's
// Steampipe FDW built around this plugin (the extension steampipe_postgres_fortianalyzer,
// installed beforehand) and through the embedded SQLite engine, against one simulator, and
// fails where the two engines disagree.
//
// What it runs:
//   - every ```sql+postgres (and plain ```sql) block of docs/, paired with its ```sql+sqlite twin;
//   - every NAME.pg.sql of the twin folders (-twins, default e2e/testdata/postgres), paired with
//     NAME.sqlite.sql; both halves of an error_* pair must fail, and an error anywhere else fails;
//   - every NAME.pg.sql of -queries (e.g. the Powerpipe mod's queries), which must run and,
//     unless listed in -allow-empty, return rows.
//
// Each Postgres query runs twice: alone in a fresh session (an empty query cache), and in one
// long session that runs every query in turn with the FDW's query cache on, as a Steampipe
// user's session would, so a cached result can never answer a later query it does not cover.
// The cold answer must be the SQLite twin's rows (as a multiset: order aside); the warm one,
// computed earlier while default windows (ending now) have moved since, about as many rows. An
// example that reads a task by id (`tid = 12450` / `12470`) gets the id of a task created on
// the simulator first.
//
// It starts the simulator on 127.0.0.1 and a throw-away PostgreSQL cluster listening on a
// unix socket only, and stops both whatever happens. The last line is `N passed, M failed`.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim/simtask"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/sqldocs"
)

// extension is what the FDW's `make standalone plugin=fortianalyzer` builds.
const extension = "steampipe_postgres_fortianalyzer"

type options struct {
	docs, twins, queries, allowEmpty, pgConfig, only string
	taskScale                                        float64
	verbose                                          bool
}

// check is one question put to both engines.
type check struct {
	name     string
	postgres string
	sqlite   string // "" when there is no twin
	mustRows bool   // an empty Postgres answer fails (queries without a twin)
	// wantError: both engines must refuse (twins named error_*); elsewhere an error fails.
	wantError bool
	// From a twin's "-- pgcheck: searches=N ordered" line: the log searches the Postgres
	// query may create (nil: not checked), and whether the engines must agree on row order.
	searches *int
	ordered  bool
}

// directives reads a twin's "-- pgcheck:" line.
func directives(c *check, sql string) error {
	for _, line := range strings.Split(sql, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- pgcheck:")
		if !ok {
			continue
		}
		for _, f := range strings.Fields(rest) {
			switch {
			case f == "ordered":
				c.ordered = true
			case strings.HasPrefix(f, "searches="):
				n, err := strconv.Atoi(strings.TrimPrefix(f, "searches="))
				if err != nil || n < 0 {
					return fmt.Errorf("%s: %q: searches=N takes a whole number", c.name, f)
				}
				c.searches = &n
			default:
				return fmt.Errorf("%s: unknown pgcheck directive %q (searches=N, ordered)", c.name, f)
			}
		}
	}
	return nil
}

// logSearches counts the log searches the simulator was asked to create.
func logSearches(sim *fazsim.Server) int {
	n := 0
	for k, v := range sim.Stats().Requests {
		if strings.HasPrefix(k, "add ") && strings.HasSuffix(k, "/logsearch") {
			n += v
		}
	}
	return n
}

func main() {
	var o options
	flag.StringVar(&o.docs, "docs", "docs", "folder whose index.md and tables/*.md examples are run")
	flag.StringVar(&o.twins, "twins", "e2e/testdata/postgres", "folder of NAME.pg.sql / NAME.sqlite.sql pairs")
	flag.StringVar(&o.queries, "queries", "", "folder of NAME.pg.sql queries without twins (must run and return rows)")
	flag.StringVar(&o.allowEmpty, "allow-empty", "", "comma-separated names (docs titles or file names) whose answer may be empty")
	flag.StringVar(&o.pgConfig, "pg-config", "pg_config", "pg_config of the PostgreSQL the extension is installed in")
	flag.StringVar(&o.only, "run", "", "only checks whose name contains this")
	flag.Float64Var(&o.taskScale, "task-scale", 0, "simulator task duration scale (0: tasks finish at once)")
	flag.BoolVar(&o.verbose, "v", false, "print the Postgres rows of every check")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	failed, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgcheck:", err)
		os.Exit(2)
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) (int, error) {
	checks, err := collect(o)
	if err != nil {
		return 0, err
	}
	if len(checks) == 0 {
		return 0, errors.New("nothing to run")
	}

	// The simulator, in-process, on loopback.
	sim, err := fazsim.NewChecked(fazsim.Options{TaskTimeScale: o.taskScale})
	if err != nil {
		return 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: sim}
	go func() { _ = srv.Serve(ln) }()
	defer func() { _ = srv.Close() }()
	base := "http://" + ln.Addr().String()
	config := fmt.Sprintf("url = %q\napi_key = \"fazsim-api-key\"\n", base)

	// Tasks for the examples that read one by id.
	d := sim.Data()
	tids := map[string]string{}
	for doc, view := range map[string]string{"12450": "top-sources", "12470": "top-threats"} {
		tid, err := simtask.Add(ctx, base, view, d.End().Add(-24*time.Hour), d.End())
		if err != nil {
			return 0, err
		}
		tids[doc] = strconv.Itoa(tid)
	}
	for i := range checks {
		for doc, real := range tids {
			checks[i].postgres = strings.ReplaceAll(checks[i].postgres, doc, real)
			checks[i].sqlite = strings.ReplaceAll(checks[i].sqlite, doc, real)
		}
	}

	// The SQLite twin: the embedded engine over the same plugin (fazsql's engine).
	pf, closePlugin := fortianalyzer.NewWithCloser(fortianalyzer.Options{})
	db, err := pluginsql.Open(ctx, pf, []pluginsql.Connection{{Name: "fortianalyzer", Plugin: "fortianalyzer", Config: config}}, pluginsql.Options{})
	if err != nil {
		return 0, err
	}
	defer func() { _ = closePlugin(context.Background()); _ = db.Close() }()

	pg, err := startPostgres(ctx, o.pgConfig, config)
	if err != nil {
		return 0, err
	}
	defer pg.stop()

	allowEmpty := map[string]bool{}
	for _, n := range strings.Split(o.allowEmpty, ",") {
		if n = strings.TrimSpace(n); n != "" {
			allowEmpty[n] = true
		}
	}

	// The long session first collects every answer with the cache warm across queries.
	warm, err := pg.session(ctx, checks)
	if err != nil {
		return 0, err
	}
	passed, failed := 0, 0
	for i, c := range checks {
		problems, detail := judge(ctx, pg, db, sim, c, warm[i], allowEmpty, o.verbose)
		if len(problems) == 0 {
			passed++
			fmt.Printf("OK   %s %s\n", c.name, detail)
		} else {
			failed++
			fmt.Printf("FAIL %s %s\n", c.name, detail)
			for _, p := range problems {
				fmt.Printf("     %s\n", p)
			}
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	return failed, nil
}

// judge runs one check in a fresh Postgres session and in SQLite and compares those answers
// and the warm session's with each other.
func judge(ctx context.Context, pg *postgres, db *pluginsql.DB, sim *fazsim.Server, c check, warm answer, allowEmpty map[string]bool, verbose bool) ([]string, string) {
	before := logSearches(sim)
	began := time.Now()
	cold := pg.query(ctx, c.postgres)
	pgTook := time.Since(began)
	searched := logSearches(sim) - before
	if verbose {
		defer func() {
			for _, r := range cold.rows {
				fmt.Printf("     postgres: %s\n", key(r))
			}
		}()
	}
	var problems []string
	detail := fmt.Sprintf("postgres_rows=%s", cold.count())
	if c.searches != nil {
		detail += fmt.Sprintf(" postgres_searches=%d", searched)
		if searched != *c.searches {
			problems = append(problems, fmt.Sprintf("postgres made %d log searches, want %d (was the order or the limit not pushed?)", searched, *c.searches))
		}
	}
	if c.sqlite == "" {
		if cold.err != "" {
			problems = append(problems, "postgres: "+cold.err)
		} else if len(cold.rows) == 0 && c.mustRows && !allowEmpty[c.name] && !allowEmpty[titleOf(c.name)] {
			problems = append(problems, "postgres returned no rows where the simulator's data has some")
		}
		// No twin to pin the rows: the warm answer must not fail or come back empty (time
		// series of a moving window gain and lose buckets at its edges).
		if (cold.err != "") != (warm.err != "") || (len(cold.rows) > 0 && len(warm.rows) == 0) {
			problems = append(problems, fmt.Sprintf("with the query cache warm, postgres answered %s rows (%s) instead of %s", warm.count(), warm.err, cold.count()))
		}
		return problems, detail
	}
	began = time.Now()
	lite := sqliteQuery(ctx, db, c.sqlite)
	if verbose {
		detail += fmt.Sprintf(" postgres_ms=%d sqlite_ms=%d", pgTook.Milliseconds(), time.Since(began).Milliseconds())
	}
	for try := 0; try < 3 && !sameAnswer(cold, lite); try++ {
		// Default windows end now, so an answer can move between the two runs (a window
		// edge crossing a second): ask both again, back to back, before calling it a
		// disagreement.
		cold, lite = pg.query(ctx, c.postgres), sqliteQuery(ctx, db, c.sqlite)
	}
	detail += " sqlite_rows=" + lite.count()
	switch {
	case cold.err != "" && lite.err != "" && c.wantError:
		detail += " (both refuse: " + oneLine(cold.err) + ")"
	case cold.err != "" && lite.err != "":
		problems = append(problems, "both engines fail: "+oneLine(cold.err))
	case cold.err != "":
		problems = append(problems, "postgres: "+cold.err)
	case lite.err != "":
		problems = append(problems, "sqlite: "+lite.err)
	case len(cold.rows) == 0 && len(lite.rows) > 0:
		problems = append(problems, fmt.Sprintf("postgres returned no rows; sqlite returned %d", len(lite.rows)))
	case !sameRows(cold.rows, lite.rows):
		problems = append(problems, "the engines return different rows:\n"+diff(cold.rows, lite.rows))
	case c.ordered && !sameOrder(cold.rows, lite.rows):
		problems = append(problems, "the engines return the same rows in different orders:\n"+orders(cold.rows, lite.rows))
	}
	if !sameShape(cold, warm) {
		msg := fmt.Sprintf("with the query cache warm, postgres answered %s rows %s instead of %s", warm.count(), oneLine(warm.err), cold.count())
		if warm.err == "" && cold.err == "" {
			msg += ":\n" + strings.ReplaceAll(strings.ReplaceAll(diff(warm.rows, cold.rows), "only postgres", "only warm    "), "only sqlite  ", "only cold    ")
		}
		problems = append(problems, msg)
	}
	return problems, detail
}

// sameShape compares the warm session's answer with the cold one. The warm one was computed
// earlier, and a window that ends now has moved since: counters may differ, and a time
// series may have gained or lost a bucket at its edges. What a cached superset or a wrong
// echo does may not pass: an error on one side only, rows dropped by the engine's re-check
// (an empty answer, or a short one: more than one row or 2% fewer).
func sameShape(cold, warm answer) bool {
	if (cold.err != "") != (warm.err != "") {
		return false
	}
	if cold.err != "" {
		return true
	}
	d := len(cold.rows) - len(warm.rows)
	if d < 0 {
		d = -d
	}
	return (len(cold.rows) == 0) == (len(warm.rows) == 0) && (d <= 1 || d*50 <= len(cold.rows))
}

func titleOf(name string) string {
	if i := strings.Index(name, ": "); i >= 0 {
		return name[i+2:]
	}
	return name
}

// collect gathers the checks from the docs, the twin folder and the query folder.
func collect(o options) ([]check, error) {
	var out []check
	ex, err := sqldocs.ReadDir(o.docs)
	if err != nil {
		return nil, err
	}
	for _, e := range ex {
		if e.Postgres == "" {
			continue
		}
		out = append(out, check{name: e.Name(), postgres: e.Postgres, sqlite: e.SQLite})
	}
	pairs, err := filepath.Glob(filepath.Join(o.twins, "*.pg.sql"))
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		name := strings.TrimSuffix(filepath.Base(p), ".pg.sql")
		pgSQL, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		liteSQL, err := os.ReadFile(strings.TrimSuffix(p, ".pg.sql") + ".sqlite.sql")
		if err != nil {
			return nil, fmt.Errorf("%s has no .sqlite.sql twin: %w", p, err)
		}
		c := check{name: "twin: " + name, postgres: string(pgSQL), sqlite: string(liteSQL), wantError: strings.HasPrefix(name, "error_")}
		if err := directives(&c, c.postgres); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if o.queries != "" {
		qs, err := filepath.Glob(filepath.Join(o.queries, "*.pg.sql"))
		if err != nil {
			return nil, err
		}
		if len(qs) == 0 {
			return nil, fmt.Errorf("no *.pg.sql in %s", o.queries)
		}
		for _, q := range qs {
			b, err := os.ReadFile(q)
			if err != nil {
				return nil, err
			}
			out = append(out, check{name: "query: " + strings.TrimSuffix(filepath.Base(q), ".pg.sql"), postgres: string(b), mustRows: true})
		}
	}
	if o.only != "" {
		var kept []check
		for _, c := range out {
			if strings.Contains(c.name, o.only) {
				kept = append(kept, c)
			}
		}
		out = kept
	}
	return out, nil
}

// answer is one engine's answer: rows of normalised values, or an error.
type answer struct {
	rows [][]any
	err  string
}

func (a answer) count() string {
	if a.err != "" {
		return "ERROR"
	}
	return strconv.Itoa(len(a.rows))
}

func sameAnswer(a, b answer) bool {
	if (a.err != "") != (b.err != "") {
		return false
	}
	return a.err != "" || sameRows(a.rows, b.rows)
}

// ---------------------------------------------------------------- PostgreSQL

type postgres struct {
	dir, sock, bin string
	asPostgres     bool
	pgctl          string
}

// startPostgres initialises a cluster in a temp dir, starts it on a unix socket, and creates
// the extension, the server (the FDW reads the connection config from the SERVER's options)
// and the foreign schema.
func startPostgres(ctx context.Context, pgConfig, config string) (*postgres, error) {
	out, err := exec.CommandContext(ctx, pgConfig, "--bindir").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --bindir: %w (install PostgreSQL's server packages)", pgConfig, err)
	}
	share, err := exec.CommandContext(ctx, pgConfig, "--sharedir").Output()
	if err != nil {
		return nil, err
	}
	control := filepath.Join(strings.TrimSpace(string(share)), "extension", extension+".control")
	if _, err := os.Stat(control); err != nil {
		return nil, fmt.Errorf("the FDW extension is not installed (%s): build it first (make test-postgres does)", control)
	}
	dir, err := os.MkdirTemp("", "pgcheck.")
	if err != nil {
		return nil, err
	}
	p := &postgres{dir: dir, sock: filepath.Join(dir, "sock"), bin: strings.TrimSpace(string(out))}
	p.pgctl = filepath.Join(p.bin, "pg_ctl")
	if err := os.Mkdir(p.sock, 0o755); err != nil {
		return nil, err
	}
	// PostgreSQL refuses to run as root: use the postgres account then.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, errors.New("running as root and there is no postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		for _, d := range []string{dir, p.sock} {
			if err := os.Chown(d, uid, gid); err != nil {
				return nil, err
			}
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		p.asPostgres = true
	}
	if b, err := p.cmd(ctx, filepath.Join(p.bin, "initdb"), "-D", filepath.Join(dir, "data"), "-U", "postgres", "--auth=trust").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, b)
	}
	if b, err := p.cmd(ctx, p.pgctl, "-D", filepath.Join(dir, "data"), "-l", filepath.Join(dir, "postgres.log"), "-w", "-t", "60",
		"-o", "-k "+p.sock+" -c listen_addresses='' -c jit=off", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
		return nil, fmt.Errorf("postgres did not start: %w\n%s%s", err, b, log)
	}
	setup := fmt.Sprintf(`CREATE EXTENSION %[1]s;
CREATE SERVER fortianalyzer FOREIGN DATA WRAPPER %[1]s OPTIONS (config %[2]s);
CREATE SCHEMA fortianalyzer;
IMPORT FOREIGN SCHEMA fortianalyzer FROM SERVER fortianalyzer INTO fortianalyzer;
ALTER DATABASE postgres SET search_path = fortianalyzer, public;
ALTER DATABASE postgres SET timezone = 'UTC';
`, extension, quoteLiteral(config))
	if _, stderr, err := p.psql(ctx, setup); err != nil {
		p.stop()
		return nil, fmt.Errorf("setting up the FDW: %w\n%s", err, stderr)
	}
	return p, nil
}

func (p *postgres) cmd(ctx context.Context, name string, args ...string) *exec.Cmd {
	if p.asPostgres {
		return exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
	return exec.CommandContext(ctx, name, args...)
}

func (p *postgres) stop() {
	_ = p.cmd(context.Background(), p.pgctl, "-D", filepath.Join(p.dir, "data"), "-m", "fast", "-w", "stop").Run()
	_ = os.RemoveAll(p.dir)
}

// psql runs a script in one session and returns its stdout and stderr.
func (p *postgres) psql(ctx context.Context, script string) (string, string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(p.bin, "psql"), "-X", "-q", "-A", "-t", "-h", p.sock, "-U", "postgres", "-d", "postgres", "-f", "-")
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

// wrap turns a query into one that answers a single line of JSON: its rows as an array of
// objects whose keys keep the column order (json, not jsonb).
func wrap(sql string) string {
	q := strings.TrimRight(strings.TrimSpace(sqldocs.StripComments(sql)), ";")
	return "select coalesce(json_agg(q), '[]'::json) from (\n" + q + "\n) q;\n"
}

// query runs one query alone in a fresh session: the FDW's cache starts empty.
func (p *postgres) query(ctx context.Context, sql string) answer {
	stdout, stderr, err := p.psql(ctx, "\\set ON_ERROR_STOP on\n"+wrap(sql))
	if err != nil {
		return answer{err: pgError(stderr, err)}
	}
	return parsePG(stdout)
}

// session runs every check in one session, the cache warm from the checks before it. Each
// answer goes to its own file, so an error (on stderr) cannot be mistaken for another's rows.
func (p *postgres) session(ctx context.Context, checks []check) ([]answer, error) {
	dir := filepath.Join(p.dir, "warm")
	if err := os.Mkdir(dir, 0o777); err != nil {
		return nil, err
	}
	_ = os.Chmod(dir, 0o777)
	var script strings.Builder
	for i, c := range checks {
		fmt.Fprintf(&script, "\\o %s\n%s\\o\n\\echo done %d\n", filepath.Join(dir, strconv.Itoa(i)), wrap(c.postgres), i)
	}
	stdout, stderr, _ := p.psql(ctx, script.String())
	// Errors are attributed by the case that had not echoed "done" when they were printed:
	// psql prints errors with the script line, which places them.
	lineOf := map[int]int{} // first script line of each check
	line := 1
	for i, c := range checks {
		lineOf[i] = line
		line += strings.Count("\\o x\n"+wrap(c.postgres)+"\\o\n\\echo done x\n", "\n")
	}
	errs := map[int]string{}
	re := regexp.MustCompile(`^psql:[^:]*:(\d+): (.*)$`)
	for _, l := range strings.Split(stderr, "\n") {
		m := re.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		idx := sort.Search(len(checks), func(i int) bool { return lineOf[i] > n }) - 1
		if idx >= 0 && errs[idx] == "" {
			errs[idx] = m[2]
		}
	}
	out := make([]answer, len(checks))
	for i := range checks {
		if !strings.Contains(stdout, fmt.Sprintf("done %d\n", i)) {
			return nil, fmt.Errorf("the warm session stopped before check %d (%s):\n%s", i, checks[i].name, stderr)
		}
		if e := errs[i]; e != "" {
			out[i] = answer{err: e}
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, strconv.Itoa(i)))
		if err != nil {
			return nil, err
		}
		out[i] = parsePG(string(b))
	}
	return out, nil
}

func pgError(stderr string, err error) string {
	for _, l := range strings.Split(stderr, "\n") {
		if i := strings.Index(l, "ERROR:"); i >= 0 {
			return strings.TrimSpace(l[i+len("ERROR:"):])
		}
	}
	if s := strings.TrimSpace(stderr); s != "" {
		return s
	}
	return err.Error()
}

func parsePG(out string) answer {
	rows, err := decodeRows([]byte(strings.TrimSpace(out)))
	if err != nil {
		return answer{err: fmt.Sprintf("unreadable psql output (%v): %.300s", err, out)}
	}
	return answer{rows: rows}
}

// ---------------------------------------------------------------- SQLite

func sqliteQuery(ctx context.Context, db *pluginsql.DB, sql string) answer {
	res, err := db.QueryAll(ctx, sql)
	if err != nil {
		return answer{err: err.Error()}
	}
	rows := make([][]any, 0, len(res.Rows))
	for _, r := range res.Rows {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = normaliseSQLite(v, res.Columns[i].DeclType)
		}
		rows = append(rows, row)
	}
	return answer{rows: rows}
}

// normaliseSQLite brings SQLite's storage classes to what the same value is in Postgres's JSON.
func normaliseSQLite(v any, declType string) any {
	switch x := v.(type) {
	case int64:
		if declType == "BOOLEAN" {
			return x != 0
		}
		return float64(x)
	case float64:
		return x
	case string:
		if declType == "JSON" {
			var j any
			if json.Unmarshal([]byte(x), &j) == nil {
				return normalise(j)
			}
		}
		return normalise(x)
	case []byte:
		return normalise(string(x))
	}
	return normalise(v)
}

// ---------------------------------------------------------------- comparison

var tsLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05Z07"}

// normalise makes equal values compare equal across engines: numbers as float64, times in UTC,
// JSON numbers and nested values likewise.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case float64:
		return x
	case string:
		if len(x) >= 19 && x[4] == '-' && x[7] == '-' {
			for _, l := range tsLayouts {
				if t, err := time.Parse(l, x); err == nil {
					return t.UTC().Format("2006-01-02 15:04:05.999999")
				}
			}
		}
		return x
	case []any:
		for i := range x {
			x[i] = normalise(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = normalise(x[k])
		}
		return x
	}
	return v
}

// decodeRows reads a JSON array of objects, keeping each object's values in key order.
func decodeRows(b []byte) ([][]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil, fmt.Errorf("not an array (%v)", err)
	}
	var rows [][]any
	for dec.More() {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return nil, fmt.Errorf("row is not an object (%v)", err)
		}
		var row []any
		for dec.More() {
			if _, err := dec.Token(); err != nil { // key
				return nil, err
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			row = append(row, normalise(v))
		}
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// key renders a row for multiset comparison; floats are rounded so that engines' different
// summation orders do not count as different answers.
func key(row []any) string {
	r := make([]any, len(row))
	for i, v := range row {
		if f, ok := v.(float64); ok && f != math.Trunc(f) {
			v = strconv.FormatFloat(f, 'g', 9, 64)
		}
		r[i] = v
	}
	b, _ := json.Marshal(r)
	return string(b)
}

func keys(rows [][]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = key(r)
	}
	sort.Strings(out)
	return out
}

func sameRows(a, b [][]any) bool {
	ka, kb := keys(a), keys(b)
	if len(ka) != len(kb) {
		return false
	}
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}

// sameOrder compares two answers row by row.
func sameOrder(a, b [][]any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if key(a[i]) != key(b[i]) {
			return false
		}
	}
	return true
}

// diff lists up to five rows only one engine returned.
func diff(pg, lite [][]any) string {
	count := map[string]int{}
	for _, k := range keys(pg) {
		count[k]++
	}
	for _, k := range keys(lite) {
		count[k]--
	}
	var lines []string
	for k, n := range count {
		switch {
		case n > 0:
			lines = append(lines, fmt.Sprintf("       only postgres (x%d): %s", n, k))
		case n < 0:
			lines = append(lines, fmt.Sprintf("       only sqlite   (x%d): %s", -n, k))
		}
	}
	sort.Strings(lines)
	if len(lines) > 5 {
		lines = append(lines[:5], fmt.Sprintf("       ... and %d more", len(lines)-5))
	}
	return strings.Join(lines, "\n")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return s
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// orders shows both engines' rows in their order, side by side, for an order mismatch.
func orders(pg, lite [][]any) string {
	var b strings.Builder
	for i := 0; i < max(len(pg), len(lite)); i++ {
		var l, r string
		if i < len(pg) {
			l = key(pg[i])
		}
		if i < len(lite) {
			r = key(lite[i])
		}
		fmt.Fprintf(&b, "       %2d  postgres %-40s sqlite %s\n", i+1, l, r)
	}
	return strings.TrimRight(b.String(), "\n")
}
