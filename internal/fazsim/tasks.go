package fazsim

import "time"

// taskKind tells FortiView tasks from log searches.
type taskKind int

const (
	kindFortiView taskKind = iota
	kindLogSearch
)

// task is an asynchronous FortiView run or log search. It holds one search
// slot from add until it is deleted, reaped (log search fetched) or expired.
type task struct {
	id       int
	kind     taskKind
	adom     string
	view     string // FortiView name; "" for log searches
	created  time.Time
	duration time.Duration
	fv       *fvTask
	ls       *lsTask
}

// progress returns completion in [0, 1] at now.
func (t *task) progress(now time.Time) float64 {
	if t.duration <= 0 {
		return 1
	}
	p := float64(now.Sub(t.created)) / float64(t.duration)
	switch {
	case p < 0:
		return 0
	case p > 1:
		return 1
	}
	return p
}

// percentage is progress as FAZ's integer 0..100; 100 only when done.
func (t *task) percentage(now time.Time) int {
	p := t.progress(now)
	if p >= 1 {
		return 100
	}
	return int(p * 100)
}

// addTask registers a task if a slot is free.
func (s *Server) addTask(t *task) *rpcError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tasks) >= s.opts.SearchSlots {
		s.stats.noSlot++
		return errNoSlot
	}
	s.nextTID++
	t.id = s.nextTID
	s.tasks[t.id] = t
	s.stats.created++
	return nil
}

// getTask finds a live task and counts the poll. It returns a copy taken
// under the lock, so callers read its fields without racing the add.
func (s *Server) getTask(id int, kind taskKind, adom, view string, expireFirst bool) *task {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.polls[id]++
	t, ok := s.tasks[id]
	if !ok || t.kind != kind || t.adom != adom || t.view != view {
		return nil
	}
	if expireFirst {
		delete(s.tasks, id)
		s.stats.expired++
		return nil
	}
	cp := *t
	return &cp
}

// endTask removes a task; how names the counter (deleted or reaped).
func (s *Server) endTask(id int, reaped bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tasks[id]; !ok {
		return false
	}
	delete(s.tasks, id)
	if reaped {
		s.stats.reaped++
	} else {
		s.stats.deleted++
	}
	return true
}

// expireTasksLocked drops tasks finished more than TaskTTL ago.
func (s *Server) expireTasksLocked(now time.Time) {
	for id, t := range s.tasks {
		if now.Sub(t.created.Add(t.duration)) > s.opts.TaskTTL {
			delete(s.tasks, id)
			s.stats.expired++
		}
	}
}
