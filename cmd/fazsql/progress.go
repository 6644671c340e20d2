package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// progressEvent is one task progress report, plugin-agnostic.
type progressEvent struct {
	ID         string // identifies the task across reports
	Label      string // what runs, e.g. "fortiview top-sources (adom root)"
	Percentage int
	Done       bool
}

// progressLine draws running tasks on one terminal line of stderr, e.g.
// "running: fortiview top-sources (adom root) 45%". Disabled (all methods
// no-ops) when stderr is not a terminal.
type progressLine struct {
	mu      sync.Mutex
	w       io.Writer
	enabled bool
	tasks   map[string]progressEvent
	shown   bool
}

func newProgressLine(w io.Writer, enabled bool) *progressLine {
	return &progressLine{w: w, enabled: enabled, tasks: map[string]progressEvent{}}
}

// maxProgressWidth keeps the line from wrapping on narrow terminals.
const maxProgressWidth = 100

// Update records ev and redraws.
func (p *progressLine) Update(ev progressEvent) {
	if p == nil || !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if ev.Done {
		delete(p.tasks, ev.ID)
	} else {
		p.tasks[ev.ID] = ev
	}
	if len(p.tasks) == 0 {
		p.clearLocked()
		return
	}
	ids := make([]string, 0, len(p.tasks))
	for id := range p.tasks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		t := p.tasks[id]
		parts = append(parts, fmt.Sprintf("%s %d%%", t.Label, t.Percentage))
	}
	line := "running: " + strings.Join(parts, " | ")
	if r := []rune(line); len(r) > maxProgressWidth {
		line = string(r[:maxProgressWidth-3]) + "..."
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// Clear erases the line (before results are printed) and forgets tasks.
func (p *progressLine) Clear() {
	if p == nil || !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
}

func (p *progressLine) clearLocked() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// Reset forgets every task (between statements) and clears the line.
func (p *progressLine) Reset() {
	if p == nil || !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tasks = map[string]progressEvent{}
	p.clearLocked()
}
