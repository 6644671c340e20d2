package fortianalyzer

// The mechanism every task-backed table shares (FortiView, log search, logstats): the quals
// that parameterise a task, planning them into tasks (one per ADOM x device), the columns
// that echo them, and streaming concurrent tasks' rows to the SDK.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
)

// taskQuery is one FortiView task the quals asked for (one per ADOM x device), and the
// values echoed on its rows.
type taskQuery struct {
	ADOM          string
	LogType       string // log searches only
	Device        string // as given in the qual; "" when none
	Window        window
	HasWindow     bool // false for rows fetched by tid: the window is the task's own
	Filter        string
	RawFilter     string // the user's `filter` qual, echoed
	HasFilter     bool   // a `filter` qual was given (echoed even when it is ''); the engine re-checks it
	CaseSensitive *bool
	TID           *int64
	VDOM          string  // per-VDOM views: the VDOM qual value; "" when none
	AnswerWindow  *window // a task read by tid: the window its answer reports, if any
	View          string  // the FortiView the task runs
	// memo holds what per-row hydrates compute once per task (fortianalyzer_ioc_threat's
	// sources); set before the task's first row is emitted.
	memo *taskMemo
	// devs is Device (and VDOM) resolved against the ADOM's devices: set by selectors
	// before the task's first row is emitted, read by per-row hydrates after.
	devs *[]faz.Device
}

// rangeOps are the operators time columns accept.
var rangeOps = []string{">", ">=", "=", "<", "<="}

// taskKeyColumns declares the given task columns (times take ranges, the rest =) and the
// pushed-down columns as optional key columns.
//
// Every one of them is a parameter of the task, not a filter on its rows, so the SDK's query
// cache may reuse a result only for the very same quals (CacheMatch exact): under its default
// (subset) match, a cached unqualified scan would answer `adom = 'x'`, a wider log_time range
// or a srcip beyond a top-N cut with rows that echo other parameters or miss rows, and the
// engine's re-check would turn that into a silently empty or short answer.
func taskKeyColumns(pushdowns []pushdown, cols ...string) plugin.KeyColumnSlice {
	var keys plugin.KeyColumnSlice
	for _, c := range cols {
		ops := []string{"="}
		if c == colStartTime || c == colEndTime {
			ops = rangeOps
		}
		keys = append(keys, taskKey(c, ops...))
	}
	for _, pd := range pushdowns {
		if pd.Ranges {
			keys = append(keys, taskKey(pd.Column, rangeOps...))
		} else {
			keys = append(keys, taskKey(pd.Column, "="))
		}
	}
	return keys
}

// taskKey is an optional key column whose quals parameterise the appliance's task.
func taskKey(col string, ops ...string) *plugin.KeyColumn {
	return &plugin.KeyColumn{Name: col, Require: plugin.Optional, Operators: ops, CacheMatch: query_cache.CacheMatchExact}
}

// taskColumns are the echoed quals and the raw row, common to every FortiView table.
func taskColumns() []*plugin.Column {
	return []*plugin.Column{
		{Name: colADOM, Type: proto.ColumnType_STRING, Description: "ADOM the task ran in (qual: = or IN; default: the connection's adom).", Transform: transform.FromP(taskValue, colADOM)},
		{Name: colDevice, Type: proto.ColumnType_STRING, Description: "Device the task was limited to, as given in the qual: a serial, a device name or All_Devices (qual: = or IN; NULL when all devices).", Transform: transform.FromP(taskValue, colDevice)},
		{Name: colStartTime, Type: proto.ColumnType_TIMESTAMP, Description: "Start of the time window the task covered (quals: =, >, >=, <, <=; default: end_time minus the connection's default_time_range).", Transform: transform.FromP(taskValue, colStartTime)},
		{Name: colEndTime, Type: proto.ColumnType_TIMESTAMP, Description: "End of the time window the task covered (quals: =, >, >=, <, <=; default: now).", Transform: transform.FromP(taskValue, colEndTime)},
		{Name: colFilter, Type: proto.ColumnType_STRING, Description: "Raw FortiAnalyzer filter expression passed to the task, e.g. srcip==\"10.0.1.5\" (qual: =).", Transform: transform.FromP(taskValue, colFilter)},
		{Name: colCaseSensitive, Type: proto.ColumnType_BOOL, Description: "Whether the filter was matched case-sensitively (qual: =; default false).", Transform: transform.FromP(taskValue, colCaseSensitive)},
		{Name: colTID, Type: proto.ColumnType_INT, Description: "Task id whose results were fetched (qual: =, to read an existing task instead of creating one; NULL when the plugin created and freed its own task).", Transform: transform.FromP(taskValue, colTID)},
		rawColumn("The appliance's row as returned, so no field is out of reach."),
	}
}

func taskValue(_ context.Context, d *transform.TransformData) (any, error) {
	r, ok := d.HydrateItem.(*viewRow)
	if !ok {
		return nil, fmt.Errorf("column %s: unexpected row type %T", d.ColumnName, d.HydrateItem)
	}
	t := r.Task
	switch d.Param.(string) {
	case colADOM:
		return t.ADOM, nil
	case colDevice:
		if t.Device == "" {
			return nil, nil
		}
		return t.Device, nil
	case colStartTime:
		if !t.HasWindow {
			return nil, nil
		}
		return t.Window.Start, nil
	case colEndTime:
		if !t.HasWindow {
			return nil, nil
		}
		return t.Window.End, nil
	case colFilter:
		if !t.HasFilter {
			return nil, nil
		}
		return t.RawFilter, nil
	case colCaseSensitive:
		if t.CaseSensitive == nil {
			return false, nil
		}
		return *t.CaseSensitive, nil
	case colTID:
		if t.TID == nil {
			return nil, nil
		}
		return *t.TID, nil
	}
	return nil, nil
}

// planTasks is the planning every task-backed table shares: the window, the filter built
// from the raw `filter` qual and the pushed-down column quals, and one task per ADOM x device.
func planTasks(d *plugin.QueryData, s *settings, pushdowns []pushdown, resolve func() (window, error)) ([]*taskQuery, error) {
	adoms := qualStrings(d, colADOM)
	if len(adoms) == 0 {
		adoms = []string{s.ADOM}
	}
	devices := qualStrings(d, colDevice)
	if len(devices) == 0 {
		devices = []string{""}
	}
	rawFilter, hasFilter := "", false
	if fs := qualStrings(d, colFilter); len(fs) > 1 {
		return nil, fmt.Errorf("filter: one expression at a time (got %d); combine them with and/or inside one string", len(fs))
	} else if len(fs) == 1 {
		rawFilter, hasFilter = fs[0], true
	}
	var cs *bool
	if q, ok := d.EqualsQuals[colCaseSensitive]; ok {
		b := q.GetBoolValue()
		cs = &b
	}
	var conds []faz.Cond
	var condCols []string
	for _, pd := range pushdowns {
		vals, err := pushdownValues(d, pd.Column)
		if err != nil {
			return nil, err
		}
		if len(vals) > 0 {
			conds = append(conds, faz.Cond{Field: pd.Field, Op: "==", Values: vals})
			condCols = append(condCols, pd.Column)
		}
		if pd.Ranges {
			for _, q := range rangeQuals(d, pd.Column) {
				conds = append(conds, faz.Cond{Field: pd.Field, Op: q.Operator, Values: []string{qualValueString(q.Value)}})
				condCols = append(condCols, pd.Column)
			}
		}
	}
	filter, err := faz.BuildFilter(rawFilter, conds...)
	if err != nil {
		var fe *faz.FilterError
		if errors.As(err, &fe) && fe.Cond >= 0 {
			return nil, fmt.Errorf("%s: %w", condCols[fe.Cond], fe.Err)
		}
		return nil, err // names filter
	}
	w, err := resolve()
	if err != nil {
		return nil, err
	}
	if w.Empty {
		return nil, nil
	}
	var out []*taskQuery
	for _, a := range adoms {
		for _, dev := range devices {
			out = append(out, &taskQuery{ADOM: a, Device: dev, Window: w, HasWindow: true, Filter: filter, RawFilter: rawFilter, HasFilter: hasFilter, CaseSensitive: cs})
		}
	}
	return out, nil
}

// pushedLimit is the SQL LIMIT when the engine pushed one down (0 = none). Engines push it
// only when every predicate was handed to the plugin and nothing reorders rows.
func pushedLimit(d *plugin.QueryData) int {
	if d.QueryContext.Limit != nil && *d.QueryContext.Limit > 0 {
		return int(*d.QueryContext.Limit)
	}
	return 0
}

// splitInList names the column of an IN list the SDK split into one list call per value
// (Table.doListForQualValues: it runs them concurrently, interleaves their rows and shares
// one LIMIT), or "" when it did not: the query's quals still hold the list while this
// call's equals qual holds one value. An ORDER BY pushed down cannot hold across them.
func splitInList(d *plugin.QueryData) string {
	if d.QueryContext == nil {
		return ""
	}
	for col, qs := range d.QueryContext.UnsafeQuals {
		for _, q := range qs.GetQuals() {
			if q.GetValue().GetListValue() != nil && d.EqualsQuals[col] != nil && d.EqualsQuals[col].GetListValue() == nil {
				return col
			}
		}
	}
	return ""
}

// orderSplitErr refuses an ORDER BY the engine handed down with an IN list the SDK split:
// the embedded engine never pushes an order with one; Steampipe's FDW does, and would then
// trust rows the split scans interleave (and cut them at its limit).
func orderSplitErr(d *plugin.QueryData) error {
	col := splitInList(d)
	if col == "" || d.QueryContext == nil || len(d.QueryContext.SortOrder) == 0 {
		return nil
	}
	return fmt.Errorf("order by %s with %s IN (...): Steampipe runs one scan per %s value and interleaves their rows, so the order cannot hold; "+
		"sort in a materialized CTE (with t as materialized (select ...) select * from t order by ...) or query one %s at a time", d.QueryContext.SortOrder[0].Column, col, col, col)
}

// rowsOnly adapts a row emitter to the client calls that hand out decoded rows only (their
// raw column is marshalled from the row).
func rowsOnly(emit func(faz.Record) error) func(faz.Row) error {
	return func(r faz.Row) error { return emit(faz.Record{Row: r}) }
}

// runTask runs one task, handing its rows, ranked, to send until send says no more (the
// scan ended). A failure goes to errs and cancels the scan's other tasks.
func runTask(ctx context.Context, cancel context.CancelFunc, t *taskQuery,
	run func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error, errs chan<- error, send func(*viewRow) bool) {
	rank := 0
	emit := func(rec faz.Record) error {
		rank++
		if !send(&viewRow{Rank: rank, Row: rec.Row, Raw: rec.Raw, Task: t}) {
			return faz.ErrStop
		}
		return nil
	}
	if err := run(ctx, t, emit); err != nil && !errors.Is(err, faz.ErrStop) && ctx.Err() == nil {
		errs <- fmt.Errorf("adom %s: %w", t.ADOM, err)
		cancel()
	}
}

// streamTasks runs tasks concurrently (the client bounds how many run on the appliance at
// once) and streams their rows as they are decoded. When the SQL engine needs no more rows
// or a task fails, ctx is cancelled, and the client deletes the tasks still alive on the
// appliance before this returns.
func streamTasks(ctx context.Context, d *plugin.QueryData, table string, tasks []*taskQuery, keep func(*viewRow) bool,
	run func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error) error {
	return streamTasksSorted(ctx, d, table, tasks, keep, nil, run)
}

// streamTasksSorted is streamTasks for an ORDER BY the SQL engine handed down and now
// trusts: with order set, every task's rows are gathered and streamed sorted by it (stable:
// ties keep the appliance's ranking), so several tasks' rows never interleave and an
// appliance's own tie or NULL order never reaches SQL as the asked one. FortiView answers
// are aggregates the tasks' limit bounds, at most what SQL would have sorted itself.
func streamTasksSorted(ctx context.Context, d *plugin.QueryData, table string, tasks []*taskQuery, keep func(*viewRow) bool,
	order func(a, b *viewRow) int, run func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error) error {
	// The scan's own context tells when SQL wants no more rows: an embedded engine may
	// report that through Err before Done (see internal/pluginsql scanCtx).
	scan := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows := make(chan *viewRow)
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func(t *taskQuery) {
			defer wg.Done()
			runTask(ctx, cancel, t, run, errs, func(r *viewRow) bool {
				select {
				case rows <- r:
					return true
				case <-ctx.Done():
					return false
				}
			})
		}(t)
	}
	go func() { wg.Wait(); close(rows) }()

	var held []*viewRow
	for r := range rows {
		if keep != nil && !keep(r) {
			continue
		}
		if order != nil {
			held = append(held, r)
			continue
		}
		d.StreamListItem(ctx, r)
		if d.RowsRemaining(scan) == 0 {
			cancel()
			break
		}
	}
	// Drain until every task has observed the cancellation and freed its server task.
	for range rows {
	}
	select {
	case err := <-errs:
		plugin.Logger(ctx).Error(table+".list", "api_error", err)
		return err
	default:
	}
	slices.SortStableFunc(held, order)
	for _, r := range held {
		d.StreamListItem(ctx, r)
		if d.RowsRemaining(scan) == 0 {
			break
		}
	}
	return nil
}
