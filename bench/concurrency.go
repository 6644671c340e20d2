package main

import (
	"context"
	"fmt"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql"
)

// benchADOMs are the simulator's three ADOMs.
var benchADOMs = []string{"root", "Branch_Office", "Data_Center"}

// concurrencyResult compares one ADOM, three ADOMs in one query, and three queries in a
// row, each a FortiView task of the same modelled duration.
type concurrencyResult struct {
	Task       time.Duration
	Reps       int
	One        time.Duration // median: one ADOM
	InList     time.Duration // median: adom IN (three ADOMs), one query
	Aggregator time.Duration // median: an aggregator over three connections, one per ADOM
	Sequential time.Duration // median: the three one-ADOM queries one after another
}

// runConcurrency measures the adom IN query, the aggregator and the sequential queries
// against one simulator whose tasks all take d.
func runConcurrency(ctx context.Context, d time.Duration, reps int, progress func(string)) (concurrencyResult, error) {
	res := concurrencyResult{Task: d, Reps: reps}
	sim := inProcessSim(fazsim.Options{LogRows: 20_000, TaskDuration: func(int) time.Duration { return d }})
	defer sim.Close()
	conns := []pluginsql.Connection{
		{Name: "fortianalyzer", Plugin: "fortianalyzer", Config: connConfig(sim.URL, "")},
		{Name: "faz_all", Plugin: "fortianalyzer", Children: []string{"faz_adom_*"}},
	}
	for _, a := range benchADOMs {
		conns = append(conns, pluginsql.Connection{Name: "faz_adom_" + a, Plugin: "fortianalyzer",
			Config: connConfig(sim.URL, fmt.Sprintf("adom = %q\n", a))})
	}
	e, err := openEngineConns(ctx, nil, conns)
	if err != nil {
		return res, err
	}
	defer func() { _ = e.Close(context.WithoutCancel(ctx)) }()
	// Log every connection in before timing.
	for _, c := range conns[2:] {
		if _, err := e.count(ctx, "select name from "+c.Name+".fortianalyzer_adom"); err != nil {
			return res, fmt.Errorf("concurrency warm-up: %w", err)
		}
	}
	if _, err := e.count(ctx, "select name from fortianalyzer_adom"); err != nil {
		return res, fmt.Errorf("concurrency warm-up: %w", err)
	}
	one := func(adom string) string {
		return fmt.Sprintf("select count(threat) from fortianalyzer.fortianalyzer_ioc_threat where adom = '%s'", adom)
	}
	in := "select count(threat) from fortianalyzer.fortianalyzer_ioc_threat where adom in ('root', 'Branch_Office', 'Data_Center')"
	agg := "select count(threat) from faz_all.fortianalyzer_ioc_threat"
	timed := func(sqls ...string) (time.Duration, error) {
		t0 := time.Now()
		for _, q := range sqls {
			if _, err := e.scalar(ctx, q); err != nil {
				return 0, fmt.Errorf("%s: %w", q, err)
			}
		}
		return time.Since(t0), nil
	}
	var ones, ins, aggs, seqs []time.Duration
	for rep := 0; rep < reps; rep++ {
		for _, m := range []struct {
			dst  *[]time.Duration
			name string
			sqls []string
		}{
			{&ones, "one ADOM", []string{one("root")}},
			{&ins, "adom IN (3)", []string{in}},
			{&aggs, "aggregator (3)", []string{agg}},
			{&seqs, "3 queries in a row", []string{one(benchADOMs[0]), one(benchADOMs[1]), one(benchADOMs[2])}},
		} {
			before := sim.Sim.Stats()
			w, err := timed(m.sqls...)
			if err != nil {
				return res, err
			}
			l := loadBetween(before, sim.Sim.Stats())
			progress(fmt.Sprintf("concurrency, task %v, %s, rep %d: %v, %d tasks", d, m.name, rep+1, w.Round(time.Millisecond), l.Tasks))
			*m.dst = append(*m.dst, w)
		}
	}
	res.One, res.InList, res.Aggregator, res.Sequential = medianDuration(ones), medianDuration(ins), medianDuration(aggs), medianDuration(seqs)
	return res, nil
}
