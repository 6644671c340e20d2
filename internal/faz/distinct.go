package faz

import (
	"context"
	"encoding/json"
	"fmt"
)

// maxExcludedValues bounds how many known values a DistinctLogValues search excludes in its
// filter; past it the search pages through the remaining logs instead.
const maxExcludedValues = 200

// DistinctLogValues returns the distinct values of field among the logs spec selects that
// also match match (spec.Filter is replaced), in the order first seen.
//
// A question like "which sources hit this threat" has a few answers and thousands of logs,
// so rather than page through every log, each search excludes the values already found
// (field != ...): the first search that finds no new value proves the list complete,
// typically on the second search.
func (c *Client) DistinctLogValues(ctx context.Context, spec LogSearchSpec, match Cond, field string) ([]string, error) {
	seen := map[string]bool{}
	values := []string{}
	collect := func(row Row) error {
		if v := rowString(row[field]); v != "" && !seen[v] {
			seen[v] = true
			values = append(values, v)
		}
		return nil
	}
	const page = maxPageRows
	for {
		conds := []Cond{match}
		exclude := len(values) <= maxExcludedValues
		if exclude && len(values) > 0 {
			conds = append(conds, Cond{Field: field, Op: "!=", Values: values})
		}
		filter, err := BuildFilter("", conds...)
		if err != nil {
			return nil, err
		}
		spec.Filter = filter
		spec.Limit = page
		if !exclude {
			spec.Limit = 0 // too many values to exclude: read the rest of the logs
		}
		before := len(values)
		info, err := c.SearchLogs(ctx, spec, collect)
		if err != nil {
			return nil, err
		}
		if !exclude || info.Rows < page || len(values) == before {
			return values, nil
		}
	}
}

// rowString is a log field as text ("" when absent or null).
func rowString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}
