package faz

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// jsonParser decodes a JSON-RPC body into the values encoding/json's Decoder with
// UseNumber gives for an interface{} (map[string]any, []any, string, json.Number, bool,
// nil), in one pass and with fewer allocations: strings without escapes are substrings
// of their source, not copies, and each object that is an element of an array (a row)
// is copied out of the body once and decoded from that copy, so a row's values keep
// only the row alive, not the whole page. The copy is kept as the row's original bytes
// (Record.Raw). Strings with escapes or invalid UTF-8 are decoded by encoding/json
// itself, so every value is exactly what the standard decoder would give; the tests
// check both decoders agree (TestParserMatchesEncodingJSON, FuzzParserMatchesEncodingJSON).
type jsonParser struct {
	depth int
	// srcs maps an array (by its first element) to each element's source text: the
	// copied bytes of an object element, "" for any other element.
	srcs map[*any][]string
	hint int // fields of the last row decoded: the next row's map size
}

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// maxRowDepth is the deepest array whose object elements are copied out as rows: the
// rows of either dialect are at depth 3 (result.data[]) or 5 (result[0].data.logs[]);
// deeper arrays stay inside their row's copy, which bounds the copying.
const maxRowDepth = 8

var errJSONEnd = errors.New("unexpected end of JSON input")

// parseJSON decodes the first JSON value of body; what follows it is ignored, as
// json.Decoder.Decode ignores it.
func parseJSON(body []byte) (any, *jsonParser, error) {
	p := &jsonParser{}
	v, _, err := p.value(string(body), 0)
	return v, p, err
}

func syntaxErr(s string, i int, what string) error {
	if i >= len(s) {
		return errJSONEnd
	}
	return fmt.Errorf("invalid character %q %s (offset %d)", s[i], what, i)
}

func skipWS(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value decodes the value at or after s[i] and returns the index after it.
func (p *jsonParser) value(s string, i int) (any, int, error) {
	i = skipWS(s, i)
	if i >= len(s) {
		return nil, i, errJSONEnd
	}
	switch c := s[i]; {
	case c == '{':
		return p.object(s, i)
	case c == '[':
		return p.array(s, i)
	case c == '"':
		return p.str(s, i)
	case c == 't':
		return literal(s, i, "true", true)
	case c == 'f':
		return literal(s, i, "false", false)
	case c == 'n':
		return literal(s, i, "null", nil)
	case c == '-' || (c >= '0' && c <= '9'):
		return number(s, i)
	}
	return nil, i, syntaxErr(s, i, "looking for beginning of value")
}

func literal(s string, i int, word string, v any) (any, int, error) {
	if strings.HasPrefix(s[i:], word) {
		return v, i + len(word), nil
	}
	for k := 0; k < len(word); k++ {
		if i+k >= len(s) {
			return nil, i + k, errJSONEnd
		}
		if s[i+k] != word[k] {
			return nil, i + k, syntaxErr(s, i+k, "in literal "+word)
		}
	}
	return nil, i, syntaxErr(s, i, "in literal "+word)
}

// number checks JSON's number grammar and returns the text as a json.Number.
func number(s string, i int) (any, int, error) {
	j := i
	if s[j] == '-' {
		j++
	}
	digits := func() bool {
		k := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j > k
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case !digits():
		return nil, j, syntaxErr(s, j, "in numeric literal")
	}
	if j < len(s) && s[j] == '.' {
		j++
		if !digits() {
			return nil, j, syntaxErr(s, j, "after decimal point in numeric literal")
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if !digits() {
			return nil, j, syntaxErr(s, j, "in exponent of numeric literal")
		}
	}
	return json.Number(s[i:j]), j, nil
}

// str decodes the string literal at s[i] ('"'). Plain ASCII and valid UTF-8 without
// escapes are substrings of s; anything else goes through encoding/json.
func (p *jsonParser) str(s string, i int) (any, int, error) {
	j := i + 1
	for j < len(s) {
		c := s[j]
		switch {
		case c == '"':
			return s[i+1 : j], j + 1, nil
		case c == '\\' || c < 0x20:
			return slowString(s, i)
		case c < utf8.RuneSelf:
			j++
		default:
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size == 1 {
				return slowString(s, i)
			}
			j += size
		}
	}
	return nil, j, errJSONEnd
}

// slowString finds the end of the string literal at s[i] and lets encoding/json decode
// it (escapes, surrogate pairs, invalid UTF-8 replaced by U+FFFD, control characters
// refused).
func slowString(s string, i int) (any, int, error) {
	j := i + 1
	for j < len(s) && s[j] != '"' {
		if s[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(s) {
		return nil, j, errJSONEnd
	}
	var out string
	if err := json.Unmarshal([]byte(s[i:j+1]), &out); err != nil {
		return nil, j, err
	}
	return out, j + 1, nil
}

func (p *jsonParser) object(s string, i int) (any, int, error) {
	if p.depth++; p.depth > maxJSONDepth {
		return nil, i, errors.New("exceeded max depth")
	}
	defer func() { p.depth-- }()
	m := make(map[string]any, p.hint)
	p.hint = 0 // nested objects are small
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == '}' {
		return m, i + 1, nil
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return nil, i, syntaxErr(s, i, "looking for beginning of object key string")
		}
		k, j, err := p.str(s, i)
		if err != nil {
			return nil, j, err
		}
		j = skipWS(s, j)
		if j >= len(s) || s[j] != ':' {
			return nil, j, syntaxErr(s, j, "after object key")
		}
		v, j2, err := p.value(s, j+1)
		if err != nil {
			return nil, j2, err
		}
		m[k.(string)] = v
		i = skipWS(s, j2)
		if i >= len(s) {
			return nil, i, errJSONEnd
		}
		switch s[i] {
		case ',':
			i = skipWS(s, i+1)
		case '}':
			return m, i + 1, nil
		default:
			return nil, i, syntaxErr(s, i, "after object key:value pair")
		}
	}
}

func (p *jsonParser) array(s string, i int) (any, int, error) {
	if p.depth++; p.depth > maxJSONDepth {
		return nil, i, errors.New("exceeded max depth")
	}
	defer func() { p.depth-- }()
	list := []any{}
	var srcs []string
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == ']' {
		return list, i + 1, nil
	}
	hint := 0
	for {
		var v any
		var err error
		if i < len(s) && s[i] == '{' && p.depth <= maxRowDepth {
			// A row: decode it from its own copy (see jsonParser).
			end, serr := skipObject(s, i)
			if serr != nil {
				return nil, end, serr
			}
			src := strings.Clone(s[i:end])
			p.hint = hint
			var k int
			v, k, err = p.value(src, 0)
			if err != nil {
				return nil, i + k, err
			}
			if k != len(src) {
				return nil, i + k, syntaxErr(src, k, "after object")
			}
			if m, ok := v.(map[string]any); ok {
				hint = len(m)
			}
			if srcs == nil {
				srcs = make([]string, len(list), len(list)+16)
			}
			srcs = append(srcs, src)
			i = end
		} else {
			v, i, err = p.value(s, i)
			if err != nil {
				return nil, i, err
			}
			if srcs != nil {
				srcs = append(srcs, "")
			}
		}
		list = append(list, v)
		i = skipWS(s, i)
		if i >= len(s) {
			return nil, i, errJSONEnd
		}
		switch s[i] {
		case ',':
			i = skipWS(s, i+1)
		case ']':
			if srcs != nil {
				if p.srcs == nil {
					p.srcs = map[*any][]string{}
				}
				p.srcs[&list[0]] = srcs
			}
			return list, i + 1, nil
		default:
			return nil, i, syntaxErr(s, i, "after array element")
		}
	}
}

// skipObject returns the index after the object starting at s[i], matching brackets
// outside strings; the object's own decoding checks its grammar.
func skipObject(s string, i int) (int, error) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return j + 1, nil
			}
		case '"':
			for j++; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' {
					j++
				}
			}
		}
	}
	return len(s), errJSONEnd
}

// sources returns the source text of each element of list, when the parser copied
// them (objects in an array); nil otherwise.
func (p *jsonParser) sources(list []any) []string {
	if p == nil || len(list) == 0 || p.srcs == nil {
		return nil
	}
	return p.srcs[&list[0]]
}
