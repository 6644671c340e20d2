package pluginsql

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// toy is a small Steampipe plugin for the engine's tests. Its list functions
// record what they were asked (quals, limit, columns) and stream rows.
type toy struct {
	mu       sync.Mutex
	calls    []toyCall
	hydrates atomic.Int64
	// blockCancelled is closed when toy_block's list sees its ctx cancelled.
	blockCancelled chan struct{}
	blockStarted   chan struct{}
	blockOnce      sync.Once
}

// toyCall is one list call as the plugin saw it.
type toyCall struct {
	Table      string
	Connection string
	Quals      []string // "col op value", sorted
	Limit      int64    // -1 none
	Columns    []string // sorted
	Sort       []string // QueryContext.SortOrder as "col asc|desc", in order
}

func newToy() *toy {
	return &toy{blockCancelled: make(chan struct{}), blockStarted: make(chan struct{})}
}

func (ty *toy) record(ctx context.Context, d *plugin.QueryData) {
	c := toyCall{Table: d.Table.Name, Connection: d.Connection.Name, Limit: -1}
	if d.QueryContext.Limit != nil {
		c.Limit = *d.QueryContext.Limit
	}
	for name, kq := range d.Quals {
		for _, q := range kq.Quals {
			c.Quals = append(c.Quals, fmt.Sprintf("%s %s %s", name, q.Operator, qualText(q.Value)))
		}
	}
	sort.Strings(c.Quals)
	for _, o := range d.QueryContext.SortOrder {
		c.Sort = append(c.Sort, o.Column+" "+o.Order.String())
	}
	c.Columns = append(c.Columns, d.QueryContext.Columns...)
	sort.Strings(c.Columns)
	ty.mu.Lock()
	ty.calls = append(ty.calls, c)
	ty.mu.Unlock()
}

// callsFor returns the recorded list calls for one table.
func (ty *toy) callsFor(table string) []toyCall {
	ty.mu.Lock()
	defer ty.mu.Unlock()
	var out []toyCall
	for _, c := range ty.calls {
		if c.Table == table {
			out = append(out, c)
		}
	}
	return out
}

func (ty *toy) reset() {
	ty.mu.Lock()
	ty.calls = nil
	ty.mu.Unlock()
	ty.hydrates.Store(0)
}

type toyConfig struct {
	Region *string `hcl:"region"`
}

type hostRow struct {
	Name string
	Kind string
	N    int64
}

type childRow struct {
	Host  string
	Idx   int64
	Value string
}

type eventRow struct {
	ID     int64
	TS     time.Time
	Attrs  map[string]any
	Ok     bool
	Score  float64
	SrcIP  string
	Region string
}

// toyHosts are the rows of toy_host.
func toyHosts() []hostRow {
	var rows []hostRow
	for i := range 50 {
		kind := "a"
		if i%2 == 1 {
			kind = "b"
		}
		rows = append(rows, hostRow{Name: fmt.Sprintf("host%02d", i), Kind: kind, N: int64(i)})
	}
	return rows
}

// toyEvents are the rows of toy_event: one an hour from 2024-01-01 00:00 UTC.
func toyEvents() []eventRow {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var rows []eventRow
	for i := range 24 {
		rows = append(rows, eventRow{
			ID:    int64(i),
			TS:    base.Add(time.Duration(i) * time.Hour),
			Attrs: map[string]any{"user": fmt.Sprintf("u%d", i%3), "tags": []string{"x", "y"}},
			Ok:    i%2 == 0,
			Score: float64(i) / 2,
			SrcIP: fmt.Sprintf("10.0.0.%d", i),
		})
	}
	return rows
}

// pluginFunc builds the toy plugin.
func (ty *toy) pluginFunc() plugin.PluginFunc {
	return func(ctx context.Context) *plugin.Plugin {
		return &plugin.Plugin{
			Name:             "toy",
			DefaultTransform: transform.FromGo(),
			ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
				NewInstance: func() any { return &toyConfig{} },
			},
			TableMap: map[string]*plugin.Table{
				"toy_host":  ty.hostTable(),
				"toy_child": ty.childTable(),
				"toy_event": ty.eventTable(),
				"toy_fail":  ty.failTable(),
				"toy_block": ty.blockTable(),
				"toy_rank":  ty.rankTable(),
			},
		}
	}
}

func (ty *toy) hostTable() *plugin.Table {
	return &plugin.Table{
		Name: "toy_host",
		List: &plugin.ListConfig{
			KeyColumns: plugin.KeyColumnSlice{
				{Name: "kind", Require: plugin.Optional, Operators: []string{"="}},
				{Name: "n", Require: plugin.Optional, Operators: []string{"=", "<", ">"}},
			},
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				kinds := map[string]bool{}
				if q := d.EqualsQuals["kind"]; q != nil {
					if l := q.GetListValue(); l != nil {
						for _, v := range l.Values {
							kinds[v.GetStringValue()] = true
						}
					} else {
						kinds[q.GetStringValue()] = true
					}
				}
				// The n qual is deliberately ignored: SQLite must re-check it.
				for _, h := range toyHosts() {
					if len(kinds) > 0 && !kinds[h.Kind] {
						continue
					}
					d.StreamListItem(ctx, h)
					if d.RowsRemaining(ctx) == 0 {
						return nil, nil
					}
				}
				return nil, nil
			},
		},
		Columns: []*plugin.Column{
			{Name: "name", Type: proto.ColumnType_STRING, Description: "Host name."},
			{Name: "kind", Type: proto.ColumnType_STRING, Description: "Kind."},
			{Name: "n", Type: proto.ColumnType_INT, Description: "Number."},
			{Name: "detail", Type: proto.ColumnType_STRING, Description: "Per-row hydrate.",
				Hydrate: func(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
					ty.hydrates.Add(1)
					return "detail-" + h.Item.(hostRow).Name, nil
				}, Transform: transform.FromValue()},
		},
	}
}

func (ty *toy) childTable() *plugin.Table {
	return &plugin.Table{
		Name: "toy_child",
		List: &plugin.ListConfig{
			KeyColumns: plugin.SingleColumn("host"),
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				host := d.EqualsQualString("host")
				for i := range 3 {
					d.StreamListItem(ctx, childRow{Host: host, Idx: int64(i), Value: fmt.Sprintf("%s-%d", host, i)})
				}
				return nil, nil
			},
		},
		Columns: []*plugin.Column{
			{Name: "host", Type: proto.ColumnType_STRING, Description: "Host."},
			{Name: "idx", Type: proto.ColumnType_INT, Description: "Index."},
			{Name: "value", Type: proto.ColumnType_STRING, Description: "host-idx."},
		},
	}
}

func (ty *toy) eventTable() *plugin.Table {
	return &plugin.Table{
		Name: "toy_event",
		List: &plugin.ListConfig{
			KeyColumns: plugin.KeyColumnSlice{
				{Name: "ts", Require: plugin.Optional, Operators: []string{">", ">=", "<", "<=", "="}},
			},
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				region := ""
				switch cfg := d.Connection.Config.(type) {
				case toyConfig:
					if cfg.Region != nil {
						region = *cfg.Region
					}
				case *toyConfig:
					if cfg.Region != nil {
						region = *cfg.Region
					}
				}
				for _, e := range toyEvents() {
					e.Region = region
					d.StreamListItem(ctx, e)
				}
				return nil, nil
			},
		},
		Columns: []*plugin.Column{
			{Name: "id", Type: proto.ColumnType_INT, Description: "Id.", Transform: transform.FromField("ID")},
			{Name: "ts", Type: proto.ColumnType_TIMESTAMP, Description: "Time.", Transform: transform.FromField("TS")},
			{Name: "attrs", Type: proto.ColumnType_JSON, Description: "Attributes."},
			{Name: "ok", Type: proto.ColumnType_BOOL, Description: "Flag."},
			{Name: "score", Type: proto.ColumnType_DOUBLE, Description: "Score."},
			{Name: "src_ip", Type: proto.ColumnType_INET, Description: "Source.", Transform: transform.FromField("SrcIP")},
			{Name: "region", Type: proto.ColumnType_STRING, Description: "Connection region."},
		},
	}
}

// errToyFail is what toy_fail's list returns.
var errToyFail = errors.New("backend said no (code -11)")

func (ty *toy) failTable() *plugin.Table {
	return &plugin.Table{
		Name: "toy_fail",
		List: &plugin.ListConfig{
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				plugin.Logger(ctx).Warn("toy_fail.list", "api_error", errToyFail)
				return nil, errToyFail
			},
		},
		Columns: []*plugin.Column{{Name: "name", Type: proto.ColumnType_STRING, Description: "Name."}},
	}
}

func (ty *toy) blockTable() *plugin.Table {
	return &plugin.Table{
		Name: "toy_block",
		List: &plugin.ListConfig{
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				ty.blockOnce.Do(func() { close(ty.blockStarted) })
				// Stream until cancelled, like a task poller that must then
				// delete its server-side task.
				for i := 0; ; i++ {
					d.StreamListItem(ctx, hostRow{Name: fmt.Sprintf("row%d", i)})
					select {
					case <-ctx.Done():
						close(ty.blockCancelled)
						return nil, nil
					default:
					}
				}
			},
		},
		Columns: []*plugin.Column{{Name: "name", Type: proto.ColumnType_STRING, Description: "Name."}},
	}
}

type rankRow struct {
	ID, Score, Up, Down int64
	Name, Grp           string
}

// toyRanks are the rows of toy_rank in the order the plugin returns them unsorted:
// a scramble, so that an engine trusting an order it never asked for shows it.
func toyRanks() []rankRow {
	var rows []rankRow
	for i := range 20 {
		k := int64((i * 7) % 20) // a permutation of 0..19
		rows = append(rows, rankRow{ID: int64(i), Score: k, Up: k, Down: k, Name: fmt.Sprintf("r%02d", 19-k), Grp: fmt.Sprintf("g%d", i%2)})
	}
	return rows
}

// rankTable declares sort orders: score both ways, up ascending only, down descending
// only, id and name none. Its list sorts by QueryContext.SortOrder when every term is one
// it declared, and otherwise streams its scramble, as a plugin that cannot sort would.
func (ty *toy) rankTable() *plugin.Table {
	declared := map[string]plugin.SortOrder{"score": plugin.SortAll, "up": plugin.SortAsc, "down": plugin.SortDesc}
	key := func(r rankRow, col string) int64 {
		switch col {
		case "score":
			return r.Score
		case "up":
			return r.Up
		}
		return r.Down
	}
	return &plugin.Table{
		Name: "toy_rank",
		List: &plugin.ListConfig{
			KeyColumns: plugin.KeyColumnSlice{{Name: "grp", Require: plugin.Optional, Operators: []string{"="}}},
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				ty.record(ctx, d)
				var rows []rankRow
				for _, r := range toyRanks() {
					if g := d.EqualsQualString("grp"); g == "" || g == r.Grp {
						rows = append(rows, r)
					}
				}
				order := d.QueryContext.SortOrder
				honour := len(order) > 0
				for _, o := range order {
					can := declared[o.Column]
					honour = honour && (can == plugin.SortAll || can == o.Order)
				}
				if honour {
					sort.SliceStable(rows, func(i, j int) bool {
						for _, o := range order {
							a, b := key(rows[i], o.Column), key(rows[j], o.Column)
							if a != b {
								return (a < b) != (o.Order == plugin.SortDesc)
							}
						}
						return false
					})
				}
				for _, r := range rows {
					d.StreamListItem(ctx, r)
					if d.RowsRemaining(ctx) == 0 {
						return nil, nil
					}
				}
				return nil, nil
			},
		},
		Columns: []*plugin.Column{
			{Name: "id", Type: proto.ColumnType_INT, Description: "Position in the plugin's own order."},
			{Name: "score", Type: proto.ColumnType_INT, Description: "Sortable both ways.", Sort: plugin.SortAll},
			{Name: "up", Type: proto.ColumnType_INT, Description: "Sortable ascending.", Sort: plugin.SortAsc},
			{Name: "down", Type: proto.ColumnType_INT, Description: "Sortable descending.", Sort: plugin.SortDesc},
			{Name: "name", Type: proto.ColumnType_STRING, Description: "Not sortable."},
			{Name: "grp", Type: proto.ColumnType_STRING, Description: "Group (key column: =, IN)."},
		},
	}
}
