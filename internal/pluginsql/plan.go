package pluginsql

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/ncruces/go-sqlite3"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// plan is what BestIndex decided, carried to Filter in idxStr.
type plan struct {
	Quals []planQual `json:"q,omitempty"` // in argv order
	// Limit and Offset are 1-based argv positions, 0 when not pushed.
	Limit  int      `json:"l,omitempty"`
	Offset int      `json:"o,omitempty"`
	Cols   []string `json:"c"` // columns to ask the plugin for
	// Sort is the ORDER BY handed to the plugin, set only when SQLite was told
	// the rows come back in that order (orderByConsumed). It is part of the
	// plan's text, so a plan made for one order is never run for another.
	Sort []planSort `json:"s,omitempty"`
}

// planSort is one ORDER BY term passed to the plugin.
type planSort struct {
	Col  string `json:"n"`
	Desc bool   `json:"d,omitempty"`
}

// planQual is one constraint passed to the plugin.
type planQual struct {
	Col string `json:"n"`
	Op  string `json:"p"`
	In  bool   `json:"i,omitempty"` // an IN list handed over all at once
}

func (p *plan) encode() string {
	b, _ := json.Marshal(p)
	return string(b)
}

func decodePlan(s string) (*plan, error) {
	var p plan
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, fmt.Errorf("pluginsql: bad plan %q: %w", s, err)
	}
	return &p, nil
}

// sqlOps maps SQLite constraint operators to the SDK's qual operators.
var sqlOps = map[sqlite3.IndexConstraintOp]string{
	sqlite3.INDEX_CONSTRAINT_EQ: "=",
	sqlite3.INDEX_CONSTRAINT_NE: "<>",
	sqlite3.INDEX_CONSTRAINT_LT: "<",
	sqlite3.INDEX_CONSTRAINT_LE: "<=",
	sqlite3.INDEX_CONSTRAINT_GT: ">",
	sqlite3.INDEX_CONSTRAINT_GE: ">=",
}

// Costs. A plan that cannot satisfy the plugin's required quals is not
// refused (SQLite must run something, and the plugin's own error is the
// clearest message) but costs so much that any plan feeding the key column
// from another table wins.
const (
	unsatisfiedCost = 1e15
	scanRows        = 1e6
	callCost        = 1000 // one plugin call, whatever it returns
)

// bestIndex fills idx for table t; see the package doc for the rules. merged is true
// when the scan's rows come from several connections (an aggregator), which the SDK
// interleaves in no order.
func bestIndex(t *tableDef, idx *sqlite3.IndexInfo, merged bool) error {
	p := plan{}
	argc := 0
	unhandled := false
	inList := false             // an IN list goes to the plugin whole
	have := map[string]bool{}   // key columns with a pushed qual
	haveEq := map[string]bool{} // ... with a pushed = qual
	limitAt, offsetAt := -1, -1
	rows := float64(scanRows)
	for i, c := range idx.Constraint {
		switch c.Op {
		case sqlite3.INDEX_CONSTRAINT_LIMIT:
			limitAt = i
			continue
		case sqlite3.INDEX_CONSTRAINT_OFFSET:
			offsetAt = i
			continue
		}
		if !c.Usable {
			unhandled = true
			continue
		}
		op, okOp := sqlOps[c.Op]
		col, err := t.column(c.Column)
		if !okOp || err != nil {
			unhandled = true
			continue
		}
		kc := t.Keys[col.Name]
		if kc == nil || !kc.Ops[op] || !scalar(col.Type) {
			unhandled = true
			continue
		}
		argc++
		idx.ConstraintUsage[i].ArgvIndex = argc // never Omit: SQLite re-checks
		q := planQual{Col: col.Name, Op: op}
		if op == "=" {
			q.In = idx.In(i, 1)
			inList = inList || q.In
			haveEq[col.Name] = true
			rows /= 100
		} else {
			rows /= 4
		}
		have[col.Name] = true
		p.Quals = append(p.Quals, q)
	}
	// The ORDER BY is the plugin's when every term is a column declaring that
	// direction (Column.Sort), as Steampipe's FDW decides (goFdwCanSort); SQLite
	// then skips its own sort and trusts the rows' order.
	// Not with an IN list handed over whole: the SDK runs the list hydrate once per
	// value, concurrently, and interleaves their rows (Table.doListForQualValues), as
	// SQLite itself never trusts a vtab's order under an IN it iterates.
	if sorts, ok := t.sortable(idx.OrderBy); ok && !merged && !inList {
		idx.OrderByConsumed = true
		p.Sort = sorts
	}
	// LIMIT is safe to push only when the plugin saw every predicate and
	// no ORDER BY could need rows beyond the first N: there is none, or the
	// plugin returns rows in its order (the FDW's canPushdownAllSortFields).
	orderOK := len(idx.OrderBy) == 0 || idx.OrderByConsumed
	if limitAt >= 0 && !unhandled && orderOK && idx.Constraint[limitAt].Usable {
		argc++
		idx.ConstraintUsage[limitAt].ArgvIndex = argc
		p.Limit = argc
		if offsetAt >= 0 && idx.Constraint[offsetAt].Usable {
			argc++
			idx.ConstraintUsage[offsetAt].ArgvIndex = argc
			p.Offset = argc
		}
	}
	p.Cols = usedColumns(t, idx.ColumnsUsed)

	getOK := len(t.GetKeys) > 0
	for _, k := range t.GetKeys {
		getOK = getOK && haveEq[k]
	}
	listOK := true
	for _, k := range t.Required {
		listOK = listOK && have[k]
	}
	if len(t.AnyOf) > 0 {
		anyHit := false
		for _, k := range t.AnyOf {
			anyHit = anyHit || have[k]
		}
		listOK = listOK && anyHit
	}
	switch {
	case getOK:
		idx.EstimatedRows = 1
		idx.EstimatedCost = callCost
	case listOK:
		rows = math.Max(rows, 10)
		idx.EstimatedRows = int64(rows)
		idx.EstimatedCost = callCost + rows*10
	default:
		idx.EstimatedRows = int64(scanRows)
		idx.EstimatedCost = unsatisfiedCost
	}
	idx.IdxStr = p.encode()
	return nil
}

// sortable returns the ORDER BY as plugin sort terms when the plugin declares every
// term's column sortable in that direction; SQLite passes an ORDER BY only when each
// term is a plain column of this table under the column's own collation.
func (t *tableDef) sortable(order []sqlite3.IndexOrderBy) ([]planSort, bool) {
	if len(order) == 0 {
		return nil, false
	}
	out := make([]planSort, 0, len(order))
	for _, o := range order {
		col, err := t.column(o.Column)
		if err != nil || col.Hidden {
			return nil, false // the rowid, or a column the engine fills
		}
		want := proto.SortOrder_Asc
		if o.Desc {
			want = proto.SortOrder_Desc
		}
		if col.Sort != want && col.Sort != proto.SortOrder_All {
			return nil, false
		}
		out = append(out, planSort{Col: col.Name, Desc: o.Desc})
	}
	return out, true
}

// usedColumns lists the plugin columns SQLite reads, from the ColumnsUsed
// mask (bit 63 stands for every column from 63 on). sp_connection_name is
// filled by the engine and the context columns are never fetched. When no
// column is used (count(*)), the cheapest one is asked for, so no hydrate
// runs but rows still arrive.
func usedColumns(t *tableDef, mask uint64) []string {
	var cols []string
	for i, c := range t.Columns {
		bit := i
		if bit > 63 {
			bit = 63
		}
		if mask&(1<<uint(bit)) == 0 || c.Hidden {
			continue
		}
		cols = append(cols, c.Name)
	}
	if len(cols) == 0 {
		for _, c := range t.Columns {
			if !c.Hidden && c.Hydrate == "" {
				return []string{c.Name}
			}
		}
		if len(t.Columns) > 0 {
			return []string{t.Columns[0].Name}
		}
	}
	return cols
}
