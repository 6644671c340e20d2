package pluginsql

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ncruces/go-sqlite3"
	_ "github.com/ncruces/go-sqlite3/embed" // the SQLite WASM binary
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// moduleName is the SQLite module behind every plugin table.
const moduleName = "steampipe"

// Options tune Open.
type Options struct {
	// LogOutput receives the plugin's logs; nil discards them (the SDK would
	// otherwise write to stderr).
	LogOutput io.Writer
	// LogLevel filters plugin logs: trace, debug, info, warn (default), error.
	LogLevel string
	// OnScan, when set, is called after every plugin scan (one per Filter)
	// with what was asked of the plugin and how many rows came back.
	OnScan func(ScanInfo)
	// CancelWait bounds how long closing a cursor waits for a cancelled
	// plugin call to return (default 30s).
	CancelWait time.Duration
	// QueryCache, when positive, turns the SDK's query cache on with this TTL, as Steampipe
	// runs plugins: tests use it to prove cached results never answer a query they do not
	// cover. Off by default: every SQL query really runs.
	QueryCache time.Duration
}

// ScanInfo describes one plugin scan, for observers and tests.
type ScanInfo struct {
	Connection string     // connection or aggregator queried
	Table      string     // plugin table
	Quals      []QualInfo // quals passed to the plugin
	Limit      int64      // LIMIT passed to the plugin, -1 when none
	Columns    []string   // columns requested
	Sort       []string   // ORDER BY handed to the plugin, e.g. "bytes desc"; nil when SQLite sorts
	Rows       int        // rows received
	Err        error      // the scan's error, if it failed
}

// QualInfo is one qual passed to the plugin, in text form.
type QualInfo struct {
	Column, Operator string
	Value            string // list values as [a b]
}

// DB is an in-process SQLite database whose tables are a plugin's tables.
// A DB runs one statement at a time: Query holds it until Rows.Close.
type DB struct {
	opts   Options
	logger hclog.Logger
	host   *pluginHost
	conns  []Connection
	def    Connection

	mu      sync.Mutex // held from Query to Rows.Close
	conn    *sqlite3.Conn
	ctx     context.Context // the running query's context
	scanErr *PluginError    // first plugin error of the running query
}

// Open starts pluginFunc in-process with conns and builds the SQL schema:
// one attached schema per connection holding one virtual table per plugin
// table, and the default connection's tables in main.
func Open(ctx context.Context, pluginFunc plugin.PluginFunc, conns []Connection, opts Options) (*DB, error) {
	if pluginFunc == nil {
		return nil, &ConfigError{Msg: "pluginFunc is nil"}
	}
	resolved, err := resolveConnections(conns)
	if err != nil {
		return nil, err
	}
	if opts.CancelWait <= 0 {
		opts.CancelWait = 30 * time.Second
	}
	db := &DB{opts: opts, conns: resolved, def: defaultConnection(resolved), ctx: ctx}
	db.logger = newLogger(opts)
	db.host, err = startPlugin(pluginFunc, resolved, db.logger, opts.LogOutput, opts.QueryCache)
	if err != nil {
		return nil, err
	}
	if err := db.openSQLite(ctx); err != nil {
		return nil, err
	}
	return db, nil
}

// newLogger builds the plugin's logger from opts.
func newLogger(opts Options) hclog.Logger {
	if opts.LogOutput == nil {
		return hclog.NewNullLogger()
	}
	level := hclog.LevelFromString(opts.LogLevel)
	if level == hclog.NoLevel {
		level = hclog.Warn
	}
	return hclog.New(&hclog.LoggerOptions{Name: "plugin", Output: opts.LogOutput, Level: level})
}

// openSQLite opens the SQLite connection and declares every table.
func (db *DB) openSQLite(ctx context.Context) (err error) {
	defaultCompilationCache()
	db.conn, err = sqlite3.OpenContext(ctx, ":memory:")
	if err != nil {
		return fmt.Errorf("pluginsql: open sqlite: %w", err)
	}
	defer func() {
		if err != nil {
			_ = db.conn.Close()
		}
	}()
	byName := map[string]Connection{}
	for _, c := range db.conns {
		byName[c.Name] = c
	}
	connect := func(_ *sqlite3.Conn, _, _, _ string, arg ...string) (*vtable, error) {
		if len(arg) != 2 {
			return nil, fmt.Errorf("pluginsql: USING %s(connection, table) wants 2 arguments", moduleName)
		}
		c, ok := byName[arg[0]]
		if !ok {
			return nil, fmt.Errorf("pluginsql: unknown connection %q", arg[0])
		}
		ts := db.host.schemas[c.Name].GetSchema()[arg[1]]
		if ts == nil {
			return nil, fmt.Errorf("pluginsql: connection %q has no table %q", c.Name, arg[1])
		}
		t := &vtable{db: db, conn: c, def: newTableDef(arg[1], ts)}
		if err := db.conn.DeclareVTab(t.def.declareSQL()); err != nil {
			return nil, err
		}
		return t, nil
	}
	if err := db.conn.CreateCollation(timeCollation, compareTime); err != nil {
		return fmt.Errorf("pluginsql: register collation: %w", err)
	}
	if err := sqlite3.CreateModule(db.conn, moduleName, connect, connect); err != nil {
		return fmt.Errorf("pluginsql: register module: %w", err)
	}
	declare := func(schema string, c Connection) error {
		for _, table := range db.tableNames(c.Name) {
			sql := fmt.Sprintf("CREATE VIRTUAL TABLE %s.%s USING %s(%s, %s)",
				quoteIdent(schema), quoteIdent(table), moduleName, c.Name, table)
			if err := db.conn.Exec(sql); err != nil {
				return fmt.Errorf("pluginsql: declare %s.%s: %w", schema, table, err)
			}
		}
		return nil
	}
	for _, c := range db.conns {
		if err := db.conn.Exec(fmt.Sprintf("ATTACH DATABASE ':memory:' AS %s", quoteIdent(c.Name))); err != nil {
			return fmt.Errorf("pluginsql: attach schema for connection %q (SQLite allows 10 attached schemas): %w", c.Name, err)
		}
		if err := declare(c.Name, c); err != nil {
			return err
		}
	}
	return declare("main", db.def)
}

// tableNames lists a connection's tables, sorted.
func (db *DB) tableNames(conn string) []string {
	var names []string
	for name := range db.host.schemas[conn].GetSchema() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// queryContext is the context plugin scans run under.
func (db *DB) queryContext() context.Context {
	if db.ctx == nil {
		return context.Background()
	}
	return db.ctx
}

// setScanError keeps the first plugin error of the running query, so Rows
// can return it typed instead of as SQLite's text.
func (db *DB) setScanError(err *PluginError) {
	if db.scanErr == nil {
		db.scanErr = err
	}
}

// Connections returns the connections, aggregator children expanded.
func (db *DB) Connections() []Connection { return append([]Connection(nil), db.conns...) }

// DefaultConnection is the connection answering unqualified table names.
func (db *DB) DefaultConnection() string { return db.def.Name }

// Close closes the SQLite connection. The in-process plugin has no process
// to stop; its connections are dropped with the DB.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.conn == nil {
		return nil
	}
	err := db.conn.Close()
	db.conn = nil
	return err
}
