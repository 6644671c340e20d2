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
	loc, err := locationFromStatus(st)
	if err != nil {
		return nil, err
	}
	c.loc = loc
	c.log.Debug("appliance time zone", "zone", loc.String())
	return loc, nil
}

var gmtOffset = regexp.MustCompile(`(?i)\(?(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?`)

// locationFromStatus reads the zone from a /sys/status row.
func locationFromStatus(st Row) (*time.Location, error) {
	for _, k := range []string{"TZ", "tz", "Timezone", "timezone"} {
		if s, ok := st[k].(string); ok && strings.TrimSpace(s) != "" {
			if loc, err := time.LoadLocation(strings.TrimSpace(s)); err == nil {
				return loc, nil
			}
		}
	}
	s, _ := st["Time Zone"].(string)
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("faz: /sys/status has no time zone; set the timezone option (IANA name)")
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
		// A fixed offset ignores daylight saving; the status string names no
		// IANA zone, so this is the best available without the override.
		return time.FixedZone(strings.TrimSpace(s), off), nil
	}
	if strings.Contains(strings.ToUpper(s), "GMT") || strings.Contains(strings.ToUpper(s), "UTC") {
		return time.UTC, nil
	}
	return nil, fmt.Errorf("faz: cannot read the appliance time zone %q; set the timezone option (IANA name)", s)
}

// timeRange formats [start, end] in the appliance zone. A zero End means
// now; a zero Start is an error naming the parameter.
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
	loc, err := c.Location(ctx)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"start": start.In(loc).Format(timeLayout),
		"end":   end.In(loc).Format(timeLayout),
	}, nil
}
