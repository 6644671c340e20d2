package main

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errInterrupted is returned by readLine when the user presses Ctrl-C.
var errInterrupted = errors.New("interrupted")

// lineEditor is a small line editor for a terminal in raw mode: cursor
// movement, editing keys and up/down history. It reads keys from in and
// draws on out; it knows nothing of terminals beyond VT100 escapes, so it is
// tested with plain pipes.
type lineEditor struct {
	in      *bufio.Reader
	out     io.Writer
	history *history
}

func newLineEditor(in io.Reader, out io.Writer, h *history) *lineEditor {
	return &lineEditor{in: bufio.NewReader(in), out: out, history: h}
}

// Key codes.
const (
	keyCtrlA     = 1
	keyCtrlB     = 2
	keyCtrlC     = 3
	keyCtrlD     = 4
	keyCtrlE     = 5
	keyCtrlF     = 6
	keyCtrlH     = 8
	keyTab       = 9
	keyLF        = 10
	keyCtrlK     = 11
	keyCtrlL     = 12
	keyCR        = 13
	keyCtrlN     = 14
	keyCtrlP     = 16
	keyCtrlU     = 21
	keyCtrlW     = 23
	keyEsc       = 27
	keyBackspace = 127
)

// readLine reads one line with prompt. It returns io.EOF on Ctrl-D at an
// empty line and errInterrupted on Ctrl-C.
func (e *lineEditor) readLine(prompt string) (string, error) {
	var buf []rune
	pos := 0
	hist := e.history.entries()
	hi := len(hist) // index in history; len = the line being edited
	saved := ""     // the line being edited while browsing history
	e.redraw(prompt, buf, pos)
	for {
		r, _, err := e.in.ReadRune()
		if err != nil {
			if len(buf) > 0 && errors.Is(err, io.EOF) {
				io.WriteString(e.out, "\r\n")
				return string(buf), nil
			}
			return "", err
		}
		switch r {
		case keyCR, keyLF:
			io.WriteString(e.out, "\r\n")
			return string(buf), nil
		case keyCtrlC:
			io.WriteString(e.out, "^C\r\n")
			return "", errInterrupted
		case keyCtrlD:
			if len(buf) == 0 {
				io.WriteString(e.out, "\r\n")
				return "", io.EOF
			}
			if pos < len(buf) {
				buf = append(buf[:pos], buf[pos+1:]...)
			}
		case keyBackspace, keyCtrlH:
			if pos > 0 {
				buf = append(buf[:pos-1], buf[pos:]...)
				pos--
			}
		case keyCtrlA:
			pos = 0
		case keyCtrlE:
			pos = len(buf)
		case keyCtrlB:
			pos = max(0, pos-1)
		case keyCtrlF:
			pos = min(len(buf), pos+1)
		case keyCtrlK:
			buf = buf[:pos]
		case keyCtrlU:
			buf = append([]rune(nil), buf[pos:]...)
			pos = 0
		case keyCtrlW:
			start := pos
			for start > 0 && buf[start-1] == ' ' {
				start--
			}
			for start > 0 && buf[start-1] != ' ' {
				start--
			}
			buf = append(buf[:start], buf[pos:]...)
			pos = start
		case keyCtrlL:
			io.WriteString(e.out, "\x1b[H\x1b[2J")
		case keyCtrlP, keyCtrlN:
			buf, pos, hi, saved = e.browse(r == keyCtrlP, hist, hi, saved, buf)
		case keyEsc:
			key := e.readEscape()
			switch key {
			case "A", "B":
				buf, pos, hi, saved = e.browse(key == "A", hist, hi, saved, buf)
			case "C":
				pos = min(len(buf), pos+1)
			case "D":
				pos = max(0, pos-1)
			case "H", "1~", "7~":
				pos = 0
			case "F", "4~", "8~":
				pos = len(buf)
			case "3~": // Delete
				if pos < len(buf) {
					buf = append(buf[:pos], buf[pos+1:]...)
				}
			}
		case keyTab:
			buf = insert(buf, pos, ' ', ' ')
			pos += 2
		default:
			if r == utf8.RuneError || !unicode.IsPrint(r) {
				continue
			}
			buf = insert(buf, pos, r)
			pos++
		}
		e.redraw(prompt, buf, pos)
	}
}

// insert puts rs into buf at pos.
func insert(buf []rune, pos int, rs ...rune) []rune {
	out := make([]rune, 0, len(buf)+len(rs))
	out = append(out, buf[:pos]...)
	out = append(out, rs...)
	return append(out, buf[pos:]...)
}

// browse moves through history: up (older) or down (newer).
func (e *lineEditor) browse(up bool, hist []string, hi int, saved string, buf []rune) ([]rune, int, int, string) {
	if hi == len(hist) {
		saved = string(buf)
	}
	switch {
	case up && hi > 0:
		hi--
	case !up && hi < len(hist):
		hi++
	default:
		return buf, len(buf), hi, saved
	}
	line := saved
	if hi < len(hist) {
		line = hist[hi]
	}
	nb := []rune(line)
	return nb, len(nb), hi, saved
}

// readEscape reads the rest of an escape sequence (ESC [ ... or ESC O ...)
// and returns its final part, e.g. "A" for up or "3~" for delete.
func (e *lineEditor) readEscape() string {
	r, _, err := e.in.ReadRune()
	if err != nil || (r != '[' && r != 'O') {
		return ""
	}
	var sb strings.Builder
	for {
		r, _, err := e.in.ReadRune()
		if err != nil {
			return ""
		}
		sb.WriteRune(r)
		if (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || r == '~' {
			return sb.String()
		}
		if sb.Len() > 8 {
			return ""
		}
	}
}

// redraw repaints the line and puts the cursor at pos.
func (e *lineEditor) redraw(prompt string, buf []rune, pos int) {
	var sb strings.Builder
	sb.WriteString("\r")
	sb.WriteString(prompt)
	sb.WriteString(string(buf))
	sb.WriteString("\x1b[K")
	if back := len(buf) - pos; back > 0 {
		sb.WriteString("\x1b[")
		sb.WriteString(itoa(back))
		sb.WriteString("D")
	}
	io.WriteString(e.out, sb.String())
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
