package faz

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// timeLayout is the appliance's naive time format; the appliance reads it
// in its own system zone, never the client's.
const timeLayout = "2006-01-02 15:04:05"

// Location returns the appliance's time zone: Config.Timezone when set,
// else the "TZ" (IANA) or "Time Zone" ("(GMT+1:00) Brussels, ...") field of
// /sys/status. The answer is cached for the client's lifetime.
func (c *Client) Location(ctx context.Context) (*time.Location, error) {
	c.locMu.Lock()
	defer c.locMu.Unlock()
	if c.loc != nil {
		return c.loc, nil
	}
	if c.cfg.Timezone != "" {
		loc, err := time.LoadLocation(c.cfg.Timezone)
		if err != nil {
			return nil, paramErr("timezone", "want an IANA zone such as Europe/Brussels, got %q", c.cfg.Timezone)
		}
		c.loc = loc
		return loc, nil
	}
	st, err := c.systemStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("faz: reading the appliance time zone: %w", err)
	}
	loc, fixed, err := locationFromStatus(st)
	if err != nil {
		return nil, err
	}
	c.loc = loc
	if fixed {
		c.log.Warn("the appliance's time zone is not in its known zone list: using a fixed offset, without daylight saving; set the timezone option (IANA name) if windows are an hour off part of the year",
			"time_zone", loc.String())
	} else {
		c.log.Debug("appliance time zone", "zone", loc.String())
	}
	return loc, nil
}

var gmtOffset = regexp.MustCompile(`(?i)\(?(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?`)

// locationFromStatus reads the zone from a /sys/status row: the IANA "TZ"
// of newer builds, else the "Time Zone" name mapped through the appliance's
// own zone list. fixed is true when only a fixed offset could be derived
// (no daylight saving: windows can be an hour off for part of the year).
func locationFromStatus(st Row) (loc *time.Location, fixed bool, err error) {
	for _, k := range []string{"TZ", "tz", "Timezone", "timezone"} {
		if s, ok := st[k].(string); ok && strings.TrimSpace(s) != "" {
			if loc, err := time.LoadLocation(strings.TrimSpace(s)); err == nil {
				return loc, false, nil
			}
		}
	}
	s, _ := st["Time Zone"].(string)
	if strings.TrimSpace(s) == "" {
		return nil, false, fmt.Errorf("faz: /sys/status has no time zone; set the timezone option (IANA name)")
	}
	if name, ok := ianaForApplianceZone(s); ok {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, false, nil
		}
	}
	if m := gmtOffset.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mi := 0
		if m[3] != "" {
			mi, _ = strconv.Atoi(m[3])
		}
		off := h*3600 + mi*60
		if m[1] == "-" {
			off = -off
		}
		return time.FixedZone(strings.TrimSpace(s), off), true, nil
	}
	if strings.Contains(strings.ToUpper(s), "GMT") || strings.Contains(strings.ToUpper(s), "UTC") {
		return time.FixedZone(strings.TrimSpace(s), 0), true, nil
	}
	return nil, false, fmt.Errorf("faz: cannot read the appliance time zone %q; set the timezone option (IANA name)", s)
}

// timeRange formats a window in the appliance zone. start is inclusive and
// end exclusive (the half-open window SQL bounds describe); the appliance's
// time-range is inclusive at both ends, to the second (the spec's
// 'yyyy-MM-dd HH:mm:ss', and the seed documents' one day as 00:00 - 23:59),
// so start is rounded up to a whole second and end becomes the last whole
// second before it. A zero End means now; a zero Start is an error naming
// the parameter.
func (c *Client) timeRange(ctx context.Context, start, end time.Time) (map[string]any, error) {
	if start.IsZero() {
		return nil, paramErr("start", "required: the beginning of the time range")
	}
	if end.IsZero() {
		end = time.Now()
	}
	if end.Before(start) {
		return nil, paramErr("end", "must not be before start (%s > %s)", start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	first, last := ceilSecond(start), ceilSecond(end).Add(-time.Second)
	if last.Before(first) {
		return nil, paramErr("end", "the window from %s to %s holds no whole second", start.Format(time.RFC3339Nano), end.Format(time.RFC3339Nano))
	}
	loc, err := c.Location(ctx)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"start": first.In(loc).Format(timeLayout),
		"end":   last.In(loc).Format(timeLayout),
	}, nil
}

// ceilSecond rounds t up to a whole second.
func ceilSecond(t time.Time) time.Time {
	if r := t.Truncate(time.Second); !r.Equal(t) {
		return r.Add(time.Second)
	}
	return t
}
