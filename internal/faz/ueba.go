package faz

import (
	"context"
	"fmt"
	"strconv"
)

// UEBA (User and Entity Behavior Analytics) inventories, apiver 3. The vendored 7.6.7 spec
// has no ueba module: the calls follow rstierli/fortianalyzer-mcp (api/client.py
// get_endpoints/get_endusers, verified there on 7.6.7 and 8.0.0) and ../shared/faz-api.md
// section 5 ([C: PM; L: MCP]).

// uebaPage is the page size of an endpoints read. The appliance's cap is not recorded; a
// short page ends the read, so a lower cap costs requests, never rows.
const uebaPage = 1000

// UEBAEndpoints lists the UEBA endpoints of adom (get /ueba/adom/{adom}/endpoints), all of
// them or those of epids. The appliance sends an endpoint's address (epip) only at
// detail-level simple and its users, detecting unit (detectkey), risk_score and importance
// only at the others (MCP skills/handlers.py: "The appliance only returns epip at "simple"
// detail (live-verified: basic/standard omit it)"), so this reads both levels and merges
// each endpoint's two records by epid: two requests per page.
func (c *Client) UEBAEndpoints(ctx context.Context, adom string, epids []int64) ([]Row, error) {
	if err := checkSegment("adom", adom); err != nil {
		return nil, err
	}
	url := "/ueba/adom/" + adom + "/endpoints"
	standard, err := c.uebaPages(ctx, url, "standard", "epids", epids)
	if err != nil {
		return nil, err
	}
	simple, err := c.uebaPages(ctx, url, "simple", "epids", epids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Row, len(simple))
	for _, r := range simple {
		byID[fmt.Sprint(r["epid"])] = r
	}
	for _, r := range standard {
		s, ok := byID[fmt.Sprint(r["epid"])]
		if !ok {
			continue
		}
		for k, v := range s {
			if _, has := r[k]; !has {
				r[k] = v
			}
		}
		delete(byID, fmt.Sprint(r["epid"]))
	}
	// An endpoint that appeared between the two reads is kept with what it has.
	for _, r := range simple {
		if _, left := byID[fmt.Sprint(r["epid"])]; left {
			standard = append(standard, r)
		}
	}
	return standard, nil
}

// UEBAEndUsers lists the UEBA end users of adom (get /ueba/adom/{adom}/endusers,
// detail-level standard), all of them or those of euids.
func (c *Client) UEBAEndUsers(ctx context.Context, adom string, euids []int64) ([]Row, error) {
	if err := checkSegment("adom", adom); err != nil {
		return nil, err
	}
	return c.uebaPages(ctx, "/ueba/adom/"+adom+"/endusers", "standard", "euids", euids)
}

// uebaPages reads every page of a UEBA list at one detail level. limit and offset go as
// strings, the way PM sends them (faz-api.md).
func (c *Client) uebaPages(ctx context.Context, url, detail, idsKey string, ids []int64) ([]Row, error) {
	var out []Row
	for offset := 0; ; {
		p := map[string]any{"apiver": 3, "detail-level": detail, "limit": strconv.Itoa(uebaPage), "offset": strconv.Itoa(offset)}
		if len(ids) > 0 {
			p[idsKey] = ids
		}
		resp, err := c.call(ctx, request{Method: "get", URL: url, Params: p, Replay: readReplay})
		if err != nil {
			return nil, err
		}
		var rows []Row
		if resp.List != nil {
			rows, err = toRows(resp.List)
		} else {
			rows, err = rowsFrom(resp.Payload)
		}
		if err != nil {
			return nil, fmt.Errorf("faz: get %s: %w", url, err)
		}
		out = append(out, rows...)
		offset += len(rows)
		if len(rows) < uebaPage {
			return out, nil
		}
	}
}
