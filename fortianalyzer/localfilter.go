package fortianalyzer

import (
	"fmt"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

// Local quals: comparisons on columns the appliance cannot filter by, evaluated by the
// plugin on each row before it is streamed. SQL re-checks them anyway; evaluating them here
// only saves the per-row work (drilldown searches) for rows SQL would discard.

var (
	numberOps = []string{"=", "<>", "<", "<=", ">", ">="}
	stringOps = []string{"=", "<>"}
)

// localOps are the operators a local column's quals may use.
func localOps(c *viewColumn) []string {
	if c.Type == proto.ColumnType_INT || c.Type == proto.ColumnType_DOUBLE {
		return numberOps
	}
	return stringOps
}

// describeLocal is a column's description, saying which quals the plugin checks when the
// column is local.
func describeLocal(c *viewColumn) string {
	if !c.Local {
		return c.Description
	}
	return fmt.Sprintf("%s (quals: %s, checked by the plugin before per-row work).", strings.TrimSuffix(c.Description, "."), strings.Join(localOps(c), " "))
}

func localKeyColumns(cols []viewColumn) plugin.KeyColumnSlice {
	var keys plugin.KeyColumnSlice
	for _, c := range cols {
		if !c.Local {
			continue
		}
		keys = append(keys, &plugin.KeyColumn{Name: c.Name, Require: plugin.Optional, Operators: localOps(&c)})
	}
	return keys
}

// localFilter returns a predicate for the query's quals on local columns, or nil when it
// has none.
func localFilter(d *plugin.QueryData, cols []viewColumn) func(*viewRow) bool {
	type check struct {
		col *viewColumn
		q   *quals.Qual
	}
	var checks []check
	for i := range cols {
		c := &cols[i]
		if !c.Local || d.Quals[c.Name] == nil {
			continue
		}
		for _, q := range d.Quals[c.Name].Quals {
			checks = append(checks, check{c, q})
		}
	}
	if len(checks) == 0 {
		return nil
	}
	return func(r *viewRow) bool {
		for _, ch := range checks {
			if !qualHolds(ch.q, localValue(ch.col, r)) {
				return false
			}
		}
		return true
	}
}

// localValue is the column's value for a row, as its transform computes it.
func localValue(c *viewColumn, r *viewRow) any {
	if c.Value != nil {
		return c.Value(r)
	}
	return convert(c.Type, r.field(c.Fields...))
}

// qualHolds compares a value with a qual as SQL would: NULL satisfies nothing.
func qualHolds(q *quals.Qual, v any) bool {
	if v == nil {
		return false
	}
	if q.Operator == quals.QualOperatorEqual {
		for _, qv := range qualValues(q.Value) {
			if c := compare(v, qv); c == 0 || c == incomparable {
				return true
			}
		}
		return false
	}
	c := compare(v, q.Value)
	if c == incomparable {
		// Dropping a row SQL would keep is wrong; keeping one it drops only costs a little.
		return true
	}
	switch q.Operator {
	case quals.QualOperatorNotEqual:
		return c != 0
	case quals.QualOperatorLess:
		return c < 0
	case quals.QualOperatorLessOrEqual:
		return c <= 0
	case quals.QualOperatorGreater:
		return c > 0
	case quals.QualOperatorGreaterOrEqual:
		return c >= 0
	}
	return true // an operator not declared for local columns: leave it to SQL
}

// incomparable is compare's answer for values of different kinds.
const incomparable = 2

// compare orders a column value against a qual value: -1, 0, 1, or incomparable.
func compare(v any, qv *proto.QualValue) int {
	var a, b float64
	switch x := v.(type) {
	case int64:
		a = float64(x)
	case float64:
		a = x
	case string:
		s, ok := qv.Value.(*proto.QualValue_StringValue)
		if !ok {
			return incomparable
		}
		switch {
		case x < s.StringValue:
			return -1
		case x > s.StringValue:
			return 1
		}
		return 0
	default:
		return incomparable
	}
	switch y := qv.Value.(type) {
	case *proto.QualValue_Int64Value:
		b = float64(y.Int64Value)
	case *proto.QualValue_DoubleValue:
		b = y.DoubleValue
	default:
		return incomparable
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
