package fazsim

import (
	"sort"
	"strconv"
	"time"
)

// LogRow is one generated log record. Rows are a pure function of
// (seed, index): row i is built on demand, never stored, which is what lets
// the simulator serve millions of rows without holding them.
type LogRow struct {
	ds      *Dataset
	Index   int    // position in the time-ordered row sequence
	Itime   int64  // epoch seconds
	LogType string // traffic, event, app-ctrl, webfilter, dns, attack, virus
	dev     int
	vdom    string
	adom    int
	src     int // endpoint index in the ADOM
	dst     int // destCatalog index
	app     int // appCatalog index
	web     int // webCatalog index
	threat  int // threats index or -1
	blocked bool
	policy  int
	h       uint64 // spare randomness for ports and counters
	sent    int64
	rcvd    int64
}

// rowTime returns the epoch time of row i. Times are non-decreasing in i:
// row i falls in slot [i*W/N, (i+1)*W/N) of the window, jittered inside it.
func (d *Dataset) rowTime(i int) int64 {
	wms := d.end.Sub(d.start).Milliseconds()
	if wms <= 0 {
		return d.start.Unix()
	}
	r := int64(mix(d.seed, uint64(i), 1) % uint64(wms))
	ms := (int64(i)*wms + r) / int64(d.rows)
	return d.start.Unix() + ms/1000
}

// IndexRange returns the half-open range [lo, hi) of row indexes whose time
// lies in [start, end] (both inclusive, at second resolution). It is a
// binary search: no row before lo is generated.
func (d *Dataset) IndexRange(start, end time.Time) (lo, hi int) {
	s, e := start.Unix(), end.Unix()
	lo = sort.Search(d.rows, func(i int) bool { return d.rowTime(i) >= s })
	hi = sort.Search(d.rows, func(i int) bool { return d.rowTime(i) > e })
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// Row returns row i (0 <= i < NumRows()).
func (d *Dataset) Row(i int) LogRow {
	h := mix(d.seed, uint64(i), 2)
	r := LogRow{ds: d, Index: i, Itime: d.rowTime(i), threat: -1, h: mix(d.seed, uint64(i), 3)}
	r.dev = pick(h, len(d.devices))
	dev := &d.devices[r.dev]
	r.adom = d.byADOM[dev.ADOM]
	a := &d.adoms[r.adom]
	h2 := splitmix64(h)
	r.vdom = dev.VDOMs[pick(h2>>8, len(dev.VDOMs))]
	w := pick(h2>>20, 100)
	for _, lt := range logTypeWeights {
		if w < lt.weight {
			r.LogType = lt.name
			break
		}
		w -= lt.weight
	}
	h3 := splitmix64(h2)
	r.src = pick(h3, len(a.Endpoints))
	r.dst = pick(h3>>16, len(destCatalog))
	r.app = pick(h3>>24, len(appCatalog))
	r.web = pick(h3>>32, len(webCatalog))
	r.policy = dev.Policies[pick(h3>>40, len(dev.Policies))].ID
	h4 := splitmix64(h3)
	r.sent = 120 + int64(h4%4000)*(1+int64((h4>>12)%48))
	r.rcvd = r.sent * (1 + int64((h4>>20)%9))

	// Threat-bearing share per log type.
	share := threatShare(r.LogType)
	if cands := d.threatsBy[a.Name][r.LogType]; share > 0 && len(cands) > 0 && pick(h4>>28, 100) < share {
		r.threat = cands[pick(h4>>36, len(cands))]
		t := &d.threats[r.threat]
		eps := t.Endpoints[a.Name]
		ip := eps[pick(h4>>44, len(eps))]
		for k := range a.Endpoints {
			if a.Endpoints[k].IP == ip {
				r.src = k
				break
			}
		}
		r.blocked = float64(mix(d.seed, uint64(i), 4)%1000) < t.BlockRate*1000
		if t.AppID != 0 {
			for k := range appCatalog {
				if appCatalog[k].ID == t.AppID {
					r.app = k
				}
			}
		}
	} else if r.LogType == "webfilter" {
		r.blocked = blockedCategories[webCatalog[r.web].CatID]
	} else if r.LogType == "traffic" || r.LogType == "app-ctrl" {
		r.blocked = pick(h4>>50, 100) < 4
	}
	if r.blocked && r.LogType == "traffic" {
		r.rcvd = 0
	}
	return r
}

// Logs calls fn for each row of adom (every ADOM when adom is "") whose
// time lies in [start, end], oldest first, until fn returns false.
func (d *Dataset) Logs(adom string, start, end time.Time, fn func(LogRow) bool) {
	ai := -1
	if adom != "" {
		var ok bool
		if ai, ok = d.byADOM[adom]; !ok {
			return
		}
	}
	lo, hi := d.IndexRange(start, end)
	for i := lo; i < hi; i++ {
		r := d.Row(i)
		if ai >= 0 && r.adom != ai {
			continue
		}
		if !fn(r) {
			return
		}
	}
}

// ADOM returns the row's ADOM name.
func (r LogRow) ADOM() string { return r.ds.adoms[r.adom].Name }

// Device returns the row's device.
func (r LogRow) Device() Device { return r.ds.devices[r.dev] }

// VDOM returns the row's VDOM.
func (r LogRow) VDOM() string { return r.vdom }

// Threat returns the row's threat, if it carries one.
func (r LogRow) Threat() (Threat, bool) {
	if r.threat < 0 {
		return Threat{}, false
	}
	return r.ds.threats[r.threat], true
}

// Blocked reports whether the row's action blocked the traffic.
func (r LogRow) Blocked() bool { return r.blocked }

// SentBytes and RcvdBytes are the traffic counters (0 on non-traffic rows).
func (r LogRow) SentBytes() int64 { return r.sent }

// RcvdBytes is the received byte count.
func (r LogRow) RcvdBytes() int64 { return r.rcvd }

func (r LogRow) endpoint() *Endpoint { return &r.ds.adoms[r.adom].Endpoints[r.src] }

// threatShare is the percentage of rows of a log type that carry a threat.
func threatShare(logType string) int {
	switch logType {
	case "traffic":
		return 4
	case "app-ctrl":
		return 20
	case "webfilter", "dns":
		return 25
	case "attack", "virus":
		return 100
	}
	return 0
}

// actionWords maps a log type to its FortiOS {blocked, passed} action words.
var actionWords = map[string][2]string{
	"traffic": {"deny", "accept"}, "attack": {"dropped", "detected"}, "virus": {"blocked", "passthrough"},
	"webfilter": {"blocked", "passthrough"}, "dns": {"block", "pass"}, "app-ctrl": {"block", "pass"},
}

// action returns the FortiOS action word for the row's type and verdict.
func (r LogRow) action() string {
	p, ok := actionWords[r.LogType]
	if !ok {
		return ""
	}
	if r.blocked {
		return p[0]
	}
	return p[1]
}

// typeSubtype returns FortiOS's type/subtype for the row's log type.
func (r LogRow) typeSubtype() (string, string) {
	switch r.LogType {
	case "traffic":
		return "traffic", "forward"
	case "event":
		return "event", []string{"system", "user", "vpn"}[pick(r.h>>3, 3)]
	case "attack":
		return "utm", "ips"
	default:
		return "utm", r.LogType
	}
}

var eventDescs = []string{"Admin login successful", "Admin logout", "Configuration changed", "SSL VPN tunnel up", "SSL VPN tunnel down", "FortiGuard update succeeded", "Authentication success", "Authentication failed"}

// Field returns the value of a log field as FAZ prints it, and whether the
// row has that field. Fields are computed on demand (filters touch few).
func (r LogRow) Field(name string) (string, bool) {
	var t *Threat
	if r.threat >= 0 {
		t = &r.ds.threats[r.threat]
	}
	traffic := r.LogType != "event"
	switch name {
	case "itime":
		return strconv.FormatInt(r.Itime, 10), true
	case "date":
		return time.Unix(r.Itime, 0).In(r.ds.loc).Format("2006-01-02"), true
	case "time":
		return time.Unix(r.Itime, 0).In(r.ds.loc).Format("15:04:05"), true
	case "eventtime":
		return strconv.FormatInt(r.Itime*1_000_000_000+int64(r.h%1_000_000_000), 10), true
	case "tz":
		return time.Unix(r.Itime, 0).In(r.ds.loc).Format("-0700"), true
	case "id":
		return strconv.FormatUint(uint64(r.Itime)<<24|uint64(r.Index)&0xffffff, 10), true
	case "devid":
		return r.ds.devices[r.dev].Serial, true
	case "devname":
		return r.ds.devices[r.dev].Name, true
	case "vd":
		return r.vdom, true
	case "logid":
		return map[string]string{"traffic": "0000000013", "event": "0100032001", "app-ctrl": "1059028704", "webfilter": "0316013056", "dns": "1501054802", "attack": "0419016384", "virus": "0211008192"}[r.LogType], true
	case "type":
		ty, _ := r.typeSubtype()
		return ty, true
	case "subtype":
		_, st := r.typeSubtype()
		return st, true
	case "level":
		if t != nil {
			return []string{"information", "notice", "warning", "alert", "critical"}[t.Level], true
		}
		return "notice", true
	case "srcip":
		return r.endpoint().IP, true
	case "srcname":
		return r.endpoint().Hostname, true
	case "srccountry":
		return r.endpoint().Country, true
	case "user":
		u := r.endpoint().User
		return u, u != ""
	case "unauthuser":
		u := r.endpoint().User
		return u, u == "" && traffic
	case "action":
		return r.action(), traffic
	}
	if !traffic {
		switch name {
		case "logdesc", "msg":
			return eventDescs[pick(r.h>>9, len(eventDescs))], true
		}
		return "", false
	}
	switch name {
	case "srcport":
		return strconv.Itoa(1024 + pick(r.h>>5, 64000)), true
	case "srcintf":
		return "internal", true
	case "dstintf":
		return "wan1", true
	case "dstip":
		return destCatalog[r.dst].IP, true
	case "dstcountry":
		return destCatalog[r.dst].Country, true
	case "dstport":
		return strconv.Itoa(appCatalog[r.app].Port), true
	case "proto":
		if appCatalog[r.app].Port == 53 || appCatalog[r.app].Port == 123 {
			return "17", true
		}
		return "6", true
	case "service":
		return appCatalog[r.app].Service, true
	case "policyid":
		return strconv.Itoa(r.policy), true
	case "policyname":
		return policyName(r.policy), true
	case "sentbyte":
		return strconv.FormatInt(r.sent, 10), true
	case "rcvdbyte":
		return strconv.FormatInt(r.rcvd, 10), true
	case "sentpkt":
		return strconv.FormatInt(1+r.sent/1400, 10), true
	case "rcvdpkt":
		return strconv.FormatInt(r.rcvd/1400, 10), true
	case "duration":
		return strconv.Itoa(1 + pick(r.h>>11, 600)), true
	case "app":
		return appCatalog[r.app].Name, true
	case "appid":
		return strconv.Itoa(appCatalog[r.app].ID), true
	case "appcat":
		return appCatalog[r.app].Category, true
	case "apprisk":
		return []string{"", "low", "elevated", "medium", "high", "critical"}[appCatalog[r.app].Risk], true
	case "hostname":
		if r.LogType == "webfilter" && t != nil {
			return t.Name, true
		}
		if r.LogType == "webfilter" {
			return webCatalog[r.web].Hostname, true
		}
		return destCatalog[r.dst].Hostname, true
	case "url":
		return "/", r.LogType == "webfilter"
	case "catid":
		if t != nil && r.LogType == "webfilter" {
			return map[string]string{"Malicious Websites": "26", "Proxy Avoidance": "59", "Spam URLs": "86"}[t.Type], true
		}
		return strconv.Itoa(webCatalog[r.web].CatID), r.LogType == "webfilter"
	case "catdesc":
		if t != nil && r.LogType == "webfilter" {
			return t.Type, true
		}
		return webCatalog[r.web].CatDesc, r.LogType == "webfilter"
	case "qname":
		if t != nil && r.LogType == "dns" {
			return t.Name, true
		}
		return destCatalog[r.dst].Hostname, r.LogType == "dns"
	}
	if t == nil {
		return "", false
	}
	switch name {
	case "threat":
		return t.Name, true
	case "threattype":
		return t.Type, true
	case "threatlevel", "crlevel_num":
		return strconv.Itoa(t.Level), true
	case "crlevel":
		return []string{"info", "low", "medium", "high", "critical"}[t.Level], true
	case "threatweight", "crscore":
		return strconv.Itoa(levelWeights[t.Level]), true
	case "attack":
		return t.Name, r.LogType == "attack"
	case "virus":
		return t.Name, r.LogType == "virus"
	case "cve":
		return t.CVE, t.CVE != ""
	}
	return "", false
}

// rowFields lists the fields a row may carry, in output order.
var rowFields = []string{
	"id", "itime", "date", "time", "eventtime", "tz", "devid", "devname", "vd", "logid", "type", "subtype", "level",
	"srcip", "srcport", "srcintf", "srcname", "srccountry", "dstip", "dstport", "dstintf", "dstcountry", "hostname",
	"proto", "service", "action", "policyid", "policyname", "sentbyte", "rcvdbyte", "sentpkt", "rcvdpkt", "duration",
	"user", "unauthuser", "app", "appid", "appcat", "apprisk", "url", "catid", "catdesc", "qname", "logdesc", "msg",
	"threat", "threattype", "threatlevel", "threatweight", "crlevel", "crscore", "attack", "virus", "cve",
}

// Map returns every field the row carries.
func (r LogRow) Map() map[string]string {
	m := make(map[string]string, 40)
	for _, f := range rowFields {
		if v, ok := r.Field(f); ok {
			m[f] = v
		}
	}
	return m
}
