package fortianalyzer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
)

// fortiView declares a table backed by one FortiView view. Every FortiView table is one of
// these: the mechanism below turns its quals into tasks, runs them through the client's
// task runner and maps rows of either response dialect to its columns.
type fortiView struct {
	Table string
	View  string // FortiView name, e.g. "top-sources"
	// ViewQual, when set instead of View, names a required key column whose value is the
	// view to run (the generic fortianalyzer_fortiview table).
	ViewQual    string
	Description string
	// DefaultSort is the order FAZ ranks rows in (its `sort-by`).
	DefaultSort []faz.Sort
	// Pushdown lists columns whose `=` / IN quals become FAZ filter conditions. Only fields
	// the view accepts may be listed: FortiView rejects others loudly.
	Pushdown []pushdown
	// VDOM names the column of a per-VDOM view whose `=` / IN quals select VDOMs: with a
	// device qual the task asks for device[vdom], without one for every device of the ADOM
	// that has the VDOM.
	VDOM    string
	Columns []viewColumn
}

// pushdown maps an SQL column to the FAZ filter field it is pushed into.
type pushdown struct {
	Column, Field string
}

// viewColumn declares one column: where its value comes from in either dialect.
type viewColumn struct {
	Name        string
	Type        proto.ColumnType
	Description string
	// Fields are the source fields, first present wins, so one column can read the real
	// appliance's key and the seed documents' key.
	Fields []string
	// Value computes the column from the row instead of Fields.
	Value func(r *viewRow) any
	// Hydrate, when set, fetches the value per row, only when the column is selected.
	Hydrate func(p *pluginState) plugin.HydrateFunc
	// Local makes the column's comparison quals key columns that the plugin evaluates
	// itself before streaming a row: the appliance cannot filter on them, but rows SQL
	// would discard then never cost a per-row hydrate (a drilldown search).
	Local bool
}

// viewRow is what the list hydrate streams: a row of the view plus the task it came from.
type viewRow struct {
	Rank int
	Row  faz.Row
	Task *taskQuery
}

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

func (v *fortiView) table(p *pluginState) *plugin.Table {
	keys := taskKeyColumns(v.Pushdown, colADOM, colDevice, colStartTime, colEndTime, colFilter, colCaseSensitive, colTID)
	if v.VDOM != "" {
		keys = append(keys, &plugin.KeyColumn{Name: v.VDOM, Require: plugin.Optional, Operators: []string{"="}})
	}
	keys = append(keys, localKeyColumns(v.Columns)...)
	var cols []*plugin.Column
	if v.ViewQual != "" {
		keys = append(plugin.KeyColumnSlice{{Name: v.ViewQual, Require: plugin.Required, Operators: []string{"="}, CacheMatch: query_cache.CacheMatchExact}}, keys...)
		cols = append(cols, &plugin.Column{Name: v.ViewQual, Type: proto.ColumnType_STRING,
			Description: "FortiView view the task ran, e.g. threat-detect-summary (required qual: = or IN).",
			Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
				return d.HydrateItem.(*viewRow).Task.View, nil
			})})
	}

	cols = append(cols, &plugin.Column{
		Name: "rank", Type: proto.ColumnType_INT,
		Description: "Position of the row in the task's result (1 = top), in the appliance's ranking order.",
		Transform:   transform.From(rankValue),
	})
	cols = append(cols, buildColumns(p, v.Columns)...)
	cols = append(cols, taskColumns()...)

	return &plugin.Table{
		Name:        v.Table,
		Description: v.Description,
		List: &plugin.ListConfig{
			Hydrate:    p.listFortiView(v),
			KeyColumns: keys,
		},
		Columns: cols,
	}
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
		if c == colStartTime || c == colEndTime || c == colLogTime {
			ops = rangeOps
		}
		keys = append(keys, taskKey(c, ops...))
	}
	for _, pd := range pushdowns {
		keys = append(keys, taskKey(pd.Column, "="))
	}
	return keys
}

// taskKey is an optional key column whose quals parameterise the appliance's task.
func taskKey(col string, ops ...string) *plugin.KeyColumn {
	return &plugin.KeyColumn{Name: col, Require: plugin.Optional, Operators: ops, CacheMatch: query_cache.CacheMatchExact}
}

// buildColumns turns column declarations into SDK columns that read a *viewRow.
func buildColumns(p *pluginState, decls []viewColumn) []*plugin.Column {
	cols := make([]*plugin.Column, 0, len(decls))
	for i := range decls {
		c := &decls[i]
		col := &plugin.Column{Name: c.Name, Type: c.Type, Description: c.Description, Transform: transform.FromP(columnValue, c)}
		if c.Hydrate != nil {
			col.Hydrate, col.Transform = c.Hydrate(p), transform.FromValue()
		}
		cols = append(cols, col)
	}
	return cols
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

// rawColumn is the row as the appliance sent it. It has its own hydrate because the SDK
// computes every column of the list hydrate for every row, selected or not, and
// re-marshalling whole rows was a tenth of the CPU of a large log query.
func rawColumn(desc string) *plugin.Column {
	return &plugin.Column{Name: "raw", Type: proto.ColumnType_JSON, Description: desc, Hydrate: rawRow, Transform: transform.FromValue()}
}

func rawRow(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item.(*viewRow).Row, nil
}

// rankValue reads the rank directly: FromField's reflective lookup costs more per row.
func rankValue(_ context.Context, d *transform.TransformData) (any, error) {
	return d.HydrateItem.(*viewRow).Rank, nil
}

func columnValue(_ context.Context, d *transform.TransformData) (any, error) {
	r, ok := d.HydrateItem.(*viewRow)
	if !ok {
		return nil, fmt.Errorf("column %s: unexpected row type %T", d.ColumnName, d.HydrateItem)
	}
	c := d.Param.(*viewColumn)
	if c.Value != nil {
		return c.Value(r), nil
	}
	v := r.field(c.Fields...)
	if v == nil {
		return nil, nil
	}
	return convert(c.Type, v), nil
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

// field returns the first present, non-null source field of the row.
func (r *viewRow) field(names ...string) any {
	for _, n := range names {
		if v, ok := r.Row[n]; ok && v != nil {
			return v
		}
	}
	return nil
}

// plan turns the quals into tasks: one per ADOM x device, or one fetch by tid.
func (v *fortiView) plan(d *plugin.QueryData, s *settings, resolve func() (window, error)) ([]*taskQuery, error) {
	if d.Quals[colTID] != nil {
		tids, err := qualTIDs(d)
		if err != nil {
			return nil, err
		}
		adoms := qualStrings(d, colADOM)
		if len(adoms) > 1 {
			return nil, errors.New("tid: a task belongs to one ADOM; give adom = '<name>' rather than a list")
		}
		if len(adoms) == 0 {
			adoms = []string{s.ADOM}
		}
		for _, c := range []string{colDevice, colStartTime, colEndTime, colFilter, colCaseSensitive} {
			if d.Quals[c] != nil {
				return nil, fmt.Errorf("tid: cannot be combined with %s: an existing task keeps the device, window and filter it was created with", c)
			}
		}
		// tid IN (...): one read per task. A tid that is gone fails the query with an error
		// naming it (never the other tasks' rows alone, which would look like a complete
		// answer); fortianalyzer_fortiview_task tells the live tids from the dead ones.
		out := make([]*taskQuery, len(tids))
		for i := range tids {
			out[i] = &taskQuery{ADOM: adoms[0], TID: &tids[i]}
		}
		return out, nil
	}
	return planTasks(d, s, v.Pushdown, resolve)
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

// listFortiView is the one list hydrate of every FortiView table.
func (p *pluginState) listFortiView(v *fortiView) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
		c, s, err := p.client(ctx, d)
		if err != nil {
			return nil, err
		}
		tasks, err := v.plan(d, s, func() (window, error) {
			return resolveWindow(timeQuals(d, colStartTime), timeQuals(d, colEndTime), p.now(), s.DefaultTimeRange, s.MaxTimeRange)
		})
		if err != nil {
			return nil, err
		}
		if vdoms := qualStrings(d, v.VDOM); v.VDOM != "" && len(vdoms) > 0 {
			if len(tasks) > 0 && tasks[0].TID != nil {
				return nil, fmt.Errorf("tid: cannot be combined with %s: an existing task keeps the devices it was created with", v.VDOM)
			}
			tasks = perVDOM(tasks, vdoms)
		}
		if tasks, err = v.perView(d, tasks); err != nil {
			return nil, err
		}
		for _, t := range tasks {
			t.memo = &taskMemo{}
		}
		keep := localFilter(d, v.Columns)
		limit := pushedLimit(d)
		if keep != nil {
			// The appliance would count rows the plugin then drops: fetch without its limit
			// and stop once SQL has enough rows.
			limit = 0
		}
		return nil, streamTasks(ctx, d, v.Table, tasks, keep, func(ctx context.Context, t *taskQuery, emit func(faz.Row) error) error {
			if t.TID != nil {
				// One get's rows (at most 1000), held until the answer's own window is known,
				// which per-second rates need.
				var rows []faz.Row
				info, err := c.FetchFortiView(ctx, t.ADOM, t.View, int(*t.TID), func(r faz.Row) error { rows = append(rows, r); return nil })
				if err != nil {
					return err
				}
				if !info.Start.IsZero() {
					t.AnswerWindow = &window{Start: info.Start, End: info.End}
				}
				for _, r := range rows {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			}
			spec := faz.FortiViewSpec{
				ADOM:   t.ADOM,
				View:   t.View,
				Start:  t.Window.Start,
				End:    t.Window.End,
				Filter: t.Filter,
				Limit:  limit,
				SortBy: v.DefaultSort,
			}
			if t.CaseSensitive != nil {
				spec.CaseSensitive = *t.CaseSensitive
			}
			if spec.Devices, err = t.selectors(ctx, c); err != nil {
				return err
			}
			_, err = c.RunFortiView(ctx, spec, emit)
			return err
		})
	}
}

// viewName is how a view qual may spell a view: FortiView names are lower-case words joined
// by hyphens (the spec's appendix), and the name becomes a url segment.
var viewName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// perView sets the view of every task: the table's own, or one task per view named in the
// view qual.
func (v *fortiView) perView(d *plugin.QueryData, tasks []*taskQuery) ([]*taskQuery, error) {
	if v.ViewQual == "" {
		for _, t := range tasks {
			t.View = v.View
		}
		return tasks, nil
	}
	names := qualStrings(d, v.ViewQual)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: give the FortiView view to run, e.g. %s = 'top-sources'", v.ViewQual, v.ViewQual)
	}
	for _, n := range names {
		if !viewName.MatchString(n) {
			return nil, fmt.Errorf("%s: %q is not a FortiView view name (lower-case letters, digits and hyphens, e.g. threat-detect-summary)", v.ViewQual, n)
		}
	}
	if len(names) > 1 && len(tasks) > 0 && tasks[0].TID != nil {
		return nil, fmt.Errorf("tid: a task runs one view; give %s = '<view>' rather than a list", v.ViewQual)
	}
	return fanOut(tasks, names, func(t *taskQuery, n string) { t.View = n }), nil
}

// pushedLimit is the SQL LIMIT when the engine pushed one down (0 = none). Engines push it
// only when every predicate was handed to the plugin and nothing reorders rows.
func pushedLimit(d *plugin.QueryData) int {
	if d.QueryContext.Limit != nil && *d.QueryContext.Limit > 0 {
		return int(*d.QueryContext.Limit)
	}
	return 0
}

// streamTasks runs tasks concurrently (the client bounds how many run on the appliance at
// once) and streams their rows as they are decoded. When the SQL engine needs no more rows
// or a task fails, ctx is cancelled, and the client deletes the tasks still alive on the
// appliance before this returns.
func streamTasks(ctx context.Context, d *plugin.QueryData, table string, tasks []*taskQuery, keep func(*viewRow) bool,
	run func(ctx context.Context, t *taskQuery, emit func(faz.Row) error) error) error {
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
			rank := 0
			emit := func(row faz.Row) error {
				rank++
				select {
				case rows <- &viewRow{Rank: rank, Row: row, Task: t}:
					return nil
				case <-ctx.Done():
					return faz.ErrStop
				}
			}
			if err := run(ctx, t, emit); err != nil && !errors.Is(err, faz.ErrStop) && ctx.Err() == nil {
				errs <- fmt.Errorf("adom %s: %w", t.ADOM, err)
				cancel()
			}
		}(t)
	}
	go func() { wg.Wait(); close(rows) }()

	for r := range rows {
		if keep != nil && !keep(r) {
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
		return nil
	}
}
