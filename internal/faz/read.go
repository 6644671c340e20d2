package faz

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// maxEventPage is the appliance's per-call row cap for alerts and incidents.
const maxEventPage = 2000

// systemStatus returns the /sys/status object (Title-Case keys such as
// "Hostname", "Version", "Serial Number", "Time Zone").
func (c *Client) systemStatus(ctx context.Context) (Row, error) {
	resp, err := c.call(ctx, request{Method: "get", URL: "/sys/status", Replay: readReplay})
	if err != nil {
		return nil, err
	}
	if len(resp.List) > 0 {
		if m, ok := resp.List[0].(map[string]any); ok {
			return Row(m), nil
		}
	}
	if d, ok := resp.Payload["data"].(map[string]any); ok {
		return Row(d), nil
	}
	p := make(Row, len(resp.Payload))
	for k, v := range resp.Payload {
		if k != "status" && k != "url" {
			p[k] = v
		}
	}
	return p, nil
}

// ADOMs lists the administrative domains (get /dvmdb/adom).
func (c *Client) ADOMs(ctx context.Context) ([]Row, error) {
	return c.legacyList(ctx, "/dvmdb/adom")
}

// Devices lists the devices of adom (get /dvmdb/adom/{adom}/device); an
// empty adom lists every device (/dvmdb/device).
func (c *Client) Devices(ctx context.Context, adom string) ([]Row, error) {
	if adom == "" {
		return c.legacyList(ctx, "/dvmdb/device")
	}
	if err := checkSegment("adom", adom); err != nil {
		return nil, err
	}
	return c.legacyList(ctx, "/dvmdb/adom/"+adom+"/device")
}

func (c *Client) legacyList(ctx context.Context, url string) ([]Row, error) {
	resp, err := c.call(ctx, request{Method: "get", URL: url, Replay: readReplay})
	if err != nil {
		return nil, err
	}
	if resp.List == nil {
		rows, err := rowsFrom(resp.Payload)
		if err != nil {
			return nil, fmt.Errorf("faz: get %s: %w", url, err)
		}
		return rows, nil
	}
	rows, err := toRows(resp.List)
	if err != nil {
		return nil, fmt.Errorf("faz: get %s: %w", url, err)
	}
	return rows, nil
}

// AlertQuery selects alerts (get /eventmgmt/adom/{adom}/alerts).
type AlertQuery struct {
	ADOM       string
	Start, End time.Time // optional; both zero means the appliance default
	Filter     string    // FAZ filter string (BuildFilter)
	Limit      int       // 0 = all, paged by 2000
}

// Alerts streams alerts to fn, paging by 2000 with offset.
func (c *Client) Alerts(ctx context.Context, q AlertQuery, fn func(Row) error) error {
	if err := checkSegment("adom", q.ADOM); err != nil {
		return err
	}
	p := map[string]any{"apiver": 3, "time-order": "desc"}
	return c.eventPages(ctx, "/eventmgmt/adom/"+q.ADOM+"/alerts", p, q.Start, q.End, q.Filter, q.Limit, fn)
}

// IncidentQuery selects incidents (get /incidentmgmt/adom/{adom}/incidents).
type IncidentQuery struct {
	ADOM        string
	Start, End  time.Time // optional
	Filter      string
	Limit       int    // 0 = all, paged by 2000
	DetailLevel string // basic | standard (default) | extended
}

// Incidents streams incidents to fn, paging by 2000 with offset.
func (c *Client) Incidents(ctx context.Context, q IncidentQuery, fn func(Row) error) error {
	if err := checkSegment("adom", q.ADOM); err != nil {
		return err
	}
	dl := q.DetailLevel
	switch dl {
	case "":
		dl = "standard"
	case "basic", "standard", "extended":
	default:
		return paramErr("detail_level", "want basic, standard or extended, got %q", q.DetailLevel)
	}
	p := map[string]any{"apiver": 3, "detail-level": dl}
	return c.eventPages(ctx, "/incidentmgmt/adom/"+q.ADOM+"/incidents", p, q.Start, q.End, q.Filter, q.Limit, fn)
}

// eventPages pages a synchronous v3 list with limit/offset.
func (c *Client) eventPages(ctx context.Context, url string, base map[string]any, start, end time.Time, filter string, limit int, fn func(Row) error) error {
	if limit < 0 {
		return paramErr("limit", "want 0 (all) or a positive row count, got %d", limit)
	}
	if !start.IsZero() || !end.IsZero() {
		tr, err := c.timeRange(ctx, start, end)
		if err != nil {
			return err
		}
		base["time-range"] = tr
	}
	if filter != "" {
		base["filter"] = filter
	}
	sent := 0
	for offset := 0; ; {
		n := maxEventPage
		if limit > 0 && limit-sent < n {
			n = limit - sent
		}
		p := make(map[string]any, len(base)+2)
		for k, v := range base {
			p[k] = v
		}
		p["limit"], p["offset"] = n, offset
		resp, err := c.call(ctx, request{Method: "get", URL: url, Params: p, Replay: readReplay})
		if err != nil {
			return err
		}
		rows, err := rowsFrom(resp.Payload)
		if err == nil && resp.List != nil {
			rows, err = toRows(resp.List)
		}
		if err != nil {
			return fmt.Errorf("faz: get %s: %w", url, err)
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				if errors.Is(err, ErrStop) {
					return nil
				}
				return err
			}
			sent++
		}
		offset += len(rows)
		if len(rows) < n || (limit > 0 && sent >= limit) {
			return nil
		}
	}
}
