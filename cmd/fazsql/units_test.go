package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	cases := []struct {
		in    string
		stmts []string
		rest  string
	}{
		{"select 1;", []string{"select 1"}, ""},
		{"select 1; select 2", []string{"select 1"}, "select 2"},
		{"select ';' as a; select \"x;y\" from t;", []string{"select ';' as a", "select \"x;y\" from t"}, ""},
		{"select 1 -- comment; not a split\n;", []string{"select 1 -- comment; not a split"}, ""},
		{"select /* ; */ 1;", []string{"select /* ; */ 1"}, ""},
		{"select 'unterminated;", nil, "select 'unterminated;"},
		{";;", nil, ""},
	}
	for _, c := range cases {
		stmts, rest := splitStatements(c.in)
		if !reflect.DeepEqual(stmts, c.stmts) || rest != c.rest {
			t.Errorf("splitStatements(%q) = %q, %q; want %q, %q", c.in, stmts, rest, c.stmts, c.rest)
		}
	}
	if !onlyComments("-- x\n/* y */ ") || onlyComments("-- x\nselect 1") {
		t.Error("onlyComments")
	}
}

func TestHCLString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:      `"plain"`,
		`a"b\c`:      `"a\"b\\c"`,
		"${env}%{x}": `"$${env}%%{x}"`,
	} {
		if got := hclString(in); got != want {
			t.Errorf("hclString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLineReader drives the shell's editor (golang.org/x/term) with keys through a pipe: editing
// keys, history browsing over the persisted history, Ctrl-C and Ctrl-D.
func TestLineReader(t *testing.T) {
	h := &history{lines: []string{"select 1;", "select 2;"}}
	read := func(keys string) (string, error) {
		var out bytes.Buffer
		return newLineReader(strings.NewReader(keys), &out, h, -1).readLine("> ")
	}
	cases := []struct{ keys, want string }{
		{"abc\r", "abc"},
		{"ac\x1b[Db\r", "abc"},                   // left arrow, insert
		{"abcd\x7f\x7f\r", "ab"},                 // backspace
		{"hello world\x17\r", "hello "},          // Ctrl-W
		{"abc\x01X\x05Y\r", "XabcY"},             // Ctrl-A, Ctrl-E
		{"abc\x1b[D\x1b[D\x0b\r", "a"},           // Ctrl-K
		{"abc\x1b[D\x1b[3~\r", "ab"},             // Delete
		{"\x1b[A\r", "select 2;"},                // up: newest entry
		{"\x1b[A\x1b[A\r", "select 1;"},          // up twice
		{"\x1b[A\x1b[A\x1b[A\r", "select 1;"},    // stops at the oldest
		{"h\u00e9llo\x1b[D\x1b[D\x7f\r", "hélo"}, // runes, not bytes
	}
	for _, c := range cases {
		got, err := read(c.keys)
		if err != nil || got != c.want {
			t.Errorf("keys %q: %q, %v; want %q", c.keys, got, err, c.want)
		}
	}
	if _, err := read("ab\x03"); !errors.Is(err, errInterrupted) {
		t.Errorf("Ctrl-C: %v", err)
	}
	if _, err := read("\x04"); !errors.Is(err, io.EOF) {
		t.Errorf("Ctrl-D: %v", err)
	}
}

// TestLineReaderHistory: a statement added in the shell is browsable at once and persisted.
func TestLineReaderHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".fazsql_history")
	lr := newLineReader(strings.NewReader("\x1b[A\rab\x03select 4;\r"), io.Discard, loadHistory(path), -1)
	lr.add("select\n  3;")
	if got, err := lr.readLine("> "); err != nil || got != "select 3;" {
		t.Fatalf("up after add: %q, %v", got, err)
	}
	if got := loadHistory(path).entries(); !reflect.DeepEqual(got, []string{"select 3;"}) {
		t.Fatalf("persisted %q", got)
	}
	// Ctrl-C abandons the line being typed; the next line starts empty.
	if _, err := lr.readLine("> "); !errors.Is(err, errInterrupted) {
		t.Fatalf("Ctrl-C: %v", err)
	}
	if got, err := lr.readLine("> "); err != nil || got != "select 4;" {
		t.Fatalf("after Ctrl-C: %q, %v", got, err)
	}
}

func TestHistoryPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".fazsql_history")
	h := loadHistory(path)
	h.add("select 1;")
	h.add("select\n  2;")
	h.add("select  2;") // same statement once normalised: not repeated
	h2 := loadHistory(path)
	if got := h2.entries(); !reflect.DeepEqual(got, []string{"select 1;", "select 2;"}) {
		t.Errorf("reloaded history = %q", got)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	for i := range maxHistory + 10 {
		h2.add("q" + strconv.Itoa(i))
	}
	if n := len(loadHistory(path).entries()); n != maxHistory {
		t.Errorf("history length %d, want %d", n, maxHistory)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressLine(&buf, true)
	p.Update(progressEvent{ID: "1", Label: "fortiview top-sources (adom root)", Percentage: 45})
	if !strings.Contains(buf.String(), "running: fortiview top-sources (adom root) 45%") {
		t.Errorf("line = %q", buf.String())
	}
	buf.Reset()
	p.Update(progressEvent{ID: "1", Done: true})
	if buf.String() != "\r\x1b[K" {
		t.Errorf("done should clear the line: %q", buf.String())
	}
	buf.Reset()
	p.Clear()
	if buf.Len() != 0 {
		t.Errorf("clearing a cleared line wrote %q", buf.String())
	}
	quiet := newProgressLine(&buf, false)
	quiet.Update(progressEvent{ID: "1", Label: "x", Percentage: 1})
	quiet.Clear()
	if buf.Len() != 0 {
		t.Errorf("disabled progress wrote %q", buf.String())
	}
}
