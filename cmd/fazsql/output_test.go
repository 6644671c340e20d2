package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// fakeRows yields rows, then fails with err (nil: ends cleanly).
type fakeRows struct {
	cols []pluginsql.ColumnInfo
	rows [][]any
	err  error
	i    int
}

func (f *fakeRows) Columns() []pluginsql.ColumnInfo { return f.cols }
func (f *fakeRows) Next() bool                      { f.i++; return f.i <= len(f.rows) }
func (f *fakeRows) Values() []any                   { return f.rows[f.i-1] }
func (f *fakeRows) Err() error {
	if f.i > len(f.rows) {
		return f.err
	}
	return nil
}

var errMidStream = errors.New("faz: get /logview/adom/root/logsearch/7: HTTP 502: Bad Gateway")

func hostRows(n int, err error) *fakeRows {
	f := &fakeRows{cols: []pluginsql.ColumnInfo{{Name: "hostname", DeclType: "TEXT"}, {Name: "n", DeclType: "BIGINT"}}, err: err}
	for i := 0; i < n; i++ {
		f.rows = append(f.rows, []any{"host", int64(i)})
	}
	return f
}

// TestFailedQueryIsNotACompleteDocument (issue 12 item 2): a query failing mid-stream
// printed a valid JSON array any script would take as the whole answer, and CSV printed
// its header before an error that came before any row.
func TestFailedQueryIsNotACompleteDocument(t *testing.T) {
	for _, format := range outputFormats {
		var out bytes.Buffer
		n, err := writeResult(&out, format, hostRows(3, errMidStream), nil)
		if !errors.Is(err, errMidStream) {
			t.Fatalf("%s: err = %v", format, err)
		}
		if format != "table" && (n != 3 || !strings.Contains(err.Error(), "incomplete") || !strings.Contains(err.Error(), "3 rows")) {
			t.Errorf("%s: %d rows, error %q does not mark the output incomplete", format, n, err)
		}
		if format == "json" {
			var v any
			if json.Unmarshal(out.Bytes(), &v) == nil {
				t.Errorf("json: a failed query printed a valid document:\n%s", out.String())
			}
		}
		// An error before the first row prints nothing on stdout, in every format.
		out.Reset()
		if _, err := writeResult(&out, format, hostRows(0, errMidStream), nil); !errors.Is(err, errMidStream) || out.Len() != 0 {
			t.Errorf("%s: error before any row: err %v, stdout %q", format, err, out.String())
		}
	}
	// A successful empty CSV result still has its header.
	var out bytes.Buffer
	if _, err := writeResult(&out, "csv", hostRows(0, nil), nil); err != nil || out.String() != "hostname,n\n" {
		t.Errorf("empty csv: %q, %v", out.String(), err)
	}
}

// TestControlCharactersAreEscaped (item 3): appliance data reached the terminal raw, so a
// hostname could retitle the window, clear the screen or fake a line with \r.
func TestControlCharactersAreEscaped(t *testing.T) {
	evil := "fw\x1b]0;pwned\x07\x1b[2J\rroot\u0085x\x7f\ty\nz"
	for _, format := range []string{"table", "line"} {
		f := hostRows(1, nil)
		f.rows[0][0] = evil
		var out bytes.Buffer
		if _, err := writeResult(&out, format, f, nil); err != nil {
			t.Fatal(err)
		}
		for _, r := range out.String() {
			if (r < 0x20 || r >= 0x7f && r <= 0x9f) && r != '\n' {
				t.Fatalf("%s: control character %U printed raw:\n%q", format, r, out.String())
			}
		}
		want := `fw\x1b]0;pwned\x07\x1b[2J\rroot\u0085x\x7f\ty\nz`
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: want %s in\n%s", format, want, out.String())
		}
	}
	// CSV is data for programs: values are written as they are, quoted per RFC 4180.
	f := hostRows(1, nil)
	f.rows[0][0] = evil
	var out bytes.Buffer
	if _, err := writeResult(&out, "csv", f, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][0] != evil {
		t.Errorf("csv round trip: %q, %v", recs, err)
	}
}
