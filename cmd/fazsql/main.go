// Command fazsql runs SQL against FortiAnalyzer through the Steampipe
// plugin, in-process, on an embedded SQLite engine: no Steampipe, no
// Postgres. It reads the connections of the Steampipe .spc file (or flags),
// runs one query given as arguments, or opens an interactive shell.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

func main() {
	home, _ := os.UserHomeDir()
	// The compiled SQLite engine is kept between runs (seconds saved at every start); a
	// machine without a cache directory just compiles it each time.
	if dir, err := os.UserCacheDir(); err == nil {
		_ = pluginsql.UseCompilationCache(filepath.Join(dir, "fazsql", "wazero"))
	}
	e := env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdinFd:   int(os.Stdin.Fd()),
		StdinTTY:  isTerminal(os.Stdin),
		StdoutTTY: isTerminal(os.Stdout),
		StderrTTY: isTerminal(os.Stderr),
		Getenv:    os.Getenv,
		Home:      home,
	}
	os.Exit(run(context.Background(), os.Args[1:], e, pluginWiring()))
}

// env is the process environment run works in (replaced in tests).
type env struct {
	Stdin                          io.Reader
	Stdout, Stderr                 io.Writer
	StdinFd                        int
	StdinTTY, StdoutTTY, StderrTTY bool
	Getenv                         func(string) string
	Home                           string
}

// logLevelEnv shows plugin logs when set (like --log-level).
const logLevelEnv = "FAZSQL_LOG_LEVEL"

// app is one run of the CLI.
type app struct {
	env      env
	w        wiring
	format   string
	progress *progressLine
	db       *pluginsql.DB
}

// run is main without os.Exit: it returns the exit code.
func run(ctx context.Context, args []string, e env, w wiring) int {
	fs := flag.NewFlagSet("fazsql", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	configPath := fs.String("config", "", "Steampipe connection file (default ~/"+w.DefaultSPC+" if present)")
	output := fs.String("output", "table", "output format: "+strings.Join(outputFormats, ", "))
	fs.StringVar(output, "o", "table", "shorthand for --output")
	logLevel := fs.String("log-level", "", "show plugin logs on stderr at this level: trace, debug, info, warn, error (env "+logLevelEnv+"; default off)")
	strFlags := map[string]*string{}
	boolFlags := map[string]*bool{}
	for _, a := range w.Attrs {
		if a.Bool {
			boolFlags[a.Flag] = fs.Bool(a.Flag, false, a.Help)
		} else {
			strFlags[a.Flag] = fs.String(a.Flag, "", a.Help)
		}
	}
	fs.Usage = func() { usage(fs, w) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if !validFormat(*output) {
		fmt.Fprintf(e.Stderr, "Error: --output %q: accepted values are %s\n", *output, strings.Join(outputFormats, ", "))
		return 2
	}
	attrs := map[string]string{}
	fs.Visit(func(f *flag.Flag) {
		for _, a := range w.Attrs {
			if a.Flag == f.Name {
				attrs[a.Attr] = f.Value.String()
			}
		}
	})
	if *logLevel == "" {
		*logLevel = e.Getenv(logLevelEnv)
	}

	conns, _, err := loadConnections(w, connSource{ConfigPath: *configPath, Attrs: attrs, Home: e.Home})
	if err != nil {
		return fail(e, err)
	}
	a := &app{env: e, w: w, format: *output, progress: newProgressLine(e.Stderr, e.StderrTTY)}
	opts := pluginsql.Options{}
	if *logLevel != "" {
		opts.LogOutput, opts.LogLevel = e.Stderr, *logLevel
	}
	// Warnings about risky settings (insecure_skip_verify) are shown whatever the log level.
	warn := func(msg string) {
		a.progress.Clear()
		fmt.Fprintf(e.Stderr, "Warning: %s\n", strings.Join(strings.Fields(msg), " "))
	}
	pf, closePlugin := w.New(a.progress.Update, warn)
	a.db, err = pluginsql.Open(ctx, pf, conns, opts)
	if err != nil {
		return fail(e, err)
	}
	defer a.db.Close()
	if closePlugin != nil {
		defer func() {
			// Not ctx: after Ctrl-C it is cancelled, and this is exactly when tasks need deleting.
			cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = closePlugin(cctx)
		}()
	}

	if fs.NArg() > 0 {
		return a.runArgs(ctx, strings.Join(fs.Args(), " "))
	}
	return a.runShell(ctx)
}

func validFormat(f string) bool {
	for _, o := range outputFormats {
		if f == o {
			return true
		}
	}
	return false
}

// runArgs runs the statements given on the command line.
func (a *app) runArgs(ctx context.Context, sql string) int {
	if strings.HasPrefix(strings.TrimSpace(sql), ".") {
		if _, err := a.meta(strings.TrimSpace(sql)); err != nil {
			return fail(a.env, err)
		}
		return 0
	}
	stmts, rest := splitStatements(sql)
	if rest != "" && !onlyComments(rest) {
		stmts = append(stmts, rest)
	}
	if len(stmts) == 0 {
		return fail(a.env, errors.New("no SQL statement given"))
	}
	for _, s := range stmts {
		if err := a.runStatement(ctx, s); err != nil {
			return fail(a.env, err)
		}
	}
	return 0
}

// runStatement runs one statement and prints its result. Ctrl-C cancels
// the statement (and the plugin's tasks), not the program.
func (a *app) runStatement(ctx context.Context, sql string) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	defer a.progress.Reset()
	rows, err := a.db.Query(ctx, sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	if _, err := writeResult(a.env.Stdout, a.format, rows, a.progress.Clear); err != nil {
		return err
	}
	return rows.Close()
}

// fail prints a one-line error and returns the failure exit code.
func fail(e env, err error) int {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if errors.Is(err, context.Canceled) {
		msg = "query cancelled"
	}
	fmt.Fprintf(e.Stderr, "Error: %s\n", msg)
	return 1
}

// usage prints --help.
func usage(fs *flag.FlagSet, w wiring) {
	out := fs.Output()
	fmt.Fprintf(out, `fazsql - SQL over %[1]s, with the Steampipe plugin running in-process on SQLite.

Usage:
  fazsql [flags] ["SQL; ..."]     run the statements and exit
  fazsql [flags] ".tables"        run one shell command and exit
  fazsql [flags]                  interactive shell (history in ~/.fazsql_history)

Connections come from connection flags if any is given (one connection named %[1]q;
options not given fall back to the plugin's environment variables), else from --config,
else from ~/%[2]s if it exists, else from environment variables alone.
Each connection is a schema (select * from conn.table); unqualified table names use
the first aggregator connection, else the first connection.

Shell commands: .tables [connection], .inspect <table>, .connections, .output [format],
.help, .quit. Statements end with ';'. Ctrl-C cancels a running query.

Flags:
`, w.Name, w.DefaultSPC)
	fs.PrintDefaults()
	if w.Examples != "" {
		fmt.Fprintf(out, "\nExamples:\n%s", w.Examples)
	}
}

// historyPath is where the shell keeps its history.
func (a *app) historyPath() string {
	if a.env.Home == "" {
		return ""
	}
	return filepath.Join(a.env.Home, ".fazsql_history")
}
