package faz

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestSlotRefusalsWaitAcrossClients (issue 12 item 4): three clients (three processes)
// share an appliance with two search slots; each runs two tasks. A slot refusal is the
// appliance saying "later": every run must wait its turn and finish, even with retries
// disabled (the wait is not a retry budget).
func TestSlotRefusalsWaitAcrossClients(t *testing.T) {
	e := startSim(t, fazsim.Options{SearchSlots: 2, TaskDuration: func(int) time.Duration { return 150 * time.Millisecond }},
		func(c *Config) { c.MaxConcurrentTasks = 2; c.MaxRetries = -1 })
	clients := []*Client{e.c}
	for i := 0; i < 2; i++ {
		c, err := New(Config{URL: e.ts.URL, APIKey: "fazsim-api-key", MaxConcurrentTasks: 2, MaxRetries: -1,
			PollFloor: time.Millisecond, PollCap: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close(context.Background()) })
		clients = append(clients, c)
	}
	want := -1
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range clients {
		for j := 0; j < 2; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n := 0
				_, err := c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { n++; return nil })
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Error(err)
					return
				}
				if want >= 0 && n != want {
					t.Errorf("%d rows, another run got %d", n, want)
				}
				want = n
			}()
		}
	}
	wg.Wait()
	if st := e.sim.Stats(); st.NoSlot == 0 || st.TasksCreated != 6 {
		t.Errorf("no-slot refusals %d (want some: the test must exercise them), tasks %d (want 6)", st.NoSlot, st.TasksCreated)
	}
}

// TestSlotWaitEnds: the wait ends at the caller's cancellation or at task_timeout, with
// an error that says what was waited for.
func TestSlotWaitEnds(t *testing.T) {
	refuse := fazsim.Fault{Method: "add", URL: "/fortiview/*", Probability: 1, Effect: fazsim.FaultNoSlot}
	e := startSim(t, fazsim.Options{Faults: []fazsim.Fault{refuse}}, func(c *Config) { c.TaskTimeout = 400 * time.Millisecond })
	_, err := e.c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
	if !isNoSlot(err) || !strings.Contains(err.Error(), "task_timeout") {
		t.Errorf("at task_timeout: err = %v, want a no-slot error naming task_timeout", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	e2 := startSim(t, fazsim.Options{Faults: []fazsim.Fault{refuse}}, func(c *Config) { c.TaskTimeout = time.Hour })
	_, err = e2.c.RunFortiView(ctx, fvSpec("top-sources", 0), func(Row) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled: err = %v, want the caller's context error", err)
	}
}
