package fazsim

import (
	"fmt"
	"sort"
	"strconv"
)

// UEBA: the endpoint (asset) and end-user (identity) inventories of an ADOM.
// The vendored spec has no ueba module; the shapes follow
// rstierli/fortianalyzer-mcp, which calls both on live 7.6.7 and 8.0.0
// (src/fortianalyzer_mcp/api/client.py get_endpoints/get_endusers,
// "FNDN: GET /ueba/adom/{adom}/endpoints", apiver 3, detail-level, epids /
// euids) and keeps masked live records in tests/test_masking_leak.py
// (UEBA_ENDPOINT {epid "1025", epname, detectkey}; UEBA_ENDUSER {euid "1025",
// euname: "live records put an address in this name field", socialid
// {"data": []}, importance 0}); ../shared/faz-api.md section 5 (ueba_endpoints:
// epid, epname, epip, euid, user[] {euid, euname}, detectkey "serial of the
// detecting unit", risk_score, importance [C: PM; L: MCP]). Live facts kept:
// epip comes only at detail-level simple ("live-verified: basic/standard omit
// it", MCP skills/handlers.py); risk_score is "a float-valued string" (same
// file). The values are derived from the generated data [I].

// uebaIDBase is where an ADOM's endpoint and end-user ids start (the live
// record's first id is 1025).
const uebaIDBase = 1025

// uebaEndpoint is one endpoint of the inventory with its derived values.
type uebaEndpoint struct {
	epid, euid int
	ep         Endpoint
	euname     string
	detectkey  string
	risk       float64
}

// uebaInventory builds an ADOM's endpoints and end users. An endpoint's end
// user is its user, or for an endpoint without one an end user named by its
// address (the live records' habit). risk_score is the FortiOS weights of the
// threats that hit the endpoint, over 200, capped at 1 [I]; the detecting
// unit is the ADOM device the endpoint's id picks [I].
func (d *Dataset) uebaInventory(ai int) ([]uebaEndpoint, map[int][]int, map[int]string) {
	a := &d.adoms[ai]
	base := uebaIDBase + ai*1000
	euids := map[string]int{}
	var names []string
	for _, e := range a.Endpoints {
		n := e.User
		if n == "" {
			n = e.IP
		}
		if _, ok := euids[n]; !ok {
			euids[n] = 0
			names = append(names, n)
		}
	}
	sort.Strings(names)
	byID := map[int]string{}
	for i, n := range names {
		euids[n] = base + 500 + i
		byID[base+500+i] = n
	}
	weights := map[string]int{}
	for _, t := range d.threats {
		for _, ip := range t.Endpoints[a.Name] {
			weights[ip] += levelWeights[t.Level]
		}
	}
	eps := make([]uebaEndpoint, len(a.Endpoints))
	owned := map[int][]int{}
	for i, e := range a.Endpoints {
		n := e.User
		if n == "" {
			n = e.IP
		}
		risk := float64(weights[e.IP]) / 200
		if risk > 1 {
			risk = 1
		}
		epid := base + i
		eps[i] = uebaEndpoint{epid: epid, euid: euids[n], ep: e, euname: n, risk: risk,
			detectkey: a.Devices[epid%len(a.Devices)].Serial}
		owned[euids[n]] = append(owned[euids[n]], epid)
	}
	return eps, owned, byID
}

// idsParam reads an epids/euids list (numbers or numeric strings).
func idsParam(p map[string]any, key string) (map[int]bool, *rpcError) {
	raw, ok := p[key]
	if !ok || raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, invalidParams(key + " must be a list of ids")
	}
	out := map[int]bool{}
	for _, v := range list {
		n, err := strconv.Atoi(fmt.Sprint(v))
		if err != nil {
			return nil, invalidParams(fmt.Sprintf("%s: %v is not an id", key, v))
		}
		out[n] = true
	}
	return out, nil
}

func detailLevel(p map[string]any, allowed ...string) (string, *rpcError) {
	dl := strParam(p, "detail-level")
	if dl == "" {
		return "standard", nil
	}
	if !contains(allowed, dl) {
		return "", invalidParams("detail-level '" + dl + "' not supported")
	}
	return dl, nil
}

// uebaEndpoints serves get /ueba/adom/{adom}/endpoints.
func (s *Server) uebaEndpoints(c *call) (any, *rpcError) {
	ai, err := s.adomOf(c.segs[2])
	if err != nil {
		return nil, err
	}
	dl, err := detailLevel(c.p, "simple", "basic", "standard")
	if err != nil {
		return nil, err
	}
	want, err := idsParam(c.p, "epids")
	if err != nil {
		return nil, err
	}
	eps, _, _ := s.data.uebaInventory(ai)
	rows := []map[string]any{}
	for _, e := range eps {
		if want != nil && !want[e.epid] {
			continue
		}
		r := map[string]any{"epid": strconv.Itoa(e.epid), "epname": e.ep.Hostname}
		if dl == "simple" {
			r["epip"] = e.ep.IP
		} else {
			r["euid"] = strconv.Itoa(e.euid)
			r["user"] = []any{map[string]any{"euid": strconv.Itoa(e.euid), "euname": e.euname}}
			r["detectkey"] = e.detectkey
			r["risk_score"] = strconv.FormatFloat(e.risk, 'f', 4, 64)
			r["importance"] = 0
		}
		rows = append(rows, r)
	}
	return pageRows(c, rows)
}

// uebaEndUsers serves get /ueba/adom/{adom}/endusers.
func (s *Server) uebaEndUsers(c *call) (any, *rpcError) {
	ai, err := s.adomOf(c.segs[2])
	if err != nil {
		return nil, err
	}
	if _, err := detailLevel(c.p, "basic", "standard", "extended"); err != nil {
		return nil, err
	}
	want, err := idsParam(c.p, "euids")
	if err != nil {
		return nil, err
	}
	_, owned, byID := s.data.uebaInventory(ai)
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	rows := []map[string]any{}
	for _, id := range ids {
		if want != nil && !want[id] {
			continue
		}
		epids := make([]any, 0, len(owned[id]))
		for _, ep := range owned[id] {
			epids = append(epids, ep)
		}
		rows = append(rows, map[string]any{"euid": strconv.Itoa(id), "euname": byID[id], "epids": epids,
			"socialid": map[string]any{"data": []any{}}, "importance": 0})
	}
	return pageRows(c, rows)
}

// pageRows applies limit and offset when given (numbers or numeric strings:
// PM sends them as strings, ../shared/faz-api.md); without a limit the whole
// inventory is one answer [I].
func pageRows(c *call, rows []map[string]any) (any, *rpcError) {
	atoi := func(key string) (int, bool, *rpcError) {
		v, ok := c.p[key]
		if !ok || v == nil {
			return 0, false, nil
		}
		n, err := strconv.Atoi(fmt.Sprint(v))
		if err != nil || n < 0 {
			return 0, false, invalidParams(fmt.Sprintf("%s: %v is not a non-negative number", key, v))
		}
		return n, true, nil
	}
	offset, _, err := atoi("offset")
	if err != nil {
		return nil, err
	}
	limit, hasLimit, err := atoi("limit")
	if err != nil {
		return nil, err
	}
	total := len(rows)
	if offset > len(rows) {
		offset = len(rows)
	}
	rows = rows[offset:]
	if hasLimit && limit < len(rows) {
		rows = rows[:limit]
	}
	return map[string]any{"data": rows, "total-count": total, "status": map[string]any{"code": 0, "message": "succeeded"}}, nil
}

// UEBAEndpoint is an endpoint of the simulator's UEBA inventory (for tests).
type UEBAEndpoint struct {
	EPID, EUID int
	Endpoint   Endpoint
	EndUser    string
	DetectKey  string
	RiskScore  string
}

// UEBAEndpoints returns an ADOM's UEBA endpoints (for tests).
func (d *Dataset) UEBAEndpoints(adom string) []UEBAEndpoint {
	ai, ok := d.byADOM[adom]
	if !ok {
		return nil
	}
	eps, _, _ := d.uebaInventory(ai)
	out := make([]UEBAEndpoint, len(eps))
	for i, e := range eps {
		out[i] = UEBAEndpoint{EPID: e.epid, EUID: e.euid, Endpoint: e.ep, EndUser: e.euname, DetectKey: e.detectkey,
			RiskScore: strconv.FormatFloat(e.risk, 'f', 4, 64)}
	}
	return out
}
