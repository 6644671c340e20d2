package fazsim

import "sort"

// Stats is a snapshot of what the simulator has seen, for tests and
// benchmarks: request counts, logins, task lifecycle and polling effort.
type Stats struct {
	// Requests counts requests by "method url-pattern", e.g.
	// "get /logview/adom/root/logsearch/{tid}" (numeric tids become {tid}).
	Requests map[string]int
	// Logins counts successful logins; LoginFailures rejected ones.
	Logins, LoginFailures, Logouts int
	// SessionsExpired counts sessions dropped for idleness, request count or a fault.
	SessionsExpired int
	// Task lifecycle counters. A task ends deleted (client delete), reaped
	// (log search fetched) or expired (TTL or fault).
	TasksCreated, TasksDeleted, TasksReaped, TasksExpired int
	// LiveTasks lists the ids of tasks still holding a slot, ascending.
	// A task a client forgot to delete shows up here.
	LiveTasks []int
	// Polls counts "get" calls per tid (including rejected ones).
	Polls map[int]int
	// Faults counts fired faults by effect.
	Faults map[string]int
	// NoSlot counts "add" calls refused for want of a search slot.
	NoSlot int
}

// statsState is the mutable counterpart kept under Server.mu.
type statsState struct {
	requests                                  map[string]int
	logins, loginFailures, logouts, sessExp   int
	created, deleted, reaped, expired, noSlot int
	polls                                     map[int]int
	faults                                    map[string]int
}

func newStatsState() statsState {
	return statsState{requests: map[string]int{}, polls: map[int]int{}, faults: map[string]int{}}
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireTasksLocked(s.opts.Clock.Now())
	st := Stats{
		Requests: map[string]int{}, Polls: map[int]int{}, Faults: map[string]int{},
		Logins: s.stats.logins, LoginFailures: s.stats.loginFailures, Logouts: s.stats.logouts,
		SessionsExpired: s.stats.sessExp,
		TasksCreated:    s.stats.created, TasksDeleted: s.stats.deleted, TasksReaped: s.stats.reaped,
		TasksExpired: s.stats.expired, NoSlot: s.stats.noSlot,
	}
	for k, v := range s.stats.requests {
		st.Requests[k] = v
	}
	for k, v := range s.stats.polls {
		st.Polls[k] = v
	}
	for k, v := range s.stats.faults {
		st.Faults[k] = v
	}
	for id := range s.tasks {
		st.LiveTasks = append(st.LiveTasks, id)
	}
	sort.Ints(st.LiveTasks)
	return st
}
