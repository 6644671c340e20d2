package fazsim

import (
	"encoding/json"
	"sort"
	"strconv"
)

// appendJSON encodes an answer. It handles the value types the handlers
// build (maps, slices, strings, integers, pre-ordered log rows) directly and
// falls back to encoding/json for anything else. It exists because
// encoding/json re-validates every custom-marshalled row, which dominated
// the cost of paging large log searches.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case orderedRow:
		return x.appendTo(b), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSON(b, x[k]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case []any:
		return appendList(b, len(x), func(i int) any { return x[i] })
	case []map[string]any:
		return appendList(b, len(x), func(i int) any { return x[i] })
	case []string:
		return appendList(b, len(x), func(i int) any { return x[i] })
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, enc...), nil
}

func appendList(b []byte, n int, at func(int) any) ([]byte, error) {
	b = append(b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendJSON(b, at(i)); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}
