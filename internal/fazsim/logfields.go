package fazsim

import (
	"fmt"
	"strconv"
	"strings"
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
		id, ok := logIDs[r.LogType]
		return id, ok
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
		a := r.action()
		return a, traffic && a != ""
	}
	if !traffic {
		switch name {
		case "logdesc", "msg":
			return eventDescs[pick(r.h>>9, len(eventDescs))], true
		}
		v, ok, _ := r.typeField(name, t)
		return v, ok
	}
	if sparseUTM[r.LogType] && !sessionFields[name] {
		// The UTM types without a FortiView carry the session fields and their own.
		v, ok, _ := r.typeField(name, t)
		return v, ok
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
	if v, ok, known := r.typeField(name, t); known {
		return v, ok
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
	// per-type fields (typeField)
	"eventtype", "ui", "cfgpath", "attackid", "ref", "virusid", "dtype", "filename", "cat", "qtype", "qtypeval", "qclass", "ipaddr",
	"sni", "certhash", "from", "to", "sender", "recipient", "subject", "attachment", "size", "filesize", "filetype", "matchfiletype", "filtername",
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

// sparseUTM are the simulator's UTM types without a FortiView (catalog.go sparseUTMTypes).
var sparseUTM = map[string]bool{"ssl": true, "emailfilter": true, "file-filter": true}

// sessionFields are the session fields every traffic and UTM message of the FortiOS Log
// Message Reference lists (see the messages under typeField).
var sessionFields = map[string]bool{"srcport": true, "srcintf": true, "dstip": true, "dstport": true, "dstintf": true,
	"dstcountry": true, "proto": true, "service": true, "policyid": true}

// typeField serves the fields one log type has beside the common ones, as the FortiOS Log
// Message Reference lists them (docs.fortinet.com, fortigate 7.6.0 unless said):
//   - event: ui and cfgpath on config and admin messages (44545 LOGID_EVENT_CONFIG_OBJ,
//     44547 LOGID_EVENT_CONFIG_OBJATTR: ui "User Interface", cfgpath "Configuration path");
//   - attack (IPS): eventtype, attackid, ref (16384 LOGID_ATTCK_SIGNATURE_TCP_UDP; the ref
//     value's form from the sample log in the same reference, "http://www.fortinet.com/ids/VID<attackid>");
//   - virus: eventtype, virusid, dtype, filename, ref (8192 MESGID_INFECT_WARNING and its
//     sample in "Antivirus log support for CEF", 7.0.0: dtype="Virus",
//     ref="http://www.fortinet.com/ve?vn=<virus>");
//   - webfilter: eventtype and cat, the category id beside catdesc (13312
//     LOG_ID_WEB_FTGD_CAT_ALLOW; sample in "Webfilter log support for CEF", 7.0.6:
//     eventtype="ftgd_blk" cat=26 catdesc="Malicious Websites");
//   - dns: qtype, qtypeval, qclass, ipaddr (54000 LOG_ID_DNS_QUERY; ipaddr "IP addresses
//     from DNS response answer section", 54803 LOG_ID_DNS_FTGD_CAT_BLOCK, 6.0.7);
//   - ssl: eventtype, sni, certhash (62300 LOG_ID_SSL_ANOMALY_CERT_BLOCKLISTED, 7.0.7:
//     category ssl-anomaly, certhash of length 40);
//   - emailfilter: from, to, sender, recipient, subject, attachment, size (20509
//     LOGID_ANTISPAM_FTGD_ERR, 7.0.9; attachment of length 3, yes or no);
//   - file-filter: eventtype, filename, filesize, filetype, filtername, matchfiletype (64000
//     LOG_ID_FILE_FILTER_BLOCK, 7.4.0, category file-filter).
//
// A message's eventtype is its reference category (16384: signature, 13312: ftgd_allow,
// 54000: dns-query, as in the references' sample logs).
//
// known reports whether name is one of these fields (then ok says whether this row has it).
func (r LogRow) typeField(name string, t *Threat) (v string, ok, known bool) {
	switch name {
	case "eventtype":
		switch r.LogType {
		case "attack":
			return "signature", true, true
		case "virus":
			return "infected", true, true
		case "webfilter":
			if r.blocked {
				return "ftgd_blk", true, true
			}
			return "ftgd_allow", true, true
		case "dns":
			return "dns-response", true, true
		case "ssl":
			return "ssl-anomaly", true, true
		case "file-filter":
			return "file-filter", true, true
		}
		return "", false, true
	case "sni":
		return destCatalog[r.dst].Hostname, r.LogType == "ssl", true
	case "hostname": // ssl and file-filter rows (the other types' hostname is in Field)
		return destCatalog[r.dst].Hostname, r.LogType == "ssl" || r.LogType == "file-filter", true
	case "certhash":
		if r.LogType != "ssl" {
			return "", false, true
		}
		return fmt.Sprintf("%016x%016x%08x", mix(r.ds.seed, uint64(r.dst), 6), mix(r.ds.seed, uint64(r.dst), 7), uint32(mix(r.ds.seed, uint64(r.dst), 8))), true, true
	case "from", "sender":
		if r.LogType != "emailfilter" {
			return "", false, true
		}
		return []string{"billing@invoices-online.example", "noreply@newsletter.example", "hr@" + mailDomain}[pick(r.h>>21, 3)], true, true
	case "to", "recipient":
		if r.LogType != "emailfilter" {
			return "", false, true
		}
		u := r.endpoint().User
		if u == "" {
			u = "info"
		}
		return u + "@" + mailDomain, true, true
	case "subject":
		return []string{"Your invoice", "Password expiry notice", "Weekly newsletter", "Meeting notes"}[pick(r.h>>21, 4)], r.LogType == "emailfilter", true
	case "attachment":
		if r.LogType != "emailfilter" {
			return "", false, true
		}
		if pick(r.h>>23, 3) == 0 {
			return "yes", true, true
		}
		return "no", true, true
	case "size":
		return strconv.Itoa(2000 + pick(r.h>>25, 200000)), r.LogType == "emailfilter", true
	case "filesize":
		return strconv.Itoa(1024 + pick(r.h>>25, 5_000_000)), r.LogType == "file-filter", true
	case "filetype", "matchfiletype":
		return fileTypes[pick(r.h>>17, len(fileTypes))], r.LogType == "file-filter", true
	case "filtername":
		if r.LogType != "file-filter" {
			return "", false, true
		}
		return "block-" + fileTypes[pick(r.h>>17, len(fileTypes))], true, true
	case "ui":
		if r.LogType != "event" {
			return "", false, true
		}
		// Admin and config messages name the interface and the admin's address.
		if d := eventDescs[pick(r.h>>9, len(eventDescs))]; strings.HasPrefix(d, "Admin") || d == "Configuration changed" {
			return []string{"GUI", "ssh", "jsconsole"}[pick(r.h>>13, 3)] + "(" + r.endpoint().IP + ")", true, true
		}
		return "", false, true
	case "cfgpath":
		if r.LogType == "event" && eventDescs[pick(r.h>>9, len(eventDescs))] == "Configuration changed" {
			return []string{"firewall.policy", "firewall.address", "system.interface", "user.local"}[pick(r.h>>15, 4)], true, true
		}
		return "", false, true
	case "attackid":
		if r.LogType == "attack" && t != nil {
			return strconv.Itoa(signatureID(t.Name)), true, true
		}
		return "", false, true
	case "virusid":
		if r.LogType == "virus" && t != nil {
			return strconv.Itoa(signatureID(t.Name)), true, true
		}
		return "", false, true
	case "ref":
		if t == nil {
			return "", false, true
		}
		switch r.LogType {
		case "attack":
			return "http://www.fortinet.com/ids/VID" + strconv.Itoa(signatureID(t.Name)), true, true
		case "virus":
			return "http://www.fortinet.com/ve?vn=" + t.Name, true, true
		}
		return "", false, true
	case "dtype":
		return "Virus", r.LogType == "virus", true
	case "filename":
		if r.LogType == "virus" {
			return []string{"invoice.pdf.exe", "setup.msi", "report.docm", "update.zip", "eicar.com"}[pick(r.h>>17, 5)], true, true
		}
		if r.LogType == "file-filter" {
			return []string{"setup", "report", "archive", "installer"}[pick(r.h>>27, 4)] + "." + fileTypes[pick(r.h>>17, len(fileTypes))], true, true
		}
		return "", false, true
	case "cat":
		if r.LogType != "webfilter" {
			return "", false, true
		}
		if t != nil {
			return threatCatIDs[t.Type], true, true
		}
		return strconv.Itoa(webCatalog[r.web].CatID), true, true
	case "qtype", "qtypeval", "qclass":
		if r.LogType != "dns" {
			return "", false, true
		}
		// A and AAAA queries, IN class (RFC 1035 / 3596 type values).
		aaaa := pick(r.h>>19, 4) == 0
		switch name {
		case "qtype":
			if aaaa {
				return "AAAA", true, true
			}
			return "A", true, true
		case "qtypeval":
			if aaaa {
				return "28", true, true
			}
			return "1", true, true
		}
		return "IN", true, true
	case "ipaddr":
		if r.LogType != "dns" || r.blocked || pick(r.h>>19, 4) == 0 {
			return "", false, true // no A answer: blocked, or an AAAA query
		}
		return destCatalog[r.dst].IP, true, true
	}
	return "", false, false
}

// fileTypes are file-filter file types as FortiOS names them: options of file-type in
// `config file-filter profile` rules (FortiOS CLI reference).
var fileTypes = []string{"exe", "pdf", "zip", "msoffice"}

// mailDomain is the mail domain of the simulated endpoints' users.
const mailDomain = "corp.example"

// signatureID is a FortiGuard signature id for a threat name: stable per name, in the
// 5-digit range the reference's samples show (attackid=23305, virusid=2172).
func signatureID(name string) int {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	return 1000 + int(h%60000)
}
