package fortianalyzer

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// The appliance sends numbers as JSON numbers or as numeric strings ("threatweight":
// "1000"), depending on dialect and version. These helpers accept both, so a column reads
// the same whichever FortiAnalyzer answered.

// toInt returns v as an int64, or nil when it is empty or not a number.
func toInt(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		if f, err := x.Float64(); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return int64(f)
		}
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return nil
		}
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return int64(f)
		}
	case float64:
		return int64(x)
	case int:
		return int64(x)
	case int64:
		return x
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	}
	return nil
}

// toFloat returns v as a float64, or nil.
func toFloat(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
			return f
		}
	case float64:
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	}
	return nil
}

// toString renders scalars as text; empty strings become NULL (FAZ sends "" for absent).
func toString(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
		return x
	case json.Number:
		return x.String()
	case bool, float64, int64, int:
		return fmt.Sprint(x)
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return nil
		}
		return string(b)
	}
}

// toList turns a comma-joined string ("FGT1,FGT2") or a JSON array into a list of strings,
// the form JSON columns expose to SQL.
func toList(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := toString(e).(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		if strings.TrimSpace(x) == "" {
			return []string{}
		}
		parts := strings.Split(x, ",")
		out := make([]string, 0, len(parts))
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}

// convert maps a raw field to the column's type.
func convert(t proto.ColumnType, v any) any {
	switch t {
	case proto.ColumnType_INT:
		return toInt(v)
	case proto.ColumnType_DOUBLE:
		return toFloat(v)
	case proto.ColumnType_STRING:
		return toString(v)
	case proto.ColumnType_INET:
		if s, ok := toString(v).(string); ok && validIP(s) {
			return s
		}
		return nil
	case proto.ColumnType_BOOL:
		switch x := v.(type) {
		case bool:
			return x
		case string:
			// FAZ flags come as "yes"/"no" as often as booleans or 0/1.
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "yes", "y", "enable", "enabled":
				return true
			case "no", "n", "disable", "disabled":
				return false
			}
			b, err := strconv.ParseBool(x)
			if err != nil {
				return nil
			}
			return b
		}
		if i, ok := toInt(v).(int64); ok {
			return i != 0
		}
		return nil
	case proto.ColumnType_JSON:
		return v
	}
	return v
}

// epochTime reads an epoch-seconds field (number or numeric string) as a timestamp.
func epochTime(fields ...string) func(r *viewRow) any {
	return func(r *viewRow) any {
		if s, ok := toInt(r.field(fields...)).(int64); ok && s > 0 {
			return time.Unix(s, 0).UTC()
		}
		return nil
	}
}

// formatVersion renders os_ver/mr/patch as 7.4.3 (patch < 0: 7.4).
func formatVersion(major, minor, patch int64) string {
	if patch < 0 {
		return fmt.Sprintf("%d.%d", major, minor)
	}
	return fmt.Sprintf("%d.%d.%d", major, minor, patch)
}
