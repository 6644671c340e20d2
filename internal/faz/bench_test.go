package faz

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// BenchmarkPollPolicies runs FortiView tasks of known real durations under
// the adaptive policy and the fixed 0.5 s and 2 s pollers of other clients,
// reporting polls per task and the delay between the task's completion and
// the client holding its rows ("late-ms"). Durations are not multiples of
// the fixed intervals, which would flatter the fixed pollers. Run with:
//
//	go test -run XXX -bench PollPolicies -benchtime 3x ./internal/faz/
func BenchmarkPollPolicies(b *testing.B) {
	policies := []struct {
		name string
		p    PollPolicy
	}{{"adaptive", adaptivePoll()}, {"fixed-0.5s", FixedPoll(500 * time.Millisecond)}, {"fixed-2s", FixedPoll(2 * time.Second)}}
	for _, d := range []time.Duration{300 * time.Millisecond, 1300 * time.Millisecond, 3300 * time.Millisecond} {
		for _, pol := range policies {
			b.Run(fmt.Sprintf("task-%v/%s", d, pol.name), func(b *testing.B) {
				sim := fazsim.New(fazsim.Options{End: testEnd, LogRows: 5000, TaskDuration: func(int) time.Duration { return d }})
				ts := newBenchServer(b, sim)
				c, err := New(Config{URL: ts, APIKey: "fazsim-api-key", PollPolicy: pol.p})
				if err != nil {
					b.Fatal(err)
				}
				polls, late := 0, time.Duration(0)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					start := time.Now()
					info, err := c.RunFortiView(context.Background(), fvSpec("top-sources", 0), func(Row) error { return nil })
					if err != nil {
						b.Fatal(err)
					}
					polls += info.Polls
					late += time.Since(start) - d
				}
				b.ReportMetric(float64(polls)/float64(b.N), "polls/op")
				b.ReportMetric(float64(late.Milliseconds())/float64(b.N), "late-ms/op")
			})
		}
	}
}
