package modcheck

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// Statement is one query or control rendered as plain SQL.
type Statement struct {
	Name string // "query_NAME" or "control_NAME"
	SQL  string
}

// Statements renders every top-level query and control, in declaration order, with each
// $N replaced by a SQL literal: the control's constant arg, else values[param name] (as
// text, the way Powerpipe passes a --arg), else the param's default. A param with none of
// these is an error naming it, never a NULL.
func (m *Mod) Statements(values map[string]string) ([]Statement, error) {
	var out []Statement
	for _, r := range m.order {
		if !r.Top || (r.Kind != "query" && r.Kind != "control") {
			continue
		}
		sql, params, from := m.target(r)
		if sql == nil || from == nil {
			return nil, fmt.Errorf("%s has no sql to render", r.Key())
		}
		if len(params) == 0 && len(placeholders(*sql)) > 0 {
			return nil, fmt.Errorf("%s: %s uses $N without param blocks; declare its params (with defaults) to render it", r.Key(), from.Key())
		}
		lits := make([]string, len(params))
		for i, p := range params {
			v := cty.NilVal
			if a := r.Args; a != nil {
				if arg, ok := a.Named[p.Name]; ok {
					v = arg.Value
				} else if i < len(a.List) {
					v = a.List[i].Value
				}
			}
			if s, ok := values[p.Name]; ok && v == cty.NilVal {
				v = cty.StringVal(s)
			}
			if v == cty.NilVal && p.HasDefault {
				v = p.Default
			}
			if v == cty.NilVal {
				return nil, fmt.Errorf("%s: param %q of %s has no constant arg or default; give it a value (modsql -set %s=VALUE)", r.Key(), p.Name, from.Key(), p.Name)
			}
			lit, err := literal(v)
			if err != nil {
				return nil, fmt.Errorf("%s: param %q: %w", r.Key(), p.Name, err)
			}
			lits[i] = lit
		}
		out = append(out, Statement{Name: r.Kind + "_" + r.Name, SQL: substitute(*sql, lits)})
	}
	return out, nil
}

// literal renders a constant the way Powerpipe passes an arg: a string as text, a number
// or bool as itself.
func literal(v cty.Value) (string, error) {
	switch {
	case v.IsNull():
		return "null", nil
	case v.Type() == cty.String:
		return "'" + strings.ReplaceAll(v.AsString(), "'", "''") + "'", nil
	case v.Type() == cty.Number:
		return v.AsBigFloat().Text('f', -1), nil
	case v.Type() == cty.Bool:
		return strconv.FormatBool(v.True()), nil
	}
	return "", fmt.Errorf("cannot render a %s value as SQL", v.Type().FriendlyName())
}

// placeholders returns the $N parameter numbers the SQL uses.
func placeholders(sql string) map[int]bool {
	used := map[int]bool{}
	scanPlaceholders(sql, func(n int, _, _ int) { used[n] = true })
	return used
}

// substitute replaces each $N with lits[N-1]; numbers past len(lits) stay as they are.
func substitute(sql string, lits []string) string {
	type span struct{ n, start, end int }
	var spans []span
	scanPlaceholders(sql, func(n, start, end int) { spans = append(spans, span{n, start, end}) })
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.n < 1 || s.n > len(lits) {
			continue
		}
		b.WriteString(sql[last:s.start])
		b.WriteString(lits[s.n-1])
		last = s.end
	}
	b.WriteString(sql[last:])
	return b.String()
}

// scanPlaceholders calls fn for each $N outside string literals, quoted identifiers and
// comments.
func scanPlaceholders(sql string, fn func(n, start, end int)) {
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'' || c == '"':
			for i++; i < len(sql); i++ {
				if sql[i] == c {
					if i+1 < len(sql) && sql[i+1] == c {
						i++ // doubled quote
						continue
					}
					break
				}
			}
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return
			}
			i += end + 3
		case c == '$':
			j := i + 1
			for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
				j++
			}
			if j > i+1 {
				n, _ := strconv.Atoi(sql[i+1 : j])
				fn(n, i, j)
				i = j - 1
			}
		}
	}
}
