package faz

import (
	"fmt"
	"regexp"
	"strings"
)

// Cond is one typed condition of a FAZ filter. Several Values mean "any of"
// for == and like, and "none of" for != (ORed or ANDed clauses). Ranges
// (< <= > >=) take exactly one value.
type Cond struct {
	Field  string
	Op     string // == != < <= > >= like
	Values []string
}

var fieldName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

var knownOps = map[string]bool{"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true, "like": true}

// BuildFilter ANDs a raw filter (trusted, passed through in parentheses)
// with typed conditions. Values are quoted so that none can close its
// quotes or inject operators, "and"/"or" or parentheses (see quote). Field names must be plain identifiers; control characters
// are refused because the appliance rejects them.
func BuildFilter(raw string, conds ...Cond) (string, error) {
	var parts []string
	if r := strings.TrimSpace(raw); r != "" {
		parts = append(parts, "("+r+")")
	}
	for i, c := range conds {
		s, err := condString(c)
		if err != nil {
			return "", fmt.Errorf("faz: filter condition %d: %w", i, err)
		}
		parts = append(parts, s)
	}
	if len(parts) == 1 && len(conds) == 0 {
		return strings.TrimSpace(raw), nil
	}
	return strings.Join(parts, " and "), nil
}

func condString(c Cond) (string, error) {
	if !fieldName.MatchString(c.Field) {
		return "", paramErr("field", "want an identifier such as srcip or device_info.dev_name, got %q", c.Field)
	}
	op := strings.ToLower(strings.TrimSpace(c.Op))
	if op == "=" {
		op = "=="
	}
	if !knownOps[op] {
		return "", paramErr("op", "want one of == != < <= > >= like, got %q", c.Op)
	}
	if len(c.Values) == 0 {
		return "", paramErr("values", "condition on %s needs at least one value", c.Field)
	}
	if len(c.Values) > 1 && op != "==" && op != "!=" && op != "like" {
		return "", paramErr("values", "operator %s takes one value, got %d", op, len(c.Values))
	}
	clauses := make([]string, len(c.Values))
	for i, v := range c.Values {
		q, err := quote(v)
		if err != nil {
			return "", err
		}
		if op == "like" {
			clauses[i] = c.Field + " like " + q
		} else {
			clauses[i] = c.Field + op + q
		}
	}
	if len(clauses) == 1 {
		return clauses[0], nil
	}
	join := " or "
	if op == "!=" {
		join = " and "
	}
	return "(" + strings.Join(clauses, join) + ")", nil
}

// quote wraps v in double quotes, or in single quotes when v contains a
// double quote. The appliance's grammar has no documented escape sequence,
// so a value is only ever wrapped in a quote character it does not contain:
// it cannot close its quotes, whatever else it holds (spaces, and/or,
// parentheses, backslashes, which stay literal). A value holding both quote
// characters cannot be expressed and is refused.
func quote(v string) (string, error) {
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			return "", paramErr("value", "control character %U is not allowed in a filter value", r)
		}
	}
	switch {
	case !strings.Contains(v, `"`):
		return `"` + v + `"`, nil
	case !strings.Contains(v, `'`):
		return "'" + v + "'", nil
	}
	return "", paramErr("value", "a filter value cannot contain both ' and \" quotes: %q", v)
}
