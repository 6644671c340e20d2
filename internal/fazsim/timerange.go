package fazsim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// naiveLayouts are the zone-less time-range spellings FAZ accepts; they are
// read in the request's zone (tz / timezone) or the appliance zone.
var naiveLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// parseZone reads "+01:00", "-7:00", "+0530", "UTC" or an IANA name.
func parseZone(z string) (*time.Location, bool) {
	z = strings.TrimSpace(z)
	if z == "" {
		return nil, false
	}
	if z[0] == '+' || z[0] == '-' {
		sign := 1
		if z[0] == '-' {
			sign = -1
		}
		body := z[1:]
		h, m := body, "0"
		if i := strings.IndexByte(body, ':'); i >= 0 {
			h, m = body[:i], body[i+1:]
		} else if len(body) == 4 {
			h, m = body[:2], body[2:]
		}
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh > 14 || mm > 59 {
			return nil, false
		}
		return time.FixedZone(z, sign*(hh*3600+mm*60)), true
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		return nil, false
	}
	return loc, true
}

// parseTime reads one time-range bound; ok is false when malformed.
func parseTime(v any, loc *time.Location) (time.Time, bool) {
	s, isStr := v.(string)
	if !isStr {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01-02 15:04:05Z07:00", s); err == nil {
		return t, true
	}
	for _, l := range naiveLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// timeRange reads the "time-range" parameter. Zone precedence: "tz" inside
// time-range, then the "timezone" parameter, then the appliance zone.
// Malformed bounds silently mean the whole data window, as FAZ does. The
// seed dialect also takes the stylised last-n-hours/-days/-minutes forms.
func (s *Server) timeRange(c *call, required bool) (start, end time.Time, loc *time.Location, err *rpcError) {
	loc = s.loc
	if z, ok := parseZone(strParam(c.p, "timezone")); ok {
		loc = z
	} else if strParam(c.p, "timezone") != "" {
		return start, end, loc, invalidParams(fmt.Sprintf("timezone %q: want an IANA name or an offset such as +01:00", strParam(c.p, "timezone")))
	}
	tr, ok := c.p["time-range"].(map[string]any)
	if !ok {
		if required {
			return start, end, loc, errNoParams
		}
		return s.data.start, s.data.end, loc, nil
	}
	if z, ok := parseZone(strParam(tr, "tz")); ok {
		loc = z
	}
	if c.env.seed {
		for key, unit := range map[string]time.Duration{"last-n-hours": time.Hour, "last-n-days": 24 * time.Hour, "last-n-minutes": time.Minute} {
			if n, ok := tr[key].(json.Number); ok {
				k, _ := n.Int64()
				now := c.now.Truncate(time.Second)
				return now.Add(-time.Duration(k) * unit), now, loc, nil
			}
		}
	}
	st, ok1 := parseTime(tr["start"], loc)
	en, ok2 := parseTime(tr["end"], loc)
	if !ok1 || !ok2 {
		return s.data.start, s.data.end, loc, nil
	}
	return st, inclusiveEnd(tr["end"], en), loc, nil
}

// inclusiveEnd widens an end bound given to the minute or the day to the
// last second it names: the end of a time-range is inclusive (the seed
// documents' one day is "00:00" to "23:59"), and rows are kept to the second.
func inclusiveEnd(raw any, t time.Time) time.Time {
	s, _ := raw.(string)
	s = strings.TrimSpace(s)
	switch {
	case len(s) == len("2006-01-02"):
		return t.Add(24*time.Hour - time.Second)
	case len(s) == len("2006-01-02 15:04"):
		return t.Add(59 * time.Second)
	}
	return t
}

// fmtTime prints a time in FAZ's "YYYY-MM-DD HH:MM:SS" form in loc.
func fmtTime(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02 15:04:05") }
