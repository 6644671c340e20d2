package fazsim

import (
	"fmt"
	"strconv"
	"time"
)

// The SOC views beyond the top-N ones: system events, VPN, cloud applications
// and the *-line time series. Every row field is one of the view's sortable
// fields in the FAZ 7.6.7 spec (spec/fortiview-views.json) unless the
// dataView lists it as an extra field with its source; the values are
// computed from the generated logs [I: no public capture shows a row of these
// views except where cited].

// Event descriptions (logdesc) the views below count.
const (
	descSSLUp   = "SSL VPN tunnel up"
	descSSLDown = "SSL VPN tunnel down"
	descAdmin   = "Admin login successful"
	descConfig  = "Configuration changed"
)

func isEvent(r *LogRow) bool { return r.LogType == "event" }

func isSSLVPN(r *LogRow) bool {
	d := eventDesc(r)
	return d == descSSLUp || d == descSSLDown
}

func isAdminEvent(r *LogRow) bool {
	d := eventDesc(r)
	return d == descAdmin || d == descConfig
}

func isCloud(r *LogRow) bool { return r.LogType == "traffic" && appCatalog[r.app].Cloud }

// socFilterValue resolves the filter fields of the event and VPN views that
// are not log fields: event_name is the event's logdesc; remip (the dial-up
// client's address) is the endpoint's; user_agg and xauthuser_agg the user.
func socFilterValue(r *LogRow, field string) (string, bool) {
	switch field {
	case "event_name":
		d := eventDesc(r)
		return d, d != ""
	case "remip":
		return r.endpoint().IP, true
	case "user_agg", "xauthuser_agg":
		u := r.endpoint().User
		return u, u != ""
	}
	return r.Field(field)
}

func socDataViews() []dataView {
	out := []dataView{
		{def: viewDef{
			// One row per event name and subtype.
			name: "system-events", rows: isEvent,
			key:         func(r *LogRow) string { st, _ := r.Field("subtype"); return eventDesc(r) + "|" + st },
			filterValue: socFilterValue, defaultSort: "counts",
			render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
				st, _ := g.first.Field("subtype")
				id, _ := g.first.Field("logid")
				lv, _ := g.first.Field("level")
				return map[string]any{"event_name": eventDesc(&g.first), "subtype": st, "logid": id, "agg_level": lv,
					"counts": g.sessions, "fortigate": g.fortigate(ds),
					// No source shows these fields' content: sent empty rather than guessed.
					"severity": "", "severity_fgt": "", "severity_s": ""}
			},
		}},
		{def: viewDef{
			// One row per dial-up user and client address: the SSL VPN tunnels
			// it brought up, and the bytes of the tunnels that went down [I].
			name: "ssl-dialup-ipsec", rows: isSSLVPN,
			key:         func(r *LogRow) string { return r.endpoint().User + "|" + r.endpoint().IP },
			filterValue: socFilterValue, defaultSort: "bandwidth",
			render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
				e := g.first.endpoint()
				in, out := g.rcvdOf[descSSLDown], g.sentOf[descSSLDown]
				return map[string]any{"f_user": e.User, "remip": e.IP, "connections": g.descs[descSSLUp],
					"traffic_in": in, "traffic_out": out, "bandwidth": in + out, "end_time": g.last,
					// No source shows these fields' content: sent empty rather than guessed.
					"duration": "", "device_group": "", "vpn_type_group": "", "fv_dtime_tz_conv_e_time_t": ""}
			},
		}},
		{def: viewDef{
			// One row per tunnel end: the vpn-subtype event logs of a device
			// with site-to-site tunnels (tunnelPlan) count as its tunnels'
			// statistics, each log for one tunnel, its bytes the tunnel's and
			// 60 s of uptime [I]. Rows carry vpntunnel (../shared/faz-api.md's
			// view catalogue: "vpntunnel, traffic_in, traffic_out" [L];
			// rstierli/fortianalyzer-mcp masking/fields.py: "vpntunnel
			// (fortiview site-to-site-ipsec) names an IPsec tunnel").
			name: "site-to-site-ipsec", rows: func(r *LogRow) bool { _, ok := tunnelOf(r); return ok },
			key:         func(r *LogRow) string { t, _ := tunnelOf(r); return t.name + "|" + t.local },
			filterValue: tunnelFilterValue, defaultSort: "bandwidth",
			render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
				t, _ := tunnelOf(&g.first)
				return map[string]any{"vpnname": t.name, "vpntunnel": t.name, "locip": t.localIP, "remip": t.remoteIP,
					"traffic_in": g.rcvd, "traffic_out": g.sent, "bandwidth": g.sent + g.rcvd, "duration": 60 * g.sessions}
			},
		}, extraFields: []string{"vpntunnel"}},
		{def: viewDef{
			// One row per cloud application group: its sessions and bytes up
			// (upload_size) and down (download_size) [I].
			name: "top-cloud-applications", rows: isCloud,
			key:         func(r *LogRow) string { return appCatalog[r.app].Group },
			defaultSort: "sessions",
			render: func(g *group, ds *Dataset, seed bool, w float64) map[string]any {
				a := appCatalog[g.first.app]
				return map[string]any{"app_group": a.Group, "appcat": a.Category, "risk": int64(a.Risk), "d_risk": int64(a.Risk),
					"sessions": g.sessions, "session_block": g.blocked, "session_pass": g.passed, "fortigate": g.fortigate(ds),
					"upload_size": g.sent, "download_size": g.rcvd, "total_size": g.sent + g.rcvd,
					// No source shows these fields' content: sent empty rather than guessed.
					"agg_files": "", "num_files": "", "num_download_files": "", "num_upload_files": "", "num_videos": "", "num_loginids": ""}
			},
		}},
	}
	for _, lv := range lineViews {
		out = append(out, dataView{def: viewDef{name: lv.name, rows: lv.rows, line: true, filterValue: lv.filterValue,
			defaultSort: "time", render: lineRow}})
	}
	return out
}

// lineViews are the *-line time series with rows: one row per time bucket of
// the logs behind the view. The others of the spec (SD-WAN, Wi-Fi, ZTNA,
// site-to-site IPsec, ...) have no logs here and answer empty.
var lineViews = []struct {
	name        string
	rows        func(r *LogRow) bool
	filterValue func(r *LogRow, field string) (string, bool)
}{
	{"threat-line", func(r *LogRow) bool { return r.threat >= 0 }, threatFilterValue},
	{"src-dst-threat-line", func(r *LogRow) bool { return r.threat >= 0 }, nil},
	{"country-threat-line", func(r *LogRow) bool { return r.threat >= 0 }, nil},
	{"application-line", isTraffic, nil},
	{"src-dst-line", isTraffic, nil},
	{"country-line", isTraffic, nil},
	{"policy-line", isTraffic, nil},
	{"website-line", func(r *LogRow) bool { return r.LogType == "webfilter" }, nil},
	{"cloud-app-line", isCloud, nil},
	{"system-event-line", isEvent, socFilterValue},
	{"admin-login-line", isAdminEvent, nil},
	{"ssl-dialup-ipsec-line", isSSLVPN, socFilterValue},
	{"site-to-site-ipsec-line", func(r *LogRow) bool { _, ok := tunnelOf(r); return ok }, tunnelFilterValue},
}

// tunnelEnd is a site-to-site tunnel as one of its FortiGates sees it.
type tunnelEnd struct {
	name, local       string // tunnel name, local device serial
	localIP, remoteIP string
}

// tunnelsBySerial lists each device's tunnel ends.
var tunnelsBySerial = func() map[string][]tunnelEnd {
	ip := map[string]string{}
	for _, a := range adomPlan {
		for _, d := range a.devices {
			ip[d.Serial] = d.IP
		}
	}
	out := map[string][]tunnelEnd{}
	for _, t := range tunnelPlan {
		out[t.a] = append(out[t.a], tunnelEnd{t.name, t.a, ip[t.a], ip[t.b]})
		out[t.b] = append(out[t.b], tunnelEnd{t.name, t.b, ip[t.b], ip[t.a]})
	}
	return out
}()

// tunnelOf is the tunnel a vpn-subtype event log of a tunnel's device counts
// for: the row's spare randomness picks one of the device's tunnels.
func tunnelOf(r *LogRow) (tunnelEnd, bool) {
	if r.LogType != "event" {
		return tunnelEnd{}, false
	}
	if st, _ := r.Field("subtype"); st != "vpn" {
		return tunnelEnd{}, false
	}
	ends := tunnelsBySerial[r.ds.devices[r.dev].Serial]
	if len(ends) == 0 {
		return tunnelEnd{}, false
	}
	return ends[pick(r.h>>13, len(ends))], true
}

// tunnelFilterValue resolves the site-to-site views' tunnel fields.
func tunnelFilterValue(r *LogRow, field string) (string, bool) {
	t, ok := tunnelOf(r)
	if ok {
		switch field {
		case "vpnname", "tunnelid":
			return t.name, true
		case "locip":
			return t.localIP, true
		case "remip":
			return t.remoteIP, true
		}
	}
	return r.Field(field)
}

// lineRow renders a time bucket with every measure a line view may carry;
// aggregate keeps the view's own fields. time is the bucket's start in epoch
// seconds (website-line rows: "`time` (epoch seconds, as a string)",
// ../shared/faz-api.md [C: forticrevs/fortianalyzer-grafana-bridge]); the
// score_* fields are the threat score of the bucket's logs per threat level,
// the rest the same counters as the views without a time axis [I].
func lineRow(g *group, ds *Dataset, seed bool, w float64) map[string]any {
	t, _ := strconv.ParseInt(g.key, 10, 64)
	return map[string]any{"time": t,
		"score_critical": g.levelWeight[4], "score_high": g.levelWeight[3], "score_medium": g.levelWeight[2], "score_low": g.levelWeight[1],
		"session_block": g.blocked, "session_pass": g.passed, "traffic_in": g.rcvd, "traffic_out": g.sent,
		"incident_block": g.blocked, "incident_pass": g.passed, "counts": g.sessions,
		"connections": g.descs[descSSLUp], "login_num": g.descs[descAdmin], "login_fail_num": int64(0), "total_change": g.descs[descConfig],
		"upload_size": g.sent, "download_size": g.rcvd}
}

// bucketWidth is the time step of a line view over a window of winSecs: five
// minutes up to two hours, an hour up to two days, else a day [I: the
// appliance's own steps are not recorded; its filter lists a timescale field].
func bucketWidth(winSecs float64) int64 {
	switch {
	case winSecs <= 2*3600:
		return 300
	case winSecs <= 2*86400:
		return 3600
	}
	return 86400
}

// bucket is the start of the time bucket holding itime, as a zero-padded
// epoch (group keys sort as times); day buckets start at the appliance
// zone's midnight.
func (q fvQuery) bucket(itime int64, loc *time.Location) string {
	w := bucketWidth(q.winSecs)
	var start int64
	if w == 86400 {
		t := time.Unix(itime, 0).In(loc)
		start = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).Unix()
	} else {
		start = itime - itime%w
	}
	return fmt.Sprintf("%012d", start)
}
