package fazsim

import (
	"context"
	"sort"
	"strconv"
	"strings"
)

// group accumulates the log rows of one FortiView result row.
type group struct {
	key                   string
	first                 LogRow
	sessions, sent, rcvd  int64
	blocked, passed       int64
	weight, wBlock, wPass int64
	devs                  map[int]map[string]bool
	srcs                  map[string]bool
}

func (g *group) add(r *LogRow) {
	g.sessions++
	g.sent += r.sent
	g.rcvd += r.rcvd
	if r.blocked {
		g.blocked++
	} else {
		g.passed++
	}
	if r.threat >= 0 {
		w := int64(levelWeights[r.ds.threats[r.threat].Level])
		g.weight += w
		if r.blocked {
			g.wBlock += w
		} else {
			g.wPass += w
		}
	}
	if g.devs == nil {
		g.devs = map[int]map[string]bool{}
		g.srcs = map[string]bool{}
	}
	if g.devs[r.dev] == nil {
		g.devs[r.dev] = map[string]bool{}
	}
	g.devs[r.dev][r.vdom] = true
	g.srcs[r.endpoint().IP] = true
}

// fortigate and devvds render the contributing devices like FAZ does:
// comma-joined serials and "SERIAL[vdom]" pairs.
func (g *group) fortigate(ds *Dataset) string {
	var out []string
	for i := range g.devs {
		out = append(out, ds.devices[i].Serial)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func (g *group) devvds(ds *Dataset) string {
	var out []string
	for i, v := range g.devs {
		for vd := range v {
			out = append(out, ds.devices[i].Serial+"["+vd+"]")
		}
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func (g *group) sources() []string {
	out := make([]string, 0, len(g.srcs))
	for ip := range g.srcs {
		out = append(out, ip)
	}
	sort.Strings(out)
	return out
}

// viewDef declares one FortiView: which rows feed it, how they group, what
// the answer rows look like in each dialect.
type viewDef struct {
	name         string
	rows         func(r *LogRow) bool
	key          func(r *LogRow) string
	filterFields []string
	columns      []string // real-dialect row keys (valid sort-by fields)
	seedColumns  []string // seed-dialect row keys
	defaultSort  string
	seedKey      string
	render       func(g *group, ds *Dataset, seed bool, windowSec float64) map[string]any
}

func isTraffic(r *LogRow) bool { return r.LogType == "traffic" }

// bps is the seed documents' "bandwidth": bits per second over the window.
func bps(bytes int64, windowSec float64) int64 {
	if windowSec <= 0 {
		return 0
	}
	return int64(float64(bytes*8) / windowSec)
}

// logTypeCodes are FAZ's numeric log type ids as printed in top-threats.
var logTypeCodes = map[string]string{"traffic": "10", "event": "1", "attack": "4", "virus": "2", "webfilter": "3", "app-ctrl": "5", "dns": "14"}

var views = map[string]*viewDef{
	"top-sources": {
		name: "top-sources", rows: isTraffic, key: func(r *LogRow) string { return r.endpoint().IP },
		filterFields: []string{"srcip"},
		columns:      []string{"srcip", "srcip_hostname", "f_user", "unauthuser", "user", "sessions", "bandwidth", "traffic_in", "traffic_out", "fortigate", "devvds", "srccountry"},
		seedColumns:  []string{"srcip", "hostname", "sessions", "bytes", "bandwidth", "country"},
		defaultSort:  "bandwidth", seedKey: "sources",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			e := g.first.endpoint()
			if seed {
				return map[string]any{"srcip": e.IP, "hostname": e.Hostname, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w), "country": e.Country}
			}
			fuser := e.User
			if fuser == "" {
				fuser = e.IP
			}
			unauth := ""
			if e.User == "" {
				unauth = ""
			}
			return map[string]any{"srcip": e.IP, "srcip_hostname": e.Hostname, "f_user": fuser, "unauthuser": unauth, "user": e.User,
				"sessions": g.sessions, "bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent,
				"fortigate": g.fortigate(ds), "devvds": g.devvds(ds), "srccountry": e.Country}
		},
	},
	"top-destinations": {
		name: "top-destinations", rows: isTraffic, key: func(r *LogRow) string { return destCatalog[r.dst].IP },
		filterFields: []string{"dstip"},
		columns:      []string{"dstip", "dstip_hostname", "dstcountry", "sessions", "bandwidth", "traffic_in", "traffic_out", "fortigate", "devvds"},
		seedColumns:  []string{"dstip", "hostname", "country", "sessions", "bytes", "bandwidth"},
		defaultSort:  "bandwidth", seedKey: "destinations",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			d := destCatalog[g.first.dst]
			if seed {
				return map[string]any{"dstip": d.IP, "hostname": d.Hostname, "country": d.Country, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			return map[string]any{"dstip": d.IP, "dstip_hostname": d.Hostname, "dstcountry": d.Country, "sessions": g.sessions,
				"bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent, "fortigate": g.fortigate(ds), "devvds": g.devvds(ds)}
		},
	},
	"top-applications": {
		name: "top-applications", rows: isTraffic, key: func(r *LogRow) string { return appCatalog[r.app].Group },
		filterFields: []string{"policyid", "policyname"},
		columns:      []string{"app_group", "appcat", "apprisk", "sessions", "bandwidth", "traffic_in", "traffic_out", "fortigate", "devvds"},
		seedColumns:  []string{"app_group", "category", "sessions", "bytes", "bandwidth"},
		defaultSort:  "bandwidth", seedKey: "applications",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			a := appCatalog[g.first.app]
			if seed {
				return map[string]any{"app_group": a.Group, "category": a.Category, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			risk, _ := g.first.Field("apprisk")
			return map[string]any{"app_group": a.Group, "appcat": a.Category, "apprisk": risk, "sessions": g.sessions,
				"bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent, "fortigate": g.fortigate(ds), "devvds": g.devvds(ds)}
		},
	},
	"top-websites": {
		name: "top-websites", rows: func(r *LogRow) bool { return r.LogType == "webfilter" },
		key:         func(r *LogRow) string { v, _ := r.Field("catid"); return v },
		columns:     []string{"catdesc", "catid", "sessions", "session_block", "session_pass", "bandwidth", "fortigate", "devvds"},
		seedColumns: []string{"catdesc", "catid", "sessions", "blocked", "bytes"},
		defaultSort: "sessions", seedKey: "websites",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			desc, _ := g.first.Field("catdesc")
			id, _ := g.first.Field("catid")
			n, _ := strconv.ParseInt(id, 10, 64)
			if seed {
				return map[string]any{"catdesc": desc, "catid": n, "sessions": g.sessions, "blocked": g.blocked, "bytes": g.sent + g.rcvd}
			}
			return map[string]any{"catdesc": desc, "catid": n, "sessions": g.sessions, "session_block": g.blocked, "session_pass": g.passed,
				"bandwidth": g.sent + g.rcvd, "fortigate": g.fortigate(ds), "devvds": g.devvds(ds)}
		},
	},
	"top-countries": {
		name: "top-countries", rows: isTraffic, key: func(r *LogRow) string { return destCatalog[r.dst].Country },
		filterFields: []string{"dstcountry"},
		columns:      []string{"dstcountry", "sessions", "bandwidth", "traffic_in", "traffic_out", "fortigate", "devvds"},
		seedColumns:  []string{"country", "sessions", "bytes", "bandwidth"},
		defaultSort:  "bandwidth", seedKey: "countries",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			c := destCatalog[g.first.dst].Country
			if seed {
				return map[string]any{"country": c, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			return map[string]any{"dstcountry": c, "sessions": g.sessions, "bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent,
				"fortigate": g.fortigate(ds), "devvds": g.devvds(ds)}
		},
	},
	"policy-hits": {
		name: "policy-hits", rows: isTraffic,
		key: func(r *LogRow) string {
			return r.ds.devices[r.dev].Serial + "|" + r.vdom + "|" + strconv.Itoa(r.policy)
		},
		filterFields: []string{"policyid"},
		columns:      []string{"policyid", "policyname", "counts", "bandwidth", "fortigate", "devvds", "device_info"},
		seedColumns:  []string{"policyid", "policyname", "device", "vdom", "hits", "bytes"},
		defaultSort:  "counts", seedKey: "policies",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			r := g.first
			dev := ds.devices[r.dev]
			if seed {
				return map[string]any{"policyid": int64(r.policy), "policyname": policyName(r.policy), "device": dev.Name, "vdom": r.vdom, "hits": g.sessions, "bytes": g.sent + g.rcvd}
			}
			return map[string]any{"policyid": int64(r.policy), "policyname": policyName(r.policy), "counts": g.sessions, "bandwidth": g.sent + g.rcvd,
				"fortigate": dev.Serial, "devvds": dev.Serial + "[" + r.vdom + "]",
				"device_info": map[string]any{"dev_name": dev.Name, "devid": dev.Serial, "vd": r.vdom}}
		},
	},
	"top-threats": {
		name: "top-threats", rows: func(r *LogRow) bool { return r.threat >= 0 },
		key:          func(r *LogRow) string { return r.ds.threats[r.threat].Name },
		filterFields: []string{"threat", "threattype"},
		columns: []string{"logtype", "logtype_str", "threat", "threattype", "threatlevel", "level_s", "threatweight", "threat_block", "threat_pass",
			"incidents", "incident_block", "incident_pass", "fortigate", "devvds", "cve_list", "appid", "obf_url"},
		seedColumns: []string{"threat", "severity", "incidents", "sources", "detected", "blocked"},
		defaultSort: "threatweight", seedKey: "threats",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			t := ds.threats[g.first.threat]
			if seed {
				return map[string]any{"threat": t.Name, "severity": strings.ToLower(levelNames[t.Level]), "incidents": g.sessions,
					"sources": g.sources(), "detected": g.sessions, "blocked": g.blocked}
			}
			obf := ""
			if t.Domain {
				obf = strings.ReplaceAll(t.Name, ".", "[dot]")
			}
			return map[string]any{"logtype": logTypeCodes[t.LogType], "logtype_str": t.LogType, "threat": t.Name, "threattype": t.Type,
				"threatlevel": int64(t.Level), "level_s": levelNames[t.Level], "threatweight": g.weight, "threat_block": g.wBlock, "threat_pass": g.wPass,
				"incidents": g.sessions, "incident_block": g.blocked, "incident_pass": g.passed, "fortigate": g.fortigate(ds), "devvds": g.devvds(ds),
				"cve_list": t.CVE, "appid": int64(t.AppID), "obf_url": obf}
		},
	},
}

// ViewNames lists the FortiView views the simulator serves.
func ViewNames() []string {
	out := make([]string, 0, len(views))
	for n := range views {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// fvQuery is what a FortiView aggregate depends on (its cache key).
type fvQuery struct {
	view    *viewDef
	adom    int
	devs    devSel
	lo, hi  int
	filter  filterExpr
	fstr    string
	cs      bool
	seed    bool
	winSecs float64
}

func (q fvQuery) cacheKey(ds *Dataset) string {
	return strings.Join([]string{q.view.name, strconv.Itoa(q.adom), q.devs.key(ds), strconv.Itoa(q.lo), strconv.Itoa(q.hi),
		q.fstr, strconv.FormatBool(q.cs), strconv.FormatBool(q.seed), strconv.FormatFloat(q.winSecs, 'f', 0, 64)}, "\x00")
}

// aggregate scans rows [q.lo, q.hi) and renders one answer row per group,
// unsorted. The result is shared through the cache: callers must not mutate
// it. A cancelled ctx stops the scan (nothing is cached).
func (s *Server) aggregate(ctx context.Context, q fvQuery) ([]map[string]any, error) {
	key := q.cacheKey(s.data)
	if rows, ok := s.aggs.get(key); ok {
		return rows, nil
	}
	groups := map[string]*group{}
	var order []string
	for i := q.lo; i < q.hi; i++ {
		if (i-q.lo)&0xffff == 0xffff && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r := s.data.Row(i)
		if r.adom != q.adom || !q.view.rows(&r) || !q.devs.matches(&r) {
			continue
		}
		if q.filter != nil && !q.filter.match(r.Field, q.cs) {
			continue
		}
		k := q.view.key(&r)
		g, ok := groups[k]
		if !ok {
			g = &group{key: k, first: r}
			groups[k] = g
			order = append(order, k)
		}
		g.add(&r)
	}
	rows := make([]map[string]any, 0, len(order))
	for _, k := range order {
		rows = append(rows, q.view.render(groups[k], s.data, q.seed, q.winSecs))
	}
	s.aggs.put(key, rows)
	return rows, nil
}

// sortKey is one sort-by entry.
type sortKey struct {
	field string
	desc  bool
}

// sortRows orders rows by keys (numbers numerically). Callers append the
// view's identifying column as a last key so the order is total.
func sortRows(rows []map[string]any, keys []sortKey) []map[string]any {
	out := append([]map[string]any(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool {
		for _, k := range keys {
			c := compareValues(out[i][k.field], out[j][k.field])
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		return false
	})
	return out
}

func compareValues(a, b any) int {
	x, okx := a.(int64)
	y, oky := b.(int64)
	if okx && oky {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(toString(a), toString(b))
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case nil:
		return ""
	}
	return ""
}

// realNumbers converts int64 values to strings, FAZ's apiver-3 habit.
func realNumbers(row map[string]any) map[string]any {
	out := make(map[string]any, len(row))
	for k, v := range row {
		if n, ok := v.(int64); ok {
			out[k] = strconv.FormatInt(n, 10)
		} else {
			out[k] = v
		}
	}
	return out
}
