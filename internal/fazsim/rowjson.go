package fazsim

import (
	"strconv"
	"unicode/utf8"
)

// orderedRow is a log row rendered for the wire: fields in FAZ's order,
// encoded without a map. Paging a million rows through the simulator is
// dominated by JSON encoding, and encoding/json sorts map keys on every row.
type orderedRow []rowField

type rowField struct {
	key string
	str string
	num int64
	isN bool
}

// MarshalJSON writes the row as a JSON object.
func (r orderedRow) MarshalJSON() ([]byte, error) {
	return r.appendTo(make([]byte, 0, 64*len(r))), nil
}

// appendTo appends the row as a JSON object.
func (r orderedRow) appendTo(b []byte) []byte {
	b = append(b, '{')
	for i, f := range r {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.key)
		b = append(b, ':')
		if f.isN {
			b = strconv.AppendInt(b, f.num, 10)
		} else {
			b = appendJSONString(b, f.str)
		}
	}
	return append(b, '}')
}

// Get returns a field's value (tests and filters on rendered rows).
func (r orderedRow) Get(key string) (any, bool) {
	for _, f := range r {
		if f.key == key {
			if f.isN {
				return f.num, true
			}
			return f.str, true
		}
	}
	return nil, false
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	plain := 0 // most values need no escaping: copy the run in one go
	for plain < len(s) && s[plain] >= 0x20 && s[plain] != '"' && s[plain] != '\\' && s[plain] < utf8.RuneSelf {
		plain++
	}
	b = append(b, s[:plain]...)
	for i := plain; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
