package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// Prompts of the interactive shell.
const (
	promptFirst = "fazsql> "
	promptMore  = "   ...> "
)

// runShell reads statements until EOF or .quit. On a terminal it uses the
// line editor (golang.org/x/term) with persistent history; otherwise (a pipe, a script) it reads
// plain lines without prompts and exits non-zero if any statement failed.
func (a *app) runShell(ctx context.Context) int {
	interactive := a.env.StdinTTY && a.env.StdoutTTY
	var read func(prompt string) (string, error)
	addHistory := func(string) {} // only an interactive shell keeps history
	if interactive {
		lr := newLineReader(a.env.Stdin, a.env.Stdout, loadHistory(a.historyPath()), a.env.StdinFd)
		read, addHistory = lr.readLine, lr.add
		fmt.Fprintf(a.env.Stdout, "fazsql: connected to %s. Type .help for commands; end statements with ';'.\n", a.db.DefaultConnection())
	} else {
		br := bufio.NewReader(a.env.Stdin)
		read = func(string) (string, error) {
			line, err := br.ReadString('\n')
			if err != nil && line != "" {
				return strings.TrimRight(line, "\r\n"), nil
			}
			return strings.TrimRight(line, "\r\n"), err
		}
	}

	failed := false
	exec := func(stmt string) {
		if err := a.runStatement(ctx, stmt); err != nil {
			failed = true
			fail(a.env, err)
		}
	}
	var buf strings.Builder
	for {
		prompt := promptFirst
		if buf.Len() > 0 {
			prompt = promptMore
		}
		line, err := read(prompt)
		if errors.Is(err, errInterrupted) {
			buf.Reset()
			continue
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fail(a.env, err)
				return 1
			}
			if rest := strings.TrimSpace(buf.String()); rest != "" && !onlyComments(rest) {
				addHistory(rest)
				exec(rest)
			}
			break
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ".") {
			addHistory(line)
			quit, err := a.meta(strings.TrimSpace(line))
			if err != nil {
				failed = true
				fail(a.env, err)
			}
			if quit {
				break
			}
			continue
		}
		buf.WriteString(line)
		buf.WriteString("\n")
		stmts, rest := splitStatements(buf.String())
		if len(stmts) > 0 {
			addHistory(strings.TrimSuffix(strings.TrimSpace(buf.String()), rest))
			for _, s := range stmts {
				exec(s)
			}
			buf.Reset()
			if !onlyComments(rest) {
				buf.WriteString(rest)
				buf.WriteString("\n")
			}
		}
	}
	if failed && !interactive {
		return 1
	}
	return 0
}

// meta runs a shell command (a line starting with '.').
func (a *app) meta(line string) (quit bool, err error) {
	fields := strings.Fields(line)
	cmd, args := fields[0], fields[1:]
	switch cmd {
	case ".quit", ".exit", ".q":
		return true, nil
	case ".help":
		fmt.Fprint(a.env.Stdout, `.tables [connection]     list tables (of the default connection if none given)
.inspect <table>         columns of a table (conn.table for another connection)
.connections             list connections
.output [format]         show or set the output format (table, json, csv, line)
.quit                    leave (also Ctrl-D)
Statements end with ';' and may span lines. Ctrl-C cancels a running query.
`)
	case ".tables":
		conn := ""
		if len(args) > 0 {
			conn = args[0]
		}
		tables := a.db.Tables(conn)
		if tables == nil {
			return false, fmt.Errorf(".tables: unknown connection %q (see .connections)", conn)
		}
		src := &sliceSource{cols: []string{"table", "description"}}
		for _, t := range tables {
			src.rows = append(src.rows, []any{t.Name, t.Description})
		}
		_, err = writeResult(a.env.Stdout, "table", src, nil)
	case ".inspect":
		if len(args) != 1 {
			return false, errors.New(".inspect: usage: .inspect <table> or .inspect <connection>.<table>")
		}
		return false, a.inspect(args[0])
	case ".connections":
		src := &sliceSource{cols: []string{"connection", "type", "children"}}
		for _, c := range a.db.Connections() {
			kind := "plugin"
			if c.IsAggregator() {
				kind = "aggregator"
			}
			if c.Name == a.db.DefaultConnection() {
				kind += " (default)"
			}
			src.rows = append(src.rows, []any{c.Name, kind, strings.Join(c.Children, ", ")})
		}
		_, err = writeResult(a.env.Stdout, "table", src, nil)
	case ".output":
		if len(args) == 0 {
			fmt.Fprintln(a.env.Stdout, a.format)
			return false, nil
		}
		if !validFormat(args[0]) {
			return false, fmt.Errorf(".output %q: accepted values are %s", args[0], strings.Join(outputFormats, ", "))
		}
		a.format = args[0]
	default:
		return false, fmt.Errorf("unknown command %s (try .help)", cmd)
	}
	return false, err
}

// inspect prints a table's columns.
func (a *app) inspect(name string) error {
	conn, table := "", name
	if i := strings.IndexByte(name, '.'); i >= 0 {
		conn, table = name[:i], name[i+1:]
	}
	for _, t := range a.db.Tables(conn) {
		if t.Name != table {
			continue
		}
		if t.Description != "" {
			fmt.Fprintln(a.env.Stdout, t.Description)
		}
		// sort: the orders the plugin returns rows in, so that an ORDER BY (and its LIMIT) goes down
		src := &sliceSource{cols: []string{"column", "type", "key", "sort", "description"}}
		for _, c := range t.Columns {
			if c.Hidden && c.Name != "sp_connection_name" {
				continue
			}
			src.rows = append(src.rows, []any{c.Name, c.Type, c.KeyColumn, c.Sort, c.Description})
		}
		_, err := writeResult(a.env.Stdout, "table", src, nil)
		return err
	}
	return fmt.Errorf(".inspect: no table %q (see .tables)", name)
}

// sliceSource serves in-memory rows to the formatters.
type sliceSource struct {
	cols []string
	rows [][]any
	i    int
}

func (s *sliceSource) Columns() []pluginsql.ColumnInfo {
	out := make([]pluginsql.ColumnInfo, len(s.cols))
	for i, c := range s.cols {
		out[i] = pluginsql.ColumnInfo{Name: c}
	}
	return out
}

func (s *sliceSource) Next() bool {
	if s.i >= len(s.rows) {
		return false
	}
	s.i++
	return true
}

func (s *sliceSource) Values() []any { return s.rows[s.i-1] }
func (s *sliceSource) Err() error    { return nil }
