package fortianalyzer

// Columns of task-backed tables: declarations (where a value comes from in either answer
// dialect) and the SDK columns built from them, reading the *viewRow every list streams.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// pushdown maps an SQL column to the FAZ filter field it is pushed into: its `=` / IN
// quals, and with Ranges its < <= > >= quals too (numeric fields; the filter grammar has
// the operators, faz-api.md "Filter string grammar").
type pushdown struct {
	Column, Field string
	Ranges        bool
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
	// SortField, for a computed column, is the source field whose FortiView ranking
	// (sort-by) orders the column too, e.g. bandwidth for bytes. A numeric column read
	// from Fields ranks by Fields[0]. See fortiView.sortField.
	SortField string
}

// viewRow is what the list hydrate streams: a row of the view plus the task it came from.
type viewRow struct {
	Rank int
	Row  faz.Row
	Raw  json.RawMessage // the row's bytes as the appliance sent them, when the client kept them
	Task *taskQuery
}

// buildColumns turns column declarations into SDK columns that read a *viewRow.
func buildColumns(p *pluginState, decls []viewColumn) []*plugin.Column {
	cols := make([]*plugin.Column, 0, len(decls))
	for i := range decls {
		c := &decls[i]
		col := &plugin.Column{Name: c.Name, Type: c.Type, Description: describeLocal(c), Transform: transform.FromP(columnValue, c)}
		if c.Hydrate != nil {
			col.Hydrate, col.Transform = c.Hydrate(p), transform.FromValue()
		}
		cols = append(cols, col)
	}
	return cols
}

// rawColumn is the row as the appliance sent it. It has its own hydrate because the SDK
// computes every column of the list hydrate for every row, selected or not, and
// re-marshalling whole rows was a tenth of the CPU of a large log query.
func rawColumn(desc string) *plugin.Column {
	return &plugin.Column{Name: "raw", Type: proto.ColumnType_JSON, Description: desc, Hydrate: rawRow, Transform: transform.FromValue()}
}

func rawRow(_ context.Context, _ *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	r := h.Item.(*viewRow)
	if r.Raw != nil {
		// The original bytes: no map to re-marshal, and the appliance's own field order.
		return r.Raw, nil
	}
	return r.Row, nil
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
	return d.Param.(*viewColumn).value(r), nil
}

// value is the column's value on r (nil for SQL NULL).
func (c *viewColumn) value(r *viewRow) any {
	if c.Value != nil {
		return c.Value(r)
	}
	v := r.field(c.Fields...)
	if v == nil {
		return nil
	}
	return convert(c.Type, v)
}

// sortTerm is one term of an ORDER BY the engine handed to the plugin.
type sortTerm struct {
	col  *viewColumn
	desc bool
}

// compareRows orders two rows by the terms as SQLite orders the values: NULL first
// ascending (last descending), numbers by value. Columns given SQL's ORDER BY are numeric
// (fortiView.sortField), so text never needs a collation here.
func compareRows(terms []sortTerm, a, b *viewRow) int {
	for _, t := range terms {
		c := compareValues(t.col.value(a), t.col.value(b))
		if t.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func compareValues(a, b any) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		}
		return 1
	}
	x, xok := number(a)
	y, yok := number(b)
	if xok && yok {
		return cmp.Compare(x, y)
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
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
