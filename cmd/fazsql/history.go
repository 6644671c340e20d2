package main

import (
	"bufio"
	"os"
	"strings"
	"sync"
)

// maxHistory bounds the history kept in memory and on disk.
const maxHistory = 1000

// history is the shell's statement history, persisted one entry a line.
// Multi-line statements are stored joined by spaces.
type history struct {
	mu    sync.Mutex
	path  string // "" = not persisted
	lines []string
}

// loadHistory reads path; a missing file is an empty history.
func loadHistory(path string) *history {
	h := &history{path: path}
	if path == "" {
		return h
	}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			h.lines = append(h.lines, line)
		}
	}
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
	return h
}

// entries returns a copy of the history, oldest first.
func (h *history) entries() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.lines...)
}

// len returns the number of entries.
func (h *history) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.lines)
}

// at returns entry i, oldest first.
func (h *history) at(i int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.lines[i]
}

// add appends an entry (skipping a repeat of the last one) and persists
// the history. Persisting is best effort: a shell must not fail over it.
func (h *history) add(entry string) {
	entry = strings.Join(strings.Fields(entry), " ")
	if entry == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n := len(h.lines); n > 0 && h.lines[n-1] == entry {
		return
	}
	h.lines = append(h.lines, entry)
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
	if h.path == "" {
		return
	}
	// Rewrite the whole file (small) so trimming works; 0600 as queries
	// can hold sensitive values.
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(h.lines, "\n")+"\n"), 0o600); err == nil {
		_ = os.Rename(tmp, h.path)
	}
}
