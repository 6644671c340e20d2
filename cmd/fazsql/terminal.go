package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// errInterrupted is returned by a line reader when the user presses Ctrl-C.
var errInterrupted = errors.New("interrupted")

// isTerminal reports whether f is a terminal (any OS golang.org/x/term supports).
func isTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// lineReader is the shell's line editor: golang.org/x/term's Terminal (editing keys,
// history browsing), with the terminal in raw mode only while a line is read so that query
// output and Ctrl-C during a query (SIGINT, cancelling it) behave normally. History is
// browsed by statement, from history (persisted, 0600, bounded).
type lineReader struct {
	fd   int // terminal to put in raw mode; -1: none (tests feed keys through a pipe)
	in   *interruptWatch
	out  io.Writer
	hist *history
	t    *term.Terminal
}

func newLineReader(in io.Reader, out io.Writer, hist *history, fd int) *lineReader {
	r := &lineReader{fd: fd, in: &interruptWatch{r: in}, out: out, hist: hist}
	r.reset()
	return r
}

// reset starts a fresh editor state (after Ctrl-C, x/term keeps the abandoned line).
func (r *lineReader) reset() {
	r.t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{r.in, r.out}, "")
	r.t.History = statementHistory{r.hist}
}

// readLine reads one line with prompt: io.EOF on Ctrl-D at an empty line, errInterrupted
// on Ctrl-C.
func (r *lineReader) readLine(prompt string) (string, error) {
	if r.fd >= 0 {
		old, err := term.MakeRaw(r.fd)
		if err != nil {
			return "", err
		}
		defer func() { _ = term.Restore(r.fd, old) }()
		if w, h, err := term.GetSize(r.fd); err == nil {
			_ = r.t.SetSize(w, h)
		}
	}
	r.t.SetPrompt(prompt)
	line, err := r.t.ReadLine()
	if errors.Is(err, io.EOF) && r.in.takeInterrupt() {
		_, _ = io.WriteString(r.out, "^C\r\n")
		r.reset()
		return "", errInterrupted
	}
	return line, err
}

// add records a statement in the history the editor browses (and persists it).
func (r *lineReader) add(entry string) { r.hist.add(entry) }

// interruptWatch counts the Ctrl-C keys read: x/term's ReadLine reports Ctrl-C as io.EOF,
// like Ctrl-D, and each Ctrl-C read ends exactly one ReadLine that way. A read stops after
// a Ctrl-C, so that keys typed after it are not in the editor state reset drops.
type interruptWatch struct {
	r       io.Reader
	held    []byte // read past a Ctrl-C, served by the next Read
	pending int    // Ctrl-Cs read whose io.EOF has not been taken yet
}

func (w *interruptWatch) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(w.held) > 0 {
		n = copy(p, w.held)
		w.held = w.held[n:]
	} else {
		n, err = w.r.Read(p)
	}
	if i := bytes.IndexByte(p[:n], 3); i >= 0 {
		w.held = append(append([]byte(nil), p[i+1:n]...), w.held...)
		n = i + 1
		w.pending++
		if len(w.held) > 0 {
			err = nil // a reader at its end says so again on the next read
		}
	}
	return n, err
}

func (w *interruptWatch) takeInterrupt() bool {
	if w.pending == 0 {
		return false
	}
	w.pending--
	return true
}

// statementHistory shows the shell's statement history to x/term, newest first. The lines
// x/term would add one by one are ignored: the shell adds whole statements.
type statementHistory struct{ h *history }

func (s statementHistory) Add(string) {}

func (s statementHistory) Len() int { return s.h.len() }

func (s statementHistory) At(i int) string {
	return strings.TrimSpace(s.h.at(s.h.len() - 1 - i))
}
