package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// outputFormats are the accepted --output values.
var outputFormats = []string{"table", "json", "csv", "line"}

// resultSource is what the formatters read: pluginsql.Rows, or a fake in
// tests.
type resultSource interface {
	Columns() []pluginsql.ColumnInfo
	Next() bool
	Values() []any
	Err() error
}

// writeResult renders rows to w in format, calling beforeWrite (to clear a
// progress line) before any output. It returns the number of rows written. When
// the query fails after rows were written, the error says so (see
// incompleteError): that line on stderr marks the output as cut short.
func writeResult(w io.Writer, format string, rows resultSource, beforeWrite func()) (int, error) {
	if beforeWrite == nil {
		beforeWrite = func() {}
	}
	var n int
	var err error
	switch format {
	case "table", "":
		n, err = writeTable(w, rows, beforeWrite)
	case "json":
		n, err = writeJSON(w, rows, beforeWrite)
	case "csv":
		n, err = writeCSV(w, rows, beforeWrite)
	case "line":
		n, err = writeLine(w, rows, beforeWrite)
	default:
		return 0, fmt.Errorf("--output %q: accepted values are %s", format, strings.Join(outputFormats, ", "))
	}
	if err != nil && n > 0 {
		err = &incompleteError{rows: n, err: err}
	}
	return n, err
}

// incompleteError is a query that failed after some of its rows were printed.
type incompleteError struct {
	rows int
	err  error
}

func (e *incompleteError) Error() string {
	return fmt.Sprintf("output incomplete: the query failed after %d rows: %v", e.rows, e.err)
}

func (e *incompleteError) Unwrap() error { return e.err }

// cellText renders one value for the text formats. Booleans are stored as
// 0/1; the declared type tells them apart from numbers.
func cellText(v any, declType string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		if declType == "BOOLEAN" {
			return strconv.FormatBool(x != 0)
		}
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case []byte:
		return fmt.Sprintf("\\x%x", x)
	}
	return fmt.Sprint(v)
}

// escapeControls makes a value safe to print on a terminal: C0 and C1 control characters
// (ESC, CR, NEL U+0085, ...) and DEL become visible escapes (\x1b, \r, \u0085), so
// appliance data cannot move the cursor, retitle the window or fake a line. Backslashes
// are left alone: they are common in values (DOMAIN\user) and harmless.
func escapeControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case !isControl(r):
			sb.WriteRune(r)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&sb, `\x%02x`, r)
		default:
			fmt.Fprintf(&sb, `\u%04x`, r)
		}
	}
	return sb.String()
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// jsonValue renders one value for JSON output: numbers as numbers, BOOLEAN
// columns as true/false, JSON columns as embedded JSON.
func jsonValue(v any, declType string) any {
	switch x := v.(type) {
	case int64:
		if declType == "BOOLEAN" {
			return x != 0
		}
	case string:
		if declType == "JSON" && json.Valid([]byte(x)) {
			return json.RawMessage(x)
		}
	case []byte:
		return fmt.Sprintf("\\x%x", x)
	}
	return v
}

// writeTable buffers the rows (column widths need all of them) and draws
// a boxed table.
func writeTable(w io.Writer, rows resultSource, beforeWrite func()) (int, error) {
	cols := rows.Columns()
	if len(cols) == 0 {
		for rows.Next() {
		}
		return 0, rows.Err()
	}
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = utf8.RuneCountInString(c.Name)
	}
	// numbers align right: numeric columns, and expressions (no declared
	// type) whose values are all numbers or NULL
	numeric := make([]bool, len(cols))
	for i, c := range cols {
		numeric[i] = c.DeclType == "BIGINT" || c.DeclType == "DOUBLE" || c.DeclType == ""
	}
	var cells [][]string
	for rows.Next() {
		vals := rows.Values()
		for i, v := range vals {
			switch v.(type) {
			case int64, float64, nil:
			default:
				numeric[i] = false
			}
		}
		row := make([]string, len(cols))
		for i := range cols {
			s := cellText(vals[i], cols[i].DeclType)
			if vals[i] == nil {
				s = "<null>"
			}
			s = escapeControls(s)
			row[i] = s
			widths[i] = max(widths[i], utf8.RuneCountInString(s))
		}
		cells = append(cells, row)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	beforeWrite()
	var sb strings.Builder
	rule := func() {
		sb.WriteString("+")
		for _, wd := range widths {
			sb.WriteString(strings.Repeat("-", wd+2))
			sb.WriteString("+")
		}
		sb.WriteString("\n")
	}
	line := func(vals []string, numeric []bool) {
		sb.WriteString("|")
		for i, v := range vals {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v))
			if numeric != nil && numeric[i] {
				sb.WriteString(" " + pad + v + " |")
			} else {
				sb.WriteString(" " + v + pad + " |")
			}
		}
		sb.WriteString("\n")
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	rule()
	line(names, nil)
	rule()
	for _, r := range cells {
		line(r, numeric)
	}
	rule()
	_, err := io.WriteString(w, sb.String())
	return len(cells), err
}

// writeJSON streams an array of objects whose keys follow the column order.
func writeJSON(w io.Writer, rows resultSource, beforeWrite func()) (int, error) {
	cols := rows.Columns()
	keys := make([][]byte, len(cols))
	for i, c := range cols {
		keys[i], _ = json.Marshal(c.Name)
	}
	n := 0
	started := false
	for rows.Next() {
		vals := rows.Values()
		var sb strings.Builder
		if !started {
			beforeWrite()
			sb.WriteString("[\n")
			started = true
		} else {
			sb.WriteString(",\n")
		}
		sb.WriteString("  {")
		for i := range cols {
			if i > 0 {
				sb.WriteString(", ")
			}
			b, err := json.Marshal(jsonValue(vals[i], cols[i].DeclType))
			if err != nil {
				return n, err
			}
			sb.Write(keys[i])
			sb.WriteString(": ")
			sb.Write(b)
		}
		sb.WriteString("}")
		if _, err := io.WriteString(w, sb.String()); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		if started {
			// The array is left open: a script must not read a failed query's rows as a
			// complete answer (the error and the row count go to stderr).
			_, _ = io.WriteString(w, "\n")
		}
		return n, err
	}
	if !started {
		beforeWrite()
		_, err := io.WriteString(w, "[]\n")
		return 0, err
	}
	_, err := io.WriteString(w, "\n]\n")
	return n, err
}

// writeCSV streams a header and the rows; NULL is an empty field. Values are written as
// they are (RFC 4180 quoting, control characters included): CSV is data for programs. The
// header waits for the first row or the end, so a query that fails before any row prints
// nothing on stdout.
func writeCSV(w io.Writer, rows resultSource, beforeWrite func()) (int, error) {
	cols := rows.Columns()
	cw := csv.NewWriter(w)
	headerDone := false
	header := func() error {
		if headerDone {
			return nil
		}
		headerDone = true
		beforeWrite()
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		return cw.Write(names)
	}
	n := 0
	rec := make([]string, len(cols))
	for rows.Next() {
		vals := rows.Values()
		for i := range cols {
			rec[i] = cellText(vals[i], cols[i].DeclType)
		}
		if err := header(); err != nil {
			return n, err
		}
		beforeWrite()
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
		cw.Flush()
	}
	if err := rows.Err(); err != nil {
		cw.Flush()
		return n, err
	}
	if err := header(); err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// writeLine streams one block per record, psql's expanded display.
func writeLine(w io.Writer, rows resultSource, beforeWrite func()) (int, error) {
	cols := rows.Columns()
	width := 0
	for _, c := range cols {
		width = max(width, utf8.RuneCountInString(c.Name))
	}
	n := 0
	for rows.Next() {
		vals := rows.Values()
		n++
		var sb strings.Builder
		fmt.Fprintf(&sb, "-[ RECORD %d ]%s\n", n, strings.Repeat("-", max(4, width)))
		for i, c := range cols {
			s := cellText(vals[i], c.DeclType)
			if vals[i] == nil {
				s = "<null>"
			}
			fmt.Fprintf(&sb, "%s%s | %s\n", c.Name, strings.Repeat(" ", width-utf8.RuneCountInString(c.Name)), escapeControls(s))
		}
		beforeWrite()
		if _, err := io.WriteString(w, sb.String()); err != nil {
			return n, err
		}
	}
	return n, rows.Err()
}
