package fazsim

import (
	"context"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"time"
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
	users, apps           map[string]bool
	browse, last          int64            // browsing seconds (web), newest itime
	threats               map[int]int64    // hits per threat (threat-detect-summary)
	descs                 map[string]int64 // event logs per logdesc (admin-logins)
	levelWeight           [5]int64         // threat score per threat level, info..critical (*-line views)
	sentOf, rcvdOf        map[string]int64 // bytes per logdesc (ssl-dialup-ipsec)
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
		lv := r.ds.threats[r.threat].Level
		w := int64(levelWeights[lv])
		g.levelWeight[lv] += w
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
	if g.users == nil {
		g.users, g.apps = map[string]bool{}, map[string]bool{}
	}
	if u := r.endpoint().User; u != "" {
		g.users[u] = true
	}
	g.apps[appCatalog[r.app].Name] = true
	if r.LogType == "webfilter" {
		d, _ := r.Field("duration")
		n, _ := strconv.ParseInt(d, 10, 64)
		g.browse += n
	}
	if r.Itime > g.last {
		g.last = r.Itime
	}
	if r.threat >= 0 {
		if g.threats == nil {
			g.threats = map[int]int64{}
		}
		g.threats[r.threat]++
	}
	if r.LogType == "event" {
		if g.descs == nil {
			g.descs = map[string]int64{}
		}
		g.descs[eventDesc(r)]++
		if g.sentOf == nil {
			g.sentOf, g.rcvdOf = map[string]int64{}, map[string]int64{}
		}
		g.sentOf[eventDesc(r)] += r.sent
		g.rcvdOf[eventDesc(r)] += r.rcvd
	}
}

// aggApps renders the group's applications comma-joined, like FAZ's agg_* fields.
func (g *group) aggApps() string {
	out := make([]string, 0, len(g.apps))
	for a := range g.apps {
		out = append(out, a)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// fortigate and devvds render the contributing devices like FAZ does:
// comma-joined serials and "devname[vdom]" pairs (rstierli/fortianalyzer-mcp
// masking/fields.py: devvds packs "<devname>[<vdom>]", comma-joined).
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
			out = append(out, ds.devices[i].Name+"["+vd+"]")
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
// the answer rows look like in each dialect. Names, filter fields and sort
// columns come from the specification (spec.go); rowFields adds the fields
// a cited live capture shows beyond the sortable ones (README.md, "Sources").
type viewDef struct {
	name         string
	rows         func(r *LogRow) bool // nil: served with no rows
	key          func(r *LogRow) string
	filterFields []string // the spec's Filterable Field list, plus cited ones
	columns      []string // the spec's Sortable Field list (valid sort-by fields)
	rowFields    []string // keys of a real-dialect row
	filterValue  func(r *LogRow, field string) (string, bool)
	seedColumns  []string // seed-dialect row keys
	defaultSort  string
	seedKey      string
	render       func(g *group, ds *Dataset, seed bool, windowSec float64) map[string]any
	// line marks a time series (*-line): rows group by time bucket, not key.
	line bool
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

// counters are the measures most views share, under the spec's names.
func (g *group) counters(ds *Dataset) map[string]any {
	return map[string]any{
		"sessions": g.sessions, "session_block": g.blocked, "session_pass": g.passed,
		"bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent,
		"threatweight": g.weight, "threat_block": g.wBlock, "threat_pass": g.wPass,
		"fortigate": g.fortigate(ds), "devvds": g.devvds(ds),
	}
}

func with(m map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// dataView is a view the simulator computes rows for; extra lists the row
// fields beyond the spec's sortable ones, each shown by a cited capture.
type dataView struct {
	def         viewDef
	extraFields []string
	extraFilter []string
}

// dataViews are the views the simulator computes rows for (socviews.go adds
// the SOC views and the *-line time series).
var dataViews = []dataView{
	{def: viewDef{
		name: "top-sources", rows: isTraffic, key: func(r *LogRow) string { return r.endpoint().IP },
		seedColumns: []string{"srcip", "hostname", "sessions", "bytes", "bandwidth", "country"},
		defaultSort: "bandwidth", seedKey: "sources",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			e := g.first.endpoint()
			if seed {
				return map[string]any{"srcip": e.IP, "hostname": e.Hostname, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w), "country": e.Country}
			}
			fuser := e.User // coalesce(user, unauthuser)
			return with(g.counters(ds), "srcip", e.IP, "srcip_hostname", e.Hostname, "f_user", fuser, "unauthuser", "", "user", e.User,
				"srcintf", "internal", "avatar", "", "epeuid", "", "dev_src_agg", e.Hostname+",", "mac_devtype_agg", "")
		},
	}, extraFields: []string{"srcip_hostname", "unauthuser", "user", "devvds"}},
	{def: viewDef{
		name: "top-destinations", rows: isTraffic, key: func(r *LogRow) string { return destCatalog[r.dst].IP },
		seedColumns: []string{"dstip", "hostname", "country", "sessions", "bytes", "bandwidth"},
		defaultSort: "bandwidth", seedKey: "destinations",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			d := destCatalog[g.first.dst]
			if seed {
				return map[string]any{"dstip": d.IP, "hostname": d.Hostname, "country": d.Country, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			return with(g.counters(ds), "dstip", d.IP, "dstip_hostname", d.Hostname, "dstintf", "wan1", "dstmac", "", "agg_app", g.aggApps())
		},
	}, extraFields: []string{"dstip_hostname", "devvds"}},
	{def: viewDef{
		name: "top-applications", rows: isTraffic, key: func(r *LogRow) string { return appCatalog[r.app].Group },
		seedColumns: []string{"app_group", "category", "sessions", "bytes", "bandwidth"},
		defaultSort: "bandwidth", seedKey: "applications",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			a := appCatalog[g.first.app]
			if seed {
				return map[string]any{"app_group": a.Group, "category": a.Category, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			return with(g.counters(ds), "app_group", a.Group, "appcat", a.Category, "risk", int64(a.Risk), "d_risk", int64(a.Risk),
				"num_users", int64(len(g.users)))
		},
	}},
	{def: viewDef{
		name: "top-websites", rows: func(r *LogRow) bool { return r.LogType == "webfilter" },
		key:         func(r *LogRow) string { v, _ := r.Field("catid"); return v },
		seedColumns: []string{"catdesc", "catid", "sessions", "blocked", "bytes"},
		defaultSort: "sessions", seedKey: "websites",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			desc, _ := g.first.Field("catdesc")
			id, _ := g.first.Field("catid")
			n, _ := strconv.ParseInt(id, 10, 64)
			if seed {
				return map[string]any{"catdesc": desc, "catid": n, "sessions": g.sessions, "blocked": g.blocked, "bytes": g.sent + g.rcvd}
			}
			return with(g.counters(ds), "catdesc", desc, "catid", n, "browsetime", g.browse)
		},
	}, extraFields: []string{"catid"}},
	{def: viewDef{
		name: "top-countries", rows: isTraffic, key: func(r *LogRow) string { return destCatalog[r.dst].Country },
		seedColumns: []string{"country", "sessions", "bytes", "bandwidth"},
		defaultSort: "bandwidth", seedKey: "countries",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			c := destCatalog[g.first.dst].Country
			if seed {
				return map[string]any{"country": c, "sessions": g.sessions, "bytes": g.sent + g.rcvd, "bandwidth": bps(g.sent+g.rcvd, w)}
			}
			return with(g.counters(ds), "dstcountry", c)
		},
	}, extraFields: []string{"devvds"}},
	{def: viewDef{
		name: "policy-hits", rows: isTraffic,
		key: func(r *LogRow) string {
			return r.ds.devices[r.dev].Serial + "|" + r.vdom + "|" + strconv.Itoa(r.policy)
		},
		seedColumns: []string{"policyid", "policyname", "device", "vdom", "hits", "bytes"},
		defaultSort: "counts", seedKey: "policies",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			r := g.first
			dev := ds.devices[r.dev]
			if seed {
				return map[string]any{"policyid": int64(r.policy), "policyname": policyName(r.policy), "device": dev.Name, "vdom": r.vdom, "hits": g.sessions, "bytes": g.sent + g.rcvd}
			}
			uuid := policyUUID(dev.Serial, r.vdom, r.policy)
			return map[string]any{"policyid": int64(r.policy), "agg_policyid": int64(r.policy), "policy": policyName(r.policy),
				"agg_poluuid": uuid, "policytype": "policy", "policy_filter": "policyid=" + strconv.Itoa(r.policy),
				"counts": g.sessions, "count_block": g.blocked, "count_pass": g.passed,
				"bandwidth": g.sent + g.rcvd, "traffic_in": g.rcvd, "traffic_out": g.sent,
				"srcintf": "internal", "dstintf": "wan1", "time_stamp": g.last,
				"fortigate": dev.Serial, "devid": dev.Serial, "vd": r.vdom,
				"device_info": map[string]any{"dev_name": dev.Name}}
		},
	}, extraFields: []string{"policyid", "device_info"}},
	{def: viewDef{
		name: "top-threats", rows: func(r *LogRow) bool { return r.threat >= 0 },
		key:         func(r *LogRow) string { return r.ds.threats[r.threat].Name },
		filterValue: threatFilterValue,
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
	}, extraFields: []string{"devvds", "cve_list", "appid", "obf_url"}, extraFilter: []string{"threat"}},
	{def: viewDef{
		// One row per threat, source and destination: who hit the threat, and whom.
		name: "threat-src-dst", rows: func(r *LogRow) bool { return r.threat >= 0 },
		key: func(r *LogRow) string {
			return r.ds.threats[r.threat].Name + "|" + r.endpoint().IP + "|" + threatDst(r)
		},
		filterValue: threatFilterValue, defaultSort: "threatweight",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			t := ds.threats[g.first.threat]
			fgt := g.fortigate(ds)
			return map[string]any{"threat": t.Name, "threatlevel": int64(t.Level), "logtype": logTypeCodes[t.LogType],
				"srcip": g.first.endpoint().IP, "dstip": threatDst(&g.first), "devid": fgt, "fortigate": fgt,
				"threatweight": g.weight, "threat_block": g.wBlock, "threat_pass": g.wPass,
				"incidents": g.sessions, "incident_block": g.blocked, "incident_pass": g.passed}
		},
	}},
	{def: viewDef{
		// Compromised hosts: one row per endpoint that reached a web or DNS indicator
		// (the threats that name a domain), whether or not it was blocked.
		name: "threat-detect-summary", rows: func(r *LogRow) bool { return r.threat >= 0 && r.ds.threats[r.threat].Domain },
		key:         func(r *LogRow) string { return r.endpoint().IP },
		filterValue: endpointFilterValue, defaultSort: "threat_num",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			e := g.first.endpoint()
			inv, _, _ := ds.uebaInventory(g.first.adom)
			ep := inv[g.first.src]
			var bl, cs, score int64
			for ti, n := range g.threats {
				if lv := ds.threats[ti].Level; lv >= 3 {
					bl += n
				} else {
					cs += n
					score += n * int64(levelWeights[lv])
				}
			}
			vds := map[string]bool{}
			for _, v := range g.devs {
				for vd := range v {
					vds[vd] = true
				}
			}
			return map[string]any{"srcip": e.IP, "epname": e.Hostname, "f_user": e.User, "unauthuser": "",
				"fortigate": g.fortigate(ds), "vd": joinKeys(vds), "threat_num": int64(len(g.threats)),
				"bl_count": bl, "cs_count": cs, "cs_score": score,
				"last_detected_time": g.last, "last_detected_time_s": time.Unix(g.last, 0).In(ds.loc).Format("2006-01-02 15:04:05"),
				// The endpoint's and its end user's UEBA ids (ueba.go) [I].
				"epid": strconv.Itoa(ep.epid), "euid": strconv.Itoa(ep.euid),
				// No source shows these fields' content: sent empty rather than guessed.
				"ack_note": "", "ack_time": "", "devtype": "", "fctuid": "", "ip_reversed": "",
				"logtype": "", "logtype_mask": "", "osname": "", "osversion": "", "rescan": "", "srcmac": "", "verdict": "", "verdict_s": ""}
		},
	}},
	{def: viewDef{
		// One row per user and source address with failed authentications.
		name: "failed-authentication-attempts", rows: func(r *LogRow) bool { return eventDesc(r) == "Authentication failed" },
		key:         func(r *LogRow) string { return r.endpoint().User + "|" + r.endpoint().IP },
		defaultSort: "total_num",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			st, _ := g.first.Field("subtype")
			id, _ := g.first.Field("logid")
			return map[string]any{"user_src": g.first.endpoint().User, "src_ip": g.first.endpoint().IP, "total_num": g.sessions,
				"subtype": st, "agg_logid": id, "fortigate": g.fortigate(ds),
				// No source shows these fields' content: sent empty rather than guessed.
				"login_type": "", "logintype": "", "int_tunnelname": "", "logview_filter": ""}
		},
	}},
	{def: viewDef{
		// One row per administrator: logins and configuration changes.
		name: "admin-logins",
		rows: func(r *LogRow) bool {
			d := eventDesc(r)
			return d == "Admin login successful" || d == "Configuration changed"
		},
		key:         func(r *LogRow) string { return r.endpoint().User },
		defaultSort: "login_num",
		render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
			return map[string]any{"f_user": g.first.endpoint().User, "login_num": g.descs["Admin login successful"],
				"login_fail_num": int64(0), "total_change": g.descs["Configuration changed"], "fortigate": g.fortigate(ds),
				"duration": ""}
		},
	}},
}

// eventDesc is an event log's logdesc ("" for other log types).
func eventDesc(r *LogRow) string {
	if r.LogType != "event" {
		return ""
	}
	d, _ := r.Field("logdesc")
	return d
}

// threatDst is the destination of a threat-bearing log: its dstip, or for log types
// without one the destination it was generated for.
func threatDst(r *LogRow) string {
	if ip, ok := r.Field("dstip"); ok {
		return ip
	}
	return destCatalog[r.dst].IP
}

// endpointFilterValue resolves threat-detect-summary's endpoint fields.
func endpointFilterValue(r *LogRow, field string) (string, bool) {
	if field == "epname" {
		return r.endpoint().Hostname, true
	}
	return r.Field(field)
}

func joinKeys(m map[string]bool) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// threatFilterValue resolves top-threats' filter fields, which name the
// threat itself rather than a log field (each log type names it differently).
func threatFilterValue(r *LogRow, field string) (string, bool) {
	if r.threat < 0 {
		return "", false
	}
	t := &r.ds.threats[r.threat]
	switch field {
	case "threat", "threat_s":
		return t.Name, true
	case "threattype_s":
		return t.Type, true
	case "threatlevel_s":
		return strconv.Itoa(t.Level), true
	case "logtype":
		return logTypeCodes[t.LogType], true
	}
	return r.Field(field)
}

// policyUUID is a stable per-policy uuid (FortiOS's poluuid).
func policyUUID(serial, vdom string, id int) string {
	f := fnv.New64a()
	f.Write([]byte(serial + "|" + vdom))
	h := mix(int64(f.Sum64()), uint64(id), 0x901)
	h2 := splitmix64(h)
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0x0fff|0x5000, uint16(h2>>48)&0x3fff|0x8000, h2&0xffffffffffff)
}

// views is the catalogue: every FortiGate view of the specification, with
// rows for dataViews and an empty, well-formed answer for the rest.
var views = buildViews()

func buildViews() map[string]*viewDef {
	spec := SpecCatalogue()
	out := make(map[string]*viewDef, len(spec))
	for name, sv := range spec {
		out[name] = &viewDef{name: name, filterFields: sv.Filterable, columns: sv.Sortable, rowFields: sv.Sortable,
			seedKey: "data", seedColumns: sv.Sortable}
	}
	all := append(append([]dataView(nil), dataViews...), socDataViews()...)
	for i := range all {
		dv := &all[i]
		sv, ok := spec[dv.def.name]
		if !ok {
			panic("fazsim: data view " + dv.def.name + " is not in the specification")
		}
		def := dv.def
		if def.seedKey == "" {
			// Views the seed documents never show answer under data, like the empty ones.
			def.seedKey, def.seedColumns = "data", sv.Sortable
		}
		def.filterFields = union(sv.Filterable, dv.extraFilter)
		def.columns = sv.Sortable
		def.rowFields = union(sv.Sortable, dv.extraFields)
		out[def.name] = &def
	}
	return out
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range [][]string{a, b} {
		for _, s := range l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
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

// aggRow is one rendered answer row and the group key that identifies it.
type aggRow struct {
	key string
	m   map[string]any
}

// aggregate scans rows [q.lo, q.hi) and renders one answer row per group,
// unsorted. The result is shared through the cache: callers must not mutate
// it. A cancelled ctx stops the scan (nothing is cached).
func (s *Server) aggregate(ctx context.Context, q fvQuery) ([]aggRow, error) {
	if q.view.rows == nil {
		return nil, nil
	}
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
		if q.filter != nil && !q.filter.match(q.view.getter(&r), q.cs) {
			continue
		}
		var k string
		if q.view.line {
			k = q.bucket(r.Itime, s.data.loc)
		} else {
			k = q.view.key(&r)
		}
		g, ok := groups[k]
		if !ok {
			g = &group{key: k, first: r}
			groups[k] = g
			order = append(order, k)
		}
		g.add(&r)
	}
	rows := make([]aggRow, 0, len(order))
	for _, k := range order {
		m := q.view.render(groups[k], s.data, q.seed, q.winSecs)
		if !q.seed {
			m = project(m, q.view.rowFields)
		}
		rows = append(rows, aggRow{key: k, m: m})
	}
	s.aggs.put(key, rows)
	return rows, nil
}

// project keeps the fields a view's rows carry (the shared counters hold
// more than every view has).
func project(m map[string]any, fields []string) map[string]any {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		if v, ok := m[f]; ok {
			out[f] = v
		}
	}
	return out
}

// getter is the field lookup the view's filter evaluates on a log row.
func (v *viewDef) getter(r *LogRow) func(string) (string, bool) {
	return func(f string) (string, bool) {
		if f == "app_group" {
			// FAZ's application group, which its views aggregate by.
			return appCatalog[r.app].Group, r.LogType == "traffic" || r.LogType == "app-ctrl"
		}
		if f == "f_user" {
			// FAZ's f_user: the user, else the unauthenticated user name.
			if u, ok := r.Field("user"); ok {
				return u, true
			}
			return r.Field("unauthuser")
		}
		if v.filterValue != nil {
			return v.filterValue(r, f)
		}
		return r.Field(f)
	}
}

// sortKey is one sort-by entry.
type sortKey struct {
	field string
	desc  bool
}

// sortRows orders rows by keys (numbers numerically), then by group key so
// the order is total and pages repeat.
func sortRows(rows []aggRow, keys []sortKey) []map[string]any {
	cp := append([]aggRow(nil), rows...)
	sort.SliceStable(cp, func(i, j int) bool {
		for _, k := range keys {
			c := compareValues(cp[i].m[k.field], cp[j].m[k.field])
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		return cp[i].key < cp[j].key
	})
	out := make([]map[string]any, len(cp))
	for i, r := range cp {
		out[i] = r.m
	}
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
