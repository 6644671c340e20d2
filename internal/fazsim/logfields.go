package fazsim

import (
	"strconv"
	"time"
)

// logIDs are FortiOS log ids by log type.
var logIDs = map[string]string{"traffic": "0000000013", "event": "0100032001", "app-ctrl": "1059028704", "webfilter": "0316013056",
	"dns": "1501054802", "attack": "0419016384", "virus": "0211008192"}

// threatCatIDs are the web-filter category ids of the web threat types.
var threatCatIDs = map[string]string{"Malicious Websites": "26", "Proxy Avoidance": "59", "Spam URLs": "86"}

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
		return logIDs[r.LogType], true
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
	case "poluuid":
		d := &r.ds.devices[r.dev]
		return policyUUID(d.Serial, r.vdom, r.policy), r.LogType == "traffic"
	case "policytype":
		return "policy", r.LogType == "traffic"
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
			return threatCatIDs[t.Type], true
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
	// FortiOS names the threat per log type: attack (IPS), virus (AV), the
	// host and category on web-filter and DNS logs (above), app on app-ctrl
	// logs, and the threats/threattyps lists on traffic logs; there is no
	// generic "threat" log field.
	switch name {
	case "attack":
		return t.Name, r.LogType == "attack"
	case "severity":
		return []string{"info", "low", "medium", "high", "critical"}[t.Level], r.LogType == "attack"
	case "virus":
		return t.Name, r.LogType == "virus"
	case "threats":
		return t.Name, r.LogType == "traffic"
	case "threattyps":
		return t.Type, r.LogType == "traffic"
	case "threatlvls":
		return strconv.Itoa(t.Level), r.LogType == "traffic"
	case "threatwgts":
		return strconv.Itoa(levelWeights[t.Level]), r.LogType == "traffic"
	case "threatcnts":
		return "1", r.LogType == "traffic"
	case "crlevel":
		return []string{"info", "low", "medium", "high", "critical"}[t.Level], true
	case "crscore":
		return strconv.Itoa(levelWeights[t.Level]), true
	case "cve":
		return t.CVE, t.CVE != "" && r.LogType == "attack"
	}
	return "", false
}

// rowFields lists the fields a row may carry, in output order.
var rowFields = []string{
	"id", "itime", "date", "time", "eventtime", "tz", "devid", "devname", "vd", "logid", "type", "subtype", "level",
	"srcip", "srcport", "srcintf", "srcname", "srccountry", "dstip", "dstport", "dstintf", "dstcountry", "hostname",
	"proto", "service", "action", "policyid", "policyname", "poluuid", "policytype", "sentbyte", "rcvdbyte", "sentpkt", "rcvdpkt", "duration",
	"user", "unauthuser", "app", "appid", "appcat", "apprisk", "url", "catid", "catdesc", "qname", "logdesc", "msg",
	"crlevel", "crscore", "attack", "severity", "virus", "cve", "threats", "threattyps", "threatlvls", "threatwgts", "threatcnts",
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
