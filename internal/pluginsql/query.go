package pluginsql

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ncruces/go-sqlite3"
)

// ColumnInfo describes one result column.
type ColumnInfo struct {
	Name string
	// DeclType is the declared type when the column is a table column
	// (TEXT, BIGINT, DOUBLE, BOOLEAN, JSON, TIMESTAMP, INET, ...), else "".
	DeclType string
}

// Rows streams the result of one statement. The DB is busy until Close.
type Rows struct {
	db    *DB
	stmt  *sqlite3.Stmt
	cols  []ColumnInfo
	old   context.Context
	err   error
	vals  []any
	close bool
}

// ErrBadArgument reports an argument Query cannot bind.
var ErrBadArgument = errors.New("pluginsql: unsupported argument type")

// Query runs one SQL statement. Rows stream as the caller reads them: plugin
// scans run on demand and are cancelled when Rows is closed early. ctx
// bounds the whole statement (plugin scans included). Always Close the Rows.
func (db *DB) Query(ctx context.Context, sql string, args ...any) (*Rows, error) {
	db.mu.Lock()
	if db.conn == nil {
		db.mu.Unlock()
		return nil, errors.New("pluginsql: query on a closed DB")
	}
	stmt, tail, err := db.conn.Prepare(sql)
	if err != nil {
		db.mu.Unlock()
		return nil, fmt.Errorf("pluginsql: %w", err)
	}
	if strings.Trim(tail, " \t\r\n;") != "" {
		_ = stmt.Close()
		db.mu.Unlock()
		return nil, errors.New("pluginsql: Query runs one statement; split the SQL at ';'")
	}
	if stmt == nil { // only comments or whitespace
		db.mu.Unlock()
		return &Rows{close: true}, nil
	}
	for i, a := range args {
		if err := bind(stmt, i+1, a); err != nil {
			_ = stmt.Close()
			db.mu.Unlock()
			return nil, err
		}
	}
	r := &Rows{db: db, stmt: stmt}
	for i := range stmt.ColumnCount() {
		// "TIMESTAMP TEXT" (the affinity hint) reads as TIMESTAMP
		decl := strings.Fields(stmt.ColumnDeclType(i))
		ci := ColumnInfo{Name: stmt.ColumnName(i)}
		if len(decl) > 0 {
			ci.DeclType = strings.ToUpper(decl[0])
		}
		r.cols = append(r.cols, ci)
	}
	db.ctx = ctx
	db.scanErr = nil
	r.old = db.conn.SetInterrupt(ctx)
	return r, nil
}

// bind binds one Go argument.
func bind(stmt *sqlite3.Stmt, i int, a any) error {
	switch v := a.(type) {
	case nil:
		return stmt.BindNull(i)
	case string:
		return stmt.BindText(i, v)
	case []byte:
		return stmt.BindBlob(i, v)
	case int:
		return stmt.BindInt64(i, int64(v))
	case int64:
		return stmt.BindInt64(i, v)
	case int32:
		return stmt.BindInt64(i, int64(v))
	case float64:
		return stmt.BindFloat(i, v)
	case bool:
		return stmt.BindBool(i, v)
	default:
		return fmt.Errorf("%w: argument %d is %T (accepted: nil, string, []byte, int, int32, int64, float64, bool)", ErrBadArgument, i, a)
	}
}

// Columns describes the result columns.
func (r *Rows) Columns() []ColumnInfo { return r.cols }

// Next advances to the next row; false at the end or on error (see Err).
func (r *Rows) Next() bool {
	if r.close || r.err != nil {
		return false
	}
	if r.stmt.Step() {
		r.vals = nil
		return true
	}
	if err := r.stmt.Err(); err != nil {
		r.err = r.db.queryError(err)
	}
	return false
}

// Values returns the current row: int64, float64, string, []byte or nil.
func (r *Rows) Values() []any {
	if r.vals != nil {
		return r.vals
	}
	r.vals = make([]any, len(r.cols))
	for i := range r.cols {
		switch r.stmt.ColumnType(i) {
		case sqlite3.INTEGER:
			r.vals[i] = r.stmt.ColumnInt64(i)
		case sqlite3.FLOAT:
			r.vals[i] = r.stmt.ColumnFloat(i)
		case sqlite3.TEXT:
			r.vals[i] = r.stmt.ColumnText(i)
		case sqlite3.BLOB:
			r.vals[i] = r.stmt.ColumnBlob(i, nil)
		default:
			r.vals[i] = nil
		}
	}
	return r.vals
}

// Err is the error that ended iteration, if any. Plugin failures are
// *PluginError values (errors.As).
func (r *Rows) Err() error { return r.err }

// Close ends the statement (cancelling any plugin scan still running) and
// frees the DB for the next query.
func (r *Rows) Close() error {
	if r.close {
		return nil
	}
	r.close = true
	err := r.stmt.Close()
	r.db.conn.SetInterrupt(r.old)
	r.db.ctx = nil
	r.db.mu.Unlock()
	if err != nil && r.err == nil {
		return r.db.queryError(err)
	}
	return nil
}

// queryError prefers the plugin's typed error over SQLite's text of it.
// A cancelled query reports the cancellation (errors.Is context.Canceled),
// not whatever the plugin made of it.
func (db *DB) queryError(err error) error {
	if ctxErr := db.queryContext().Err(); ctxErr != nil {
		return fmt.Errorf("pluginsql: query interrupted: %w", ctxErr)
	}
	if db.scanErr != nil {
		return db.scanErr
	}
	return fmt.Errorf("pluginsql: %w", err)
}

// Result is a whole query result in memory.
type Result struct {
	Columns []ColumnInfo
	Rows    [][]any
}

// QueryAll runs a statement and reads every row.
func (db *DB) QueryAll(ctx context.Context, sql string, args ...any) (*Result, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	res := &Result{Columns: rows.Columns()}
	for rows.Next() {
		res.Rows = append(res.Rows, rows.Values())
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return res, rows.Close()
}
