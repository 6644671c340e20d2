package fazsim

import (
	"errors"
	"strconv"
	"strings"
)

// errInvalidFilter is FAZ's answer to a syntactically broken filter.
var errInvalidFilter = errors.New("Invalid filter") //nolint:staticcheck // the appliance's words, verbatim

// filterExpr is a parsed FAZ filter string.
type filterExpr interface {
	// match evaluates the filter against a row's field getter.
	match(get func(string) (string, bool), caseSensitive bool) bool
	// fields appends the field names the filter references.
	fields(dst []string) []string
}

type andExpr []filterExpr
type orExpr []filterExpr
type notExpr struct{ e filterExpr }

// clause is "field op value". inert clauses (contain, !contain, unknown
// operators) match nothing, like the appliance.
type clause struct {
	field, op, value string
	inert            bool
}

func (a andExpr) match(g func(string) (string, bool), cs bool) bool {
	for _, e := range a {
		if !e.match(g, cs) {
			return false
		}
	}
	return true
}

func (a andExpr) fields(dst []string) []string {
	for _, e := range a {
		dst = e.fields(dst)
	}
	return dst
}

func (o orExpr) match(g func(string) (string, bool), cs bool) bool {
	for _, e := range o {
		if e.match(g, cs) {
			return true
		}
	}
	return false
}

func (o orExpr) fields(dst []string) []string {
	for _, e := range o {
		dst = e.fields(dst)
	}
	return dst
}

func (n notExpr) match(g func(string) (string, bool), cs bool) bool { return !n.e.match(g, cs) }
func (n notExpr) fields(dst []string) []string                      { return n.e.fields(dst) }

func (c clause) fields(dst []string) []string { return append(dst, c.field) }

func (c clause) match(g func(string) (string, bool), cs bool) bool {
	if c.inert {
		return false
	}
	v, _ := g(c.field)
	want := c.value
	if !cs {
		v, want = strings.ToLower(v), strings.ToLower(want)
	}
	switch c.op {
	case "==", "=":
		return v == want || numEqual(v, want)
	case "!=":
		return !(v == want || numEqual(v, want))
	case "like":
		return likeMatch(v, want)
	case "<", "<=", ">", ">=":
		cmp, ok := numCompare(v, want)
		if !ok {
			cmp = strings.Compare(v, want)
		}
		switch c.op {
		case "<":
			return cmp < 0
		case "<=":
			return cmp <= 0
		case ">":
			return cmp > 0
		default:
			return cmp >= 0
		}
	}
	return false
}

func numCompare(a, b string) (int, bool) {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

func numEqual(a, b string) bool {
	c, ok := numCompare(a, b)
	return ok && c == 0
}

// likeMatch implements SQL LIKE with % (any run) and _ (one character).
func likeMatch(s, pat string) bool {
	if pat == "" {
		return s == ""
	}
	switch pat[0] {
	case '%':
		for i := 0; i <= len(s); i++ {
			if likeMatch(s[i:], pat[1:]) {
				return true
			}
		}
		return false
	case '_':
		return s != "" && likeMatch(s[1:], pat[1:])
	}
	return s != "" && s[0] == pat[0] && likeMatch(s[1:], pat[1:])
}

// parseFilter parses FAZ's filter string grammar: clauses "field op value"
// joined by and/or (juxtaposition means and), parentheses, and !( ) for
// negation. An empty or blank filter returns nil (match everything).
func parseFilter(s string) (filterExpr, error) {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return nil, errInvalidFilter
		}
	}
	p := &filterParser{s: s}
	p.skip()
	if p.eof() {
		return nil, nil
	}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	p.skip()
	if !p.eof() {
		return nil, errInvalidFilter
	}
	return e, nil
}

type filterParser struct {
	s   string
	pos int
}

func (p *filterParser) eof() bool { return p.pos >= len(p.s) }
func (p *filterParser) skip() {
	for !p.eof() && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

// keyword consumes a case-insensitive word if it is next and stands alone.
func (p *filterParser) keyword(w string) bool {
	p.skip()
	end := p.pos + len(w)
	if end > len(p.s) || !strings.EqualFold(p.s[p.pos:end], w) {
		return false
	}
	if end < len(p.s) && p.s[end] != ' ' && p.s[end] != '(' && p.s[end] != '\t' {
		return false
	}
	p.pos = end
	return true
}

func (p *filterParser) or() (filterExpr, error) {
	var terms orExpr
	for {
		e, err := p.and()
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
		if !p.keyword("or") {
			break
		}
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

func (p *filterParser) and() (filterExpr, error) {
	var terms andExpr
	for {
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
		p.keyword("and")
		p.skip()
		save := p.pos
		if p.eof() || p.s[p.pos] == ')' || p.keyword("or") {
			p.pos = save
			break
		}
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

func (p *filterParser) unary() (filterExpr, error) {
	p.skip()
	if p.eof() {
		return nil, errInvalidFilter
	}
	if strings.HasPrefix(p.s[p.pos:], "!(") || strings.HasPrefix(p.s[p.pos:], "(") {
		neg := p.s[p.pos] == '!'
		if neg {
			p.pos++
		}
		p.pos++
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.eof() || p.s[p.pos] != ')' {
			return nil, errInvalidFilter
		}
		p.pos++
		if neg {
			return notExpr{e}, nil
		}
		return e, nil
	}
	return p.clause()
}

func isFieldChar(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *filterParser) clause() (filterExpr, error) {
	start := p.pos
	for !p.eof() && isFieldChar(p.s[p.pos]) {
		p.pos++
	}
	field := p.s[start:p.pos]
	if field == "" {
		return nil, errInvalidFilter
	}
	p.skip()
	var c clause
	c.field = field
	rest := p.s[p.pos:]
	switch {
	case strings.HasPrefix(rest, "!contain"):
		c.op, c.inert = "!contain", true
		p.pos += len("!contain")
	case strings.HasPrefix(rest, "!like"):
		return nil, errInvalidFilter
	case strings.HasPrefix(rest, "=="), strings.HasPrefix(rest, "!="), strings.HasPrefix(rest, ">="), strings.HasPrefix(rest, "<="):
		c.op = rest[:2]
		p.pos += 2
	case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, ">"), strings.HasPrefix(rest, "<"):
		c.op = rest[:1]
		p.pos++
	default:
		ws := p.pos
		for !p.eof() && (p.s[p.pos] >= 'a' && p.s[p.pos] <= 'z' || p.s[p.pos] >= 'A' && p.s[p.pos] <= 'Z') {
			p.pos++
		}
		word := strings.ToLower(p.s[ws:p.pos])
		switch word {
		case "":
			return nil, errInvalidFilter
		case "like":
			c.op = "like"
		case "not", "nlike":
			return nil, errInvalidFilter
		default: // contain and unknown operators: accepted, match nothing
			c.op, c.inert = word, true
		}
	}
	p.skip()
	if p.eof() {
		return nil, errInvalidFilter
	}
	if q := p.s[p.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(p.s[p.pos+1:], q)
		if end < 0 {
			return nil, errInvalidFilter
		}
		c.value = p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
	} else {
		vs := p.pos
		for !p.eof() && p.s[p.pos] != ' ' && p.s[p.pos] != ')' && p.s[p.pos] != '\t' {
			p.pos++
		}
		c.value = p.s[vs:p.pos]
		if c.value == "" {
			return nil, errInvalidFilter
		}
	}
	return c, nil
}
