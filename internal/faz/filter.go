package faz

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/clip"
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

// BuildFilter ANDs a raw filter with typed conditions. The raw filter is
// checked against the appliance's grammar (see checkRawFilter) and always
// wrapped in parentheses, so that it cannot detach the conditions with an
// unbalanced ")" or an "or". Values are quoted so that none can close its
// quotes or inject operators, "and"/"or" or parentheses (see quote). Field
// names must be plain identifiers; control characters are refused because
// the appliance rejects them. Errors are *FilterError.
func BuildFilter(raw string, conds ...Cond) (string, error) {
	var parts []string
	// Checked untrimmed: TrimSpace would drop a trailing U+0085.
	if err := checkRawFilter(raw); err != nil {
		return "", &FilterError{Cond: -1, Err: err}
	}
	if r := strings.Trim(raw, " \t"); r != "" {
		parts = append(parts, "("+r+")")
	}
	for i, c := range conds {
		s, err := condString(c)
		if err != nil {
			return "", &FilterError{Cond: i, Field: c.Field, Err: err}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " and "), nil
}

// FilterError is BuildFilter's error: Cond is the index of the condition at
// fault, or -1 for the raw filter; Err is a *ConfigError saying what is
// accepted.
type FilterError struct {
	Cond  int
	Field string
	Err   error
}

// Error implements error.
func (e *FilterError) Error() string {
	if e.Cond < 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("faz: filter condition %d (%s): %v", e.Cond, e.Field, e.Err)
}

// Unwrap returns the *ConfigError.
func (e *FilterError) Unwrap() error { return e.Err }

// filterForm is the accepted form of a raw filter, for error messages.
const filterForm = `want clauses such as srcip=="10.0.1.5" (operators == = != < <= > >= like), joined by and/or or spaces, grouped with ( ) and negated with !( ), values in "..." or '...'`

// checkRawFilter checks a raw filter against the grammar the appliance
// documents (faz-api.md, "Filter string grammar"): clauses "field op value"
// joined by and/or (juxtaposition means and), parentheses, !( ) negation.
// It refuses unbalanced parentheses or quotes, which would let the filter
// break out of its wrapping, and operators that fail silently on the
// appliance: contain/!contain and unknown words match nothing there, and a
// silent empty answer is worse than an error.
func checkRawFilter(s string) error {
	for _, r := range s {
		if isControl(r) {
			return paramErr("filter", "control character %U is not allowed; %s", r, filterForm)
		}
	}
	p := &rawFilterParser{s: s}
	if p.skip(); p.eof() {
		return nil // no filter
	}
	if err := p.or(0); err != nil {
		return err
	}
	p.skip()
	if !p.eof() {
		if p.s[p.pos] == ')' {
			return p.fail("unbalanced ')'")
		}
		return p.fail("unexpected text")
	}
	return nil
}

type rawFilterParser struct {
	s   string
	pos int
}

func (p *rawFilterParser) eof() bool { return p.pos >= len(p.s) }

func (p *rawFilterParser) skip() {
	for !p.eof() && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

func (p *rawFilterParser) fail(what string) error {
	return paramErr("filter", "%s at offset %d (%s); %s", what, p.pos, clip.Quote(p.s[p.pos:]), filterForm)
}

// word consumes a case-insensitive keyword standing alone.
func (p *rawFilterParser) word(w string) bool {
	p.skip()
	end := p.pos + len(w)
	if end > len(p.s) || !strings.EqualFold(p.s[p.pos:end], w) {
		return false
	}
	if end < len(p.s) && !strings.ContainsRune(" \t(!\"'", rune(p.s[end])) {
		return false
	}
	p.pos = end
	return true
}

// maxFilterDepth bounds nesting, so a hostile filter cannot exhaust the stack.
const maxFilterDepth = 64

func (p *rawFilterParser) or(depth int) error {
	for {
		if err := p.and(depth); err != nil {
			return err
		}
		if !p.word("or") {
			return nil
		}
	}
}

func (p *rawFilterParser) and(depth int) error {
	for {
		if err := p.unary(depth); err != nil {
			return err
		}
		and := p.word("and")
		p.skip()
		save := p.pos
		if p.eof() || p.s[p.pos] == ')' || p.word("or") {
			p.pos = save
			if and {
				return p.fail("missing clause after and")
			}
			return nil
		}
	}
}

func (p *rawFilterParser) unary(depth int) error {
	p.skip()
	if p.eof() {
		return p.fail("missing clause")
	}
	rest := p.s[p.pos:]
	if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "!(") {
		if depth >= maxFilterDepth {
			return p.fail("parentheses nested too deep")
		}
		open := p.pos
		p.pos += strings.IndexByte(rest, '(') + 1
		if err := p.or(depth + 1); err != nil {
			return err
		}
		p.skip()
		if p.eof() || p.s[p.pos] != ')' {
			p.pos = open
			return p.fail("unbalanced '('")
		}
		p.pos++
		return nil
	}
	return p.clause()
}

func (p *rawFilterParser) clause() error {
	start := p.pos
	for !p.eof() && isFilterFieldChar(p.s[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		return p.fail("missing field name")
	}
	p.skip()
	rest := p.s[p.pos:]
	switch {
	case strings.HasPrefix(rest, "=="), strings.HasPrefix(rest, "!="), strings.HasPrefix(rest, ">="), strings.HasPrefix(rest, "<="):
		p.pos += 2
	case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, ">"), strings.HasPrefix(rest, "<"):
		p.pos++
	case p.word("like"):
	default:
		ws := p.pos
		for !p.eof() && p.s[p.pos] != ' ' && p.s[p.pos] != '\t' && p.s[p.pos] != '"' && p.s[p.pos] != '\'' {
			p.pos++
		}
		op := p.s[ws:p.pos]
		p.pos = ws
		if op == "" {
			return p.fail("missing operator")
		}
		return p.fail(fmt.Sprintf("operator %s is not supported (the appliance fails it or matches nothing)", clip.Quote(op)))
	}
	p.skip()
	if p.eof() {
		return p.fail("missing value")
	}
	if q := p.s[p.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(p.s[p.pos+1:], q)
		if end < 0 {
			return p.fail("unbalanced quote " + string(q))
		}
		p.pos += end + 2
		return nil
	}
	vs := p.pos
	for !p.eof() && p.s[p.pos] != ' ' && p.s[p.pos] != '\t' && p.s[p.pos] != ')' {
		if c := p.s[p.pos]; c == '"' || c == '\'' || c == '(' {
			return p.fail("unquoted value with a quote or parenthesis")
		}
		p.pos++
	}
	if p.pos == vs {
		return p.fail("missing value")
	}
	return nil
}

func isFilterFieldChar(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

func condString(c Cond) (string, error) {
	if !fieldName.MatchString(c.Field) {
		return "", paramErr("field", "want an identifier such as srcip or device_info.dev_name, got %s", clip.Quote(c.Field))
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
		if isControl(r) {
			return "", paramErr("value", "control character %U is not allowed in a filter value", r)
		}
	}
	switch {
	case !strings.Contains(v, `"`):
		return `"` + v + `"`, nil
	case !strings.Contains(v, `'`):
		return "'" + v + "'", nil
	}
	return "", paramErr("value", "a filter value cannot contain both ' and \" quotes: %s", clip.Quote(v))
}
