package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// slotsResult is several fazsql processes sharing an appliance with fewer search slots than
// they have tasks (issue 12): every process must wait its turn rather than fail.
type slotsResult struct {
	Procs, Slots int
	Task         time.Duration
	Parallel     time.Duration // wall time of all processes started at once
	Sequential   time.Duration // wall time of the same processes one after another
	OK           int           // parallel processes that exited 0 with the answer of a lone run
	Refusals     int           // "No available slot" answers the appliance gave in the parallel run
	Failures     []string      // what the others printed
}

// runSlots starts procs fazsql processes at once against one simulator with slots search
// slots and tasks of d, then the same processes one after another.
func runSlots(ctx context.Context, fazsql string, procs, slots int, d time.Duration, progress func(string)) (slotsResult, error) {
	res := slotsResult{Procs: procs, Slots: slots, Task: d}
	if _, err := os.Stat(fazsql); err != nil {
		return res, fmt.Errorf("slots benchmark needs %s (run `make bins`): %w", fazsql, err)
	}
	sim := inProcessSim(fazsim.Options{LogRows: 20_000, SearchSlots: slots, TaskDuration: func(int) time.Duration { return d }})
	defer sim.Close()
	// One task each: the count of a FortiView view over a fixed window.
	end := time.Now().UTC().Truncate(time.Minute)
	sql := fmt.Sprintf("select count(*), sum(bytes) from fortianalyzer_top_source where start_time = '%s' and end_time = '%s'",
		end.Add(-6*time.Hour).Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05"))
	one := func() (string, error) {
		cmd := exec.CommandContext(ctx, fazsql, "-o", "csv", sql)
		cmd.Env = append(os.Environ(), "FORTIANALYZER_URL="+sim.URL, "FORTIANALYZER_API_KEY=fazsim-api-key",
			"FORTIANALYZER_USERNAME=", "FORTIANALYZER_PASSWORD=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%v: %s", err, bytes.TrimSpace(errb.Bytes()))
		}
		return out.String(), nil
	}
	want, err := one()
	if err != nil {
		return res, fmt.Errorf("slots: a lone fazsql run failed: %w", err)
	}
	before := sim.Sim.Stats().NoSlot
	t0 := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := 0; i < procs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := one()
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				res.Failures = append(res.Failures, err.Error())
			case got != want:
				res.Failures = append(res.Failures, fmt.Sprintf("answer %q, a lone run said %q", got, want))
			default:
				res.OK++
			}
		}()
	}
	wg.Wait()
	res.Parallel = time.Since(t0)
	res.Refusals = sim.Sim.Stats().NoSlot - before
	progress(fmt.Sprintf("slots: %d processes on %d slots at once: %v, %d ok, %d slot refusals", procs, slots, res.Parallel.Round(time.Millisecond), res.OK, res.Refusals))
	t0 = time.Now()
	for i := 0; i < procs; i++ {
		if _, err := one(); err != nil {
			return res, fmt.Errorf("slots: sequential run %d: %w", i+1, err)
		}
	}
	res.Sequential = time.Since(t0)
	progress(fmt.Sprintf("slots: the same %d one after another: %v", procs, res.Sequential.Round(time.Millisecond)))
	return res, nil
}

func (r *report) writeSlots(b *strings.Builder) {
	s := r.Slots
	if s == nil {
		return
	}
	fmt.Fprintf(b, "### Shared appliance: %d `fazsql` processes on %d search slots, one task of %s each\n\n", s.Procs, s.Slots, fmtDur(s.Task))
	b.WriteString("| Run | Wall (s) | Correct | Slot refusals waited out |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(b, "| all %d at once | %.3f | %d / %d | %d |\n", s.Procs, s.Parallel.Seconds(), s.OK, s.Procs, s.Refusals)
	fmt.Fprintf(b, "| one after another | %.3f | %d / %d | - |\n\n", s.Sequential.Seconds(), s.Procs, s.Procs)
	for _, f := range s.Failures {
		fmt.Fprintf(b, "- failed: %s\n", f)
	}
	if len(s.Failures) > 0 {
		b.WriteString("\n")
	}
}
