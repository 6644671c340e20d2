package fortianalyzer

// The log mechanism: a log table is a declaration (logTable) on the task-table mechanism
// (tasktable.go). Its key columns are taskKeyColumns of its pushdowns plus log_time; its
// tasks are planTasks' (one per ADOM x device, times the log types the generic table was
// asked for); its rows stream through streamTasks, or through an ordered merge when the
// engine relies on the plugin's order (ORDER BY log_time pushed down).
//
// A declaration's columns other than log_time are computed only when selected (logDetailGroup).

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"google.golang.org/protobuf/types/known/timestamppb"
)

const (
	colLogType = "log_type"
	colLogTime = "log_time"
	// defaultLogType is searched when a query of fortianalyzer_log names no log_type: the
	// log type most questions are about.
	defaultLogType = "traffic"
)

// logTable declares one log table.
type logTable struct {
	Name        string
	Description string
	// LogType is the FAZ logtype searched (logview's enumeration, faz-api.md "Log types");
	// "" for the generic fortianalyzer_log, whose log_type column is a qual.
	LogType string
	// Columns are the table's columns after log_time, each from its FortiOS log fields.
	Columns []viewColumn
	// Pushdowns are the columns whose quals go into the search's filter.
	Pushdowns []pushdown
	// Pushdown, when set, returns the pushdowns for the log types a query searches
	// (fortianalyzer_log's threat column reads a different field per type).
	PushdownFor func(logTypes []string) []pushdown
}

// logTables lists every log table: the typed ones and the generic one.
func logTables() []*logTable {
	return []*logTable{
		genericLogTable(),
		trafficLogTable(),
		eventLogTable(),
		ipsLogTable(),
		virusLogTable(),
		webFilterLogTable(),
		appCtrlLogTable(),
		dnsLogTable(),
		sslLogTable(),
		emailFilterLogTable(),
		fileFilterLogTable(),
	}
}

// logTimeColumn is every log table's first column: the receive time, the column the
// window is set by and the rows can be ordered by on the appliance (time-order).
var logTimeColumn = viewColumn{Name: colLogTime, Type: proto.ColumnType_TIMESTAMP,
	Description: "When the FortiAnalyzer received the log (itime). Range quals narrow the search window; ORDER BY log_time (asc or desc) is done by the appliance.",
	Value:       logTime}

func logTime(r *viewRow) any {
	if s, ok := toInt(r.field("itime")).(int64); ok && s > 0 {
		return time.Unix(s, 0).UTC()
	}
	return nil
}

// table builds the SDK table of a declaration.
func (lt *logTable) table(p *pluginState) *plugin.Table {
	pds := lt.Pushdowns
	if lt.PushdownFor != nil {
		pds = lt.PushdownFor(nil)
	}
	taskCols := []string{colADOM, colDevice, colStartTime, colEndTime, colFilter, colCaseSensitive}
	if lt.LogType == "" {
		taskCols = append([]string{colLogType}, taskCols...)
	}
	keys := taskKeyColumns(pds, taskCols...)
	// log_time is a row's own time, but its ranges set the search window (logWindow).
	keys = append(keys, taskKey(colLogTime, rangeOps...))

	cols := buildColumns(p, []viewColumn{logTimeColumn})
	cols[0].Sort = plugin.SortAll
	if lt.LogType == "" {
		cols = append(cols, &plugin.Column{Name: colLogType, Type: proto.ColumnType_STRING,
			Description: "Log type searched: traffic (default), event, attack, virus, webfilter, app-ctrl, dns, ... (qual: = or IN).",
			Hydrate:     logScope, Transform: transform.FromP(columnValue, &logTypeColumn)})
	}
	for i := range lt.Columns {
		c := &lt.Columns[i]
		col := &plugin.Column{Name: c.Name, Type: c.Type, Description: c.Description,
			Hydrate: logDetailGroup(i), Transform: transform.FromP(columnValue, c)}
		if c.Name == colLogID {
			col.Hydrate = nil // the row's identity comes with the list, like log_time
		}
		cols = append(cols, col)
	}
	for _, c := range taskColumns() {
		switch c.Name {
		case colTID: // log-search tids are single-use: nothing to read back
			continue
		case colStartTime:
			cc := *c
			cc.Description = "Start of the time window searched (quals: =, >, >=, <, <=; default: the latest lower bound on log_time, else end_time minus the connection's default_log_time_range, 1h)."
			c = &cc
		}
		if logScopeColumns[c.Name] {
			cc := *c
			cc.Hydrate = logScope
			c = &cc
		}
		cols = append(cols, c)
	}
	return &plugin.Table{
		Name:        lt.Name,
		Description: lt.Description,
		List:        &plugin.ListConfig{Hydrate: p.listLogTable(lt), KeyColumns: keys},
		Columns:     cols,
	}
}

var logTypeColumn = viewColumn{Name: colLogType, Value: func(r *viewRow) any { return r.Task.LogType }}

// The log columns but log_time, log_id, start_time and end_time are computed only when
// selected: the SDK builds every column of each hydrate that ran, for every row, so they sit
// behind per-row hydrates that return the row itself, in groups of logDetailSize neighbours
// in declaration order (a query of a few related columns builds a group or two, not 40-odd
// columns; a wide one pays one hydrate call per group). The SDK tells hydrates apart by
// function name, hence one named function per group. A per-row hydrate call costs about as
// much CPU as five columns (BENCHMARKS.md, "Logs: plugin and client side by side"), so the
// row's identity (log_id) and time stay in the list hydrate, where a count or a dedup by id
// reads them without one.
const logDetailSize = 6

// colLogID is every log table's record id (logHeaderColumns, logColumns).
const colLogID = "log_id"

var logDetailHydrates = []plugin.HydrateFunc{logDetail0, logDetail1, logDetail2, logDetail3,
	logDetail4, logDetail5, logDetail6, logDetail7, logDetail8, logDetail9}

// logDetailGroup is the hydrate of a declaration's i-th column.
func logDetailGroup(i int) plugin.HydrateFunc {
	return logDetailHydrates[min(i/logDetailSize, len(logDetailHydrates)-1)]
}

func logDetail0(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail1(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail2(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail3(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail4(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail5(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail6(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail7(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail8(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}
func logDetail9(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}

// logScopeColumns are the task columns that echo a search's scope rather than its window.
// A log query rarely selects them, so they sit behind logScope and are computed only when
// the query names them (built for every row, they took the bench's count from 3.85 to 4.1 s
// of CPU per 100k rows). start_time and end_time stay in the list hydrate: every log query
// has a window, and its quals name them.
var logScopeColumns = map[string]bool{colLogType: true, colADOM: true, colDevice: true, colFilter: true, colCaseSensitive: true}

func logScope(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	return h.Item, nil
}

// listLogTable is a declaration's list hydrate.
func (p *pluginState) listLogTable(lt *logTable) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
		c, s, err := p.client(ctx, d)
		if err != nil {
			return nil, err
		}
		logTypes := []string{lt.LogType}
		if lt.LogType == "" {
			if logTypes = qualStrings(d, colLogType); len(logTypes) == 0 {
				logTypes = []string{defaultLogType}
			}
			for _, t := range logTypes {
				if strings.EqualFold(t, "utm") {
					// FAZ silently treats "utm" as every log type; say so instead of surprising.
					return nil, fmt.Errorf("log_type: %q is not a log type (the appliance would search every type); use traffic, event, attack, virus, webfilter, app-ctrl, dns, ...", t) //nolint:staticcheck // the list goes on
				}
			}
		}
		pds := lt.Pushdowns
		if lt.PushdownFor != nil {
			pds = lt.PushdownFor(logTypes)
		}
		tasks, err := planTasks(d, s, pds, func() (window, error) { return logWindow(d, p.now(), s) })
		if err != nil {
			return nil, err
		}
		var all []*taskQuery
		for _, t := range logTypes {
			for _, tk := range tasks {
				tt := *tk
				tt.LogType = t
				all = append(all, &tt)
			}
		}
		order, ordered := logTimeOrder(d)
		if ordered {
			if err := orderSplitErr(d); err != nil {
				return nil, err
			}
		}
		limit := pushedLimit(d)
		run := func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error {
			spec := faz.LogSearchSpec{
				ADOM:      t.ADOM,
				LogType:   t.LogType,
				Start:     t.Window.Start,
				End:       t.Window.End,
				Filter:    t.Filter,
				TimeOrder: order,
				Limit:     limit,
			}
			if t.CaseSensitive != nil {
				spec.CaseSensitive = *t.CaseSensitive
			}
			var err error
			if spec.Devices, err = t.selectors(ctx, c); err != nil {
				return err
			}
			_, err = c.SearchLogRecords(ctx, spec, emit)
			return err
		}
		if ordered && len(all) > 1 {
			return nil, streamMerged(ctx, d, lt.Name, all, order, run)
		}
		return nil, streamTasks(ctx, d, lt.Name, all, nil, run)
	}
}

// logTimeOrder maps the sort order the engine pushed down (d.QueryContext.SortOrder) to the
// search's time-order. Without one, rows come newest first, and the engine sorts them
// itself if the query asks for an order. ordered reports that the engine relies on the
// plugin's order.
func logTimeOrder(d *plugin.QueryData) (order string, ordered bool) {
	if d.QueryContext == nil || len(d.QueryContext.SortOrder) == 0 {
		return "desc", false
	}
	// Only log_time declares a sort order, so it is the first (and only) pushed column.
	sc := d.QueryContext.SortOrder[0]
	if sc.Column != colLogTime {
		return "desc", false
	}
	if sc.Order == plugin.SortAsc {
		return "asc", true
	}
	return "desc", true
}

// logWindow is the search window: log_time filters rows, so its bounds set the window. The
// latest lower bound is where the window starts, earlier than the default start if need be
// (keeping the default would silently drop the older rows asked for), and upper bounds
// pull the end in. Rows outside the bounds would be dropped by the engine's re-check.
// Without a lower bound the window is the last default_log_time_range.
func logWindow(d *plugin.QueryData, now time.Time, s *settings) (window, error) {
	startQ, endQ := timeQuals(d, colStartTime), timeQuals(d, colEndTime)
	var from *proto.QualValue
	for _, q := range timeQuals(d, colLogTime) {
		switch q.Operator {
		case quals.QualOperatorGreater, quals.QualOperatorGreaterOrEqual, quals.QualOperatorEqual:
			if from == nil || q.Value.GetTimestampValue().AsTime().After(from.GetTimestampValue().AsTime()) {
				from = q.Value
			}
			if q.Operator == quals.QualOperatorEqual {
				endQ = append(endQ, &quals.Qual{Column: colEndTime, Operator: quals.QualOperatorLessOrEqual, Value: plusSecond(q.Value)})
			}
		case quals.QualOperatorLess, quals.QualOperatorLessOrEqual:
			endQ = append(endQ, q)
		}
	}
	if from != nil {
		startQ = append(startQ, &quals.Qual{Column: colStartTime, Operator: quals.QualOperatorEqual, Value: from})
	}
	return resolveWindow(startQ, endQ, now, s.DefaultLogTimeRange, s.MaxTimeRange)
}

// plusSecond returns a timestamp qual value one second later (the end of a one-second
// window around `log_time = X`).
func plusSecond(v *proto.QualValue) *proto.QualValue {
	t := v.GetTimestampValue().AsTime().Add(time.Second)
	return &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(t)}}
}

// streamMerged streams several tasks' rows in log_time order (each task's search returns
// its rows in that order; a k-way merge keeps it across tasks), for an engine that relies
// on the order it pushed down. Like streamTasks it stops every task when SQL needs no more
// rows or one fails, and returns once every task has freed its searches.
func streamMerged(ctx context.Context, d *plugin.QueryData, table string, tasks []*taskQuery, order string,
	run func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error) error {
	scan := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type timed struct {
		r *viewRow
		t int64
	}
	chans := make([]chan timed, len(tasks))
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for i, t := range tasks {
		chans[i] = make(chan timed, 64)
		wg.Add(1)
		go func(t *taskQuery, ch chan<- timed) {
			defer wg.Done()
			defer close(ch)
			runTask(ctx, cancel, t, run, errs, func(vr *viewRow) bool {
				it, _ := toInt(vr.field("itime")).(int64)
				select {
				case ch <- timed{vr, it}:
					return true
				case <-ctx.Done():
					return false
				}
			})
		}(t, chans[i])
	}
	heads := make([]*timed, len(tasks))
	next := func(i int) {
		if v, ok := <-chans[i]; ok {
			heads[i] = &v
		} else {
			heads[i] = nil
		}
	}
	for i := range chans {
		next(i)
	}
	for ctx.Err() == nil {
		best := -1
		for i, h := range heads {
			if h == nil {
				continue
			}
			if best < 0 || (order == "asc" && h.t < heads[best].t) || (order != "asc" && h.t > heads[best].t) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		d.StreamListItem(ctx, heads[best].r)
		if d.RowsRemaining(scan) == 0 {
			break
		}
		next(best)
	}
	cancel()
	// Drain until every task has observed the cancellation and freed its searches.
	for _, ch := range chans {
		for range ch {
		}
	}
	wg.Wait()
	select {
	case err := <-errs:
		plugin.Logger(ctx).Error(table+".list", "api_error", err)
		return err
	default:
		return nil
	}
}
