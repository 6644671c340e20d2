package fortianalyzer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

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
	ViewQual string
	// Views, with ViewQual, are the views the qual may name (nil: any view).
	Views       []string
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
	built := buildColumns(p, v.Columns)
	for i := range v.Columns {
		if v.sortField(&v.Columns[i]) != "" {
			// The appliance ranks either way (sort-by order asc|desc).
			built[i].Sort = plugin.SortAll
		}
	}
	cols = append(cols, built...)
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

// viewSortable lists, per view, the numeric fields of the FAZ 7.6.7 spec's "Sortable Field"
// column (fortiview-views.json; TestSortableFieldsFollowTheSpec checks each against it):
// a column read from one of them declares an SQL sort order, which the view's sort-by
// serves. Text fields are left out: the appliance's text and address order is not
// documented, and SQLite (binary) and PostgreSQL (the database's collation, inet by
// address) would each trust it as their own. A view missing here declares no sort.
var viewSortable = map[string][]string{
	"top-sources":                    {"bandwidth", "session_block", "session_pass", "sessions", "threat_block", "threat_pass", "threatweight", "traffic_in", "traffic_out"},
	"top-destinations":               {"bandwidth", "session_block", "session_pass", "sessions", "traffic_in", "traffic_out"},
	"top-applications":               {"bandwidth", "num_users", "risk", "session_block", "session_pass", "sessions", "traffic_in", "traffic_out"},
	"top-websites":                   {"bandwidth", "browsetime", "session_block", "session_pass", "sessions", "threat_block", "threat_pass", "threatweight", "traffic_in", "traffic_out"},
	"top-countries":                  {"bandwidth", "session_block", "session_pass", "sessions", "threat_block", "threat_pass", "threatweight", "traffic_in", "traffic_out"},
	"top-threats":                    {"incident_block", "incident_pass", "incidents", "threat_block", "threat_pass", "threatlevel", "threatweight"},
	"policy-hits":                    {"bandwidth", "count_block", "count_pass", "counts", "traffic_in", "traffic_out"},
	"admin-logins":                   {"duration", "login_fail_num", "login_num", "total_change"},
	"threat-detect-summary":          {"bl_count", "cs_count", "cs_score", "threat_num"},
	"threat-src-dst":                 {"incident_block", "incident_pass", "incidents", "threat_block", "threat_pass", "threatlevel", "threatweight"},
	"failed-authentication-attempts": {"total_num"},
}

// sortField is the view's sort-by field that orders column c, or "" when c declares no
// sort: a numeric column read from a sortable field (its first, the real appliance's
// key), or a computed one naming its SortField.
func (v *fortiView) sortField(c *viewColumn) string {
	if c.Type != proto.ColumnType_INT && c.Type != proto.ColumnType_DOUBLE {
		return ""
	}
	f := c.SortField
	if f == "" && c.Value == nil && c.Hydrate == nil && len(c.Fields) > 0 {
		f = c.Fields[0]
	}
	if f == "" || !slices.Contains(viewSortable[v.View], f) {
		return ""
	}
	return f
}

// pushedOrder is the ORDER BY the engine handed down (QueryContext.SortOrder), as terms on
// the declared columns; nil when none. A term on a column that declares no sort is an
// engine's error, refused rather than answered in another order.
func (v *fortiView) pushedOrder(d *plugin.QueryData) ([]sortTerm, error) {
	var terms []sortTerm
	for _, o := range d.QueryContext.SortOrder {
		var col *viewColumn
		for i := range v.Columns {
			if v.Columns[i].Name == o.Column && v.sortField(&v.Columns[i]) != "" {
				col = &v.Columns[i]
			}
		}
		if col == nil {
			return nil, fmt.Errorf("order by %s: %s cannot return rows in that order; sortable columns declare it in the table's schema", o.Column, v.Table)
		}
		terms = append(terms, sortTerm{col: col, desc: o.Order == plugin.SortDesc})
	}
	return terms, nil
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
		terms, err := v.pushedOrder(d)
		if err != nil {
			return nil, err
		}
		sortBy := v.DefaultSort
		var order func(a, b *viewRow) int
		if len(terms) > 0 {
			if err := orderSplitErr(d); err != nil {
				return nil, err
			}
		}
		if len(terms) > 0 {
			// The engine's ORDER BY becomes the task's sort-by, so its limit cuts the
			// right top-N; FortiView sorts by one field, so with more terms the ties of the
			// first need every row. The rows are then sorted by all terms, whatever the
			// appliance did with ties (and across tasks).
			dir := "asc"
			if terms[0].desc {
				dir = "desc"
			}
			sortBy = []faz.Sort{{Field: v.sortField(terms[0].col), Order: dir}}
			if len(terms) > 1 {
				limit = 0
			}
			pos := make(map[*taskQuery]int, len(tasks))
			for i, t := range tasks {
				pos[t] = i
			}
			order = func(a, b *viewRow) int {
				if c := compareRows(terms, a, b); c != 0 {
					return c
				}
				return cmp.Or(cmp.Compare(pos[a.Task], pos[b.Task]), cmp.Compare(a.Rank, b.Rank))
			}
		}
		return nil, streamTasksSorted(ctx, d, v.Table, tasks, keep, order, func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error {
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
					if err := emit(faz.Record{Row: r}); err != nil {
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
				SortBy: sortBy,
				// A pushed order must not silently become the view's own.
				SortRequired: order != nil,
			}
			if t.CaseSensitive != nil {
				spec.CaseSensitive = *t.CaseSensitive
			}
			if spec.Devices, err = t.selectors(ctx, c); err != nil {
				return err
			}
			_, err = c.RunFortiView(ctx, spec, rowsOnly(emit))
			if errors.Is(err, faz.ErrSortRefused) {
				// An appliance that cannot rank by the column (another version, the seed
				// documents' server): every row in the view's own order, sorted here.
				plugin.Logger(ctx).Debug(v.Table+".list", "sort_refused", err)
				spec.SortBy, spec.SortRequired, spec.Limit = nil, false, 0
				_, err = c.RunFortiView(ctx, spec, rowsOnly(emit))
			}
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
		if v.Views != nil && !slices.Contains(v.Views, n) {
			return nil, fmt.Errorf("%s: %s does not serve %q; it serves %s (other views: fortianalyzer_fortiview)", v.ViewQual, v.Table, n, strings.Join(v.Views, ", "))
		}
	}
	if len(names) > 1 && len(tasks) > 0 && tasks[0].TID != nil {
		return nil, fmt.Errorf("tid: a task runs one view; give %s = '<view>' rather than a list", v.ViewQual)
	}
	return fanOut(tasks, names, func(t *taskQuery, n string) { t.View = n }), nil
}
