package main

import (
	"context"
	"fmt"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// engine is the embedded SQL engine over one plugin instance pointed at a simulator: the
// path a user's query takes, end to end.
type engine struct {
	db          *pluginsql.DB
	closePlugin func(context.Context) error
}

// connConfig is the HCL of a connection to the simulator at url; extraHCL is appended.
func connConfig(url, extraHCL string) string {
	return fmt.Sprintf("url = %q\nusername = \"admin\"\npassword = \"fortinet\"\n%s", url, extraHCL)
}

// openEngine opens an engine with one connection, "fortianalyzer", whose plugin polls with
// policy (nil = the default, adaptive).
func openEngine(ctx context.Context, url string, policy faz.PollPolicy) (*engine, error) {
	return openEngineConns(ctx, policy, []pluginsql.Connection{{
		Name: "fortianalyzer", Plugin: "fortianalyzer", Config: connConfig(url, ""),
	}})
}

// openEngineConns opens an engine over the given connections (the first is the default).
func openEngineConns(ctx context.Context, policy faz.PollPolicy, conns []pluginsql.Connection) (*engine, error) {
	pf, closePlugin := fortianalyzer.NewWithCloser(fortianalyzer.Options{PollPolicy: policy})
	db, err := pluginsql.Open(ctx, pf, conns, pluginsql.Options{})
	if err != nil {
		return nil, fmt.Errorf("open engine: %w", err)
	}
	return &engine{db: db, closePlugin: closePlugin}, nil
}

// count runs sql and returns how many rows it produced, reading them one by one as a
// client would (nothing is collected).
func (e *engine) count(ctx context.Context, sql string) (int64, error) {
	rows, err := e.db.Query(ctx, sql)
	if err != nil {
		return 0, err
	}
	var n int64
	for rows.Next() {
		_ = rows.Values()
		n++
	}
	if err := rows.Err(); err != nil {
		_ = rows.Close()
		return n, err
	}
	return n, rows.Close()
}

// scalar runs sql, which must return one row of one integer column.
func (e *engine) scalar(ctx context.Context, sql string) (int64, error) {
	rows, err := e.db.Query(ctx, sql)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("no row from %s", sql)
	}
	v := rows.Values()
	if len(v) != 1 {
		return 0, fmt.Errorf("%d columns from %s, want 1", len(v), sql)
	}
	n, ok := v[0].(int64)
	if !ok {
		return 0, fmt.Errorf("%T from %s, want an integer", v[0], sql)
	}
	return n, rows.Err()
}

// Close logs the plugin's sessions out and closes the database.
func (e *engine) Close(ctx context.Context) error {
	err := e.closePlugin(ctx)
	if cerr := e.db.Close(); err == nil {
		err = cerr
	}
	return err
}
