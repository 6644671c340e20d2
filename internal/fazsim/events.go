package fazsim

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

var severityWords = []string{"info", "low", "medium", "high", "critical"}

// alertRows generates an ADOM's event-management alerts: a few per threat
// per day of window, each on an endpoint that hit the threat.
func (d *Dataset) alertRows(ai int) []map[string]any {
	a := &d.adoms[ai]
	perThreat := 1 + int(d.end.Sub(d.start).Hours()/24)*2
	win := d.end.Unix() - d.start.Unix()
	var rows []map[string]any
	for ti := range d.threats {
		t := &d.threats[ti]
		eps := t.Endpoints[a.Name]
		if len(eps) == 0 {
			continue
		}
		for k := 0; k < perThreat; k++ {
			h := mix(d.seed, uint64(ai*100000+ti*1000+k), 91)
			at := d.start.Unix() + int64(h%uint64(win))
			ip := eps[pick(h>>20, len(eps))]
			ep, _ := d.endpoint(a.Name, ip)
			dev := a.Devices[pick(h>>28, len(a.Devices))]
			dst := destCatalog[pick(h>>36, len(destCatalog))]
			id := strconv.FormatInt((int64(ai+1)*1000+int64(ti))*10000+int64(k), 10)
			trig := "Default-Compromised-Host-Detection-IOC-By-Threat"
			if t.LogType == "attack" {
				trig = "Default-Risky-Destination-Detection-By-Threat"
			}
			ack := "no"
			if h>>44%3 == 0 {
				ack = "yes"
			}
			epid := strconv.Itoa(1024 + ai*100 + pick(h>>8, 99))
			rows = append(rows, map[string]any{
				"alertid": id, "alerttime": strconv.FormatInt(at, 10), "firstlogtime": strconv.FormatInt(at-60, 10),
				"lastlogtime": strconv.FormatInt(at, 10), "severity": strconv.Itoa(t.Level), "ackflag": ack,
				"eventtype": t.LogType, "alerttype": "threat", "triggername": trig, "threat": t.Name,
				"subject": fmt.Sprintf("%s detected on %s", t.Name, ep.Hostname), "logdesc": t.Type + " threat detected",
				"extrainfo": "", "devname": dev.Name, "devid": dev.Serial, "csf": "", "epid": epid, "epname": ep.Hostname,
				"epip": ip, "euid": epid, "dstepname": dst.Hostname, "dstepip": dst.IP, "count": strconv.Itoa(1 + pick(h>>50, 20)),
				"groupby1": "threat:" + t.Name, "groupby2": "srcip:" + ip,
				"event_details":   map[string]any{"src_ip": ip, "dst_ip": dst.IP, "host_name": ep.Hostname, "threat": t.Name},
				"target":          []any{map[string]any{"name": "srcip", "value": ip, "asset_value": "0"}},
				"subject_details": map[string]any{"alertid": id, "devs": []any{dev.Serial}, "epids": []any{epid}, "euids": []any{epid}},
			})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i]["alerttime"].(string) > rows[j]["alerttime"].(string) })
	return rows
}

// incidentRows generates an ADOM's incidents: one per high or critical
// threat seen there.
func (d *Dataset) incidentRows(ai int) []map[string]any {
	a := &d.adoms[ai]
	var rows []map[string]any
	seq := ai * 100
	for ti := range d.threats {
		t := &d.threats[ti]
		eps := t.Endpoints[a.Name]
		if len(eps) == 0 || t.Level < 3 {
			continue
		}
		seq++
		h := mix(d.seed, uint64(ai*1000+ti), 92)
		created := d.start.Unix() + int64(h%uint64(d.end.Unix()-d.start.Unix()))
		ep, _ := d.endpoint(a.Name, eps[0])
		cat := map[string]string{"attack": "Intrusion", "virus": "Malware", "webfilter": "Phishing", "dns": "Compromised Host", "traffic": "Compromised Host"}[t.LogType]
		grp, _ := json.Marshal(map[string]any{"threat": t.Name, "srcip": eps})
		epid := strconv.Itoa(1024 + ai*100 + pick(h>>8, 99))
		rows = append(rows, map[string]any{
			"incid": fmt.Sprintf("IN%08d", seq), "name": fmt.Sprintf("%s on %s", t.Name, ep.Hostname),
			"severity": severityWords[t.Level], "status": []string{"new", "analysis", "response", "closed"}[pick(h>>16, 4)],
			"category": cat, "description": fmt.Sprintf("%s (%s) hit by %d endpoint(s)", t.Name, t.Type, len(eps)),
			"createtime": strconv.FormatInt(created, 10), "lastupdate": strconv.FormatInt(created+int64(h>>24%7200), 10),
			"endpoint": eps[0], "reporter": "admin", "lastuser": "admin", "incident_reporter": "admin", "assigned_to": "",
			"remedy_executor": "", "remedy_approver": "", "grpby": string(grp), "epid": epid, "euid": epid,
		})
	}
	return rows
}

// listEvents applies time-range, filter, sort, offset and limit (<= 2000)
// to generated alert or incident rows.
func (s *Server) listEvents(c *call, rows []map[string]any, timeKey string) (any, *rpcError) {
	limit, _, err := limitParam(c.p, 100, 2000)
	if err != nil {
		return nil, err
	}
	offset, _, err := intParam(c.p, "offset", 0)
	if err != nil {
		return nil, err
	}
	filter, ferr := parseFilter(strParam(c.p, "filter"))
	if ferr != nil {
		return nil, errBadFilter
	}
	var lo, hi int64 = 0, 1 << 62
	if _, ok := c.p["time-range"]; ok {
		st, en, _, err := s.timeRange(c, false)
		if err != nil {
			return nil, err
		}
		lo, hi = st.Unix(), en.Unix()
	}
	cs := boolParam(c.p, "case-sensitive")
	var kept []map[string]any
	for _, r := range rows {
		ts, _ := strconv.ParseInt(r[timeKey].(string), 10, 64)
		if ts < lo || ts > hi {
			continue
		}
		if filter != nil && !filter.match(func(f string) (string, bool) {
			v, ok := r[f].(string)
			return v, ok
		}, cs) {
			continue
		}
		kept = append(kept, r)
	}
	total := len(kept)
	if offset > len(kept) {
		offset = len(kept)
	}
	kept = kept[offset:]
	if len(kept) > limit {
		kept = kept[:limit]
	}
	if kept == nil {
		kept = []map[string]any{}
	}
	return map[string]any{"data": kept, "total-count": total, "status": map[string]any{"code": 0, "message": "succeeded"}}, nil
}

func (s *Server) alerts(c *call) (any, *rpcError) {
	ai, err := s.adomOf(c.segs[2])
	if err != nil {
		return nil, err
	}
	return s.listEvents(c, s.data.alertRows(ai), "alerttime")
}

func (s *Server) incidents(c *call) (any, *rpcError) {
	ai, err := s.adomOf(c.segs[2])
	if err != nil {
		return nil, err
	}
	rows := s.data.incidentRows(ai)
	if ids, ok := c.p["incids"].([]any); ok && len(ids) > 0 {
		want := map[string]bool{}
		for _, id := range ids {
			want[fmt.Sprint(id)] = true
		}
		var kept []map[string]any
		for _, r := range rows {
			if want[r["incid"].(string)] {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	if strParam(c.p, "detail-level") == "extended" { // observed: extended drops these
		for i, r := range rows {
			cp := map[string]any{}
			for k, v := range r {
				if k != "severity" && k != "status" {
					cp[k] = v
				}
			}
			rows[i] = cp
		}
	}
	return s.listEvents(c, rows, "createtime")
}

// Alerts returns the generated alerts of an ADOM, newest first (for tests).
func (d *Dataset) Alerts(adom string) []map[string]any {
	if i, ok := d.byADOM[adom]; ok {
		return d.alertRows(i)
	}
	return nil
}

// Incidents returns the generated incidents of an ADOM (for tests).
func (d *Dataset) Incidents(adom string) []map[string]any {
	if i, ok := d.byADOM[adom]; ok {
		return d.incidentRows(i)
	}
	return nil
}
