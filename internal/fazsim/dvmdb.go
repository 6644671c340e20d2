package fazsim

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The legacy device-manager database: ADOMs and devices, with the legacy
// get options (filter array, fields, range, sortings, option count).

func (s *Server) adomRow(a *ADOM) map[string]any {
	return map[string]any{
		"name": a.Name, "oid": a.OID, "desc": a.Desc, "state": 1, "mode": 1, "os_ver": 7, "mr": 6,
		"restricted_prds": "fos", "flags": 0, "create_time": s.data.start.Add(-90 * 24 * time.Hour).Unix(),
		"uuid": fmt.Sprintf("1b2c3d4e-0000-5000-8000-%012d", a.OID), "tz": s.loc.String(), "workspace_mode": 0,
		"log_db_retention_hours": 1440, "log_disk_quota": 51200, "log_file_retention_hours": 8760,
	}
}

func (s *Server) listADOMs(c *call) (any, *rpcError) {
	var rows []map[string]any
	for i := range s.data.adoms {
		rows = append(rows, s.adomRow(&s.data.adoms[i]))
	}
	return legacySelect(c, rows)
}

func (s *Server) oneADOM(c *call) (any, *rpcError) {
	i, ok := s.data.byADOM[c.segs[2]]
	if !ok {
		return nil, errNoObject
	}
	return s.adomRow(&s.data.adoms[i]), nil
}

func (s *Server) deviceRow(d *Device, idx int) map[string]any {
	var vd []any
	for i, v := range d.VDOMs {
		vd = append(vd, map[string]any{"name": v, "oid": 3 + i, "status": "", "opmode": 1})
	}
	h := mix(s.data.seed, uint64(idx), 77)
	conn := 1 // up
	if d.SilentFor > 0 {
		conn = 2 // down: it stopped logging
	}
	return map[string]any{
		"name": d.Name, "sn": d.Serial, "ip": d.IP, "hostname": d.Name, "platform_str": d.Platform, "os_type": 0,
		"os_ver": 7, "mr": 4, "patch": 5, "build": 2573, "conn_status": conn, "conf_status": 1, "db_status": 1, "dev_status": 1,
		"mgmt_mode": 2, "ha_mode": 0, "ha_slave": nil, "vdom": vd, "desc": d.ADOM + " FortiGate", "adom": d.ADOM,
		"latitude": "50.8503", "longitude": "4.3517", "last_checked": s.data.end.Unix() - int64(h%3600),
		"logdisk_size": 30720, "faz.quota": 10240, "faz.used": int(h % 10240), "oid": 200 + idx,
	}
}

func (s *Server) listDevices(c *call) (any, *rpcError) {
	var rows []map[string]any
	adom := ""
	if len(c.segs) >= 4 {
		adom = c.segs[2]
		if _, ok := s.data.byADOM[adom]; !ok {
			return nil, errNoObject
		}
	}
	for i := range s.data.devices {
		d := &s.data.devices[i]
		if adom != "" && d.ADOM != adom {
			continue
		}
		if len(c.segs) == 5 && d.Name != c.segs[4] && d.Serial != c.segs[4] {
			continue
		}
		rows = append(rows, s.deviceRow(d, i))
	}
	if len(c.segs) == 5 {
		if len(rows) == 0 {
			return nil, errNoObject
		}
		return rows[0], nil
	}
	return legacySelect(c, rows)
}

// legacySelect applies the legacy get options: filter (array dialect,
// ["name","==","root"] or a list of such), fields, range [offset, n],
// sortings, and option "count".
func legacySelect(c *call, rows []map[string]any) (any, *rpcError) {
	if f, ok := c.p["filter"].([]any); ok && len(f) > 0 {
		conds := [][]any{f}
		if _, nested := f[0].([]any); nested {
			conds = nil
			for _, x := range f {
				if l, ok := x.([]any); ok {
					conds = append(conds, l)
				}
			}
		}
		var kept []map[string]any
		for _, r := range rows {
			okAll := true
			for _, cond := range conds {
				okAll = okAll && legacyMatch(r, cond)
			}
			if okAll {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	if sorts, ok := c.p["sortings"].([]any); ok {
		for i := len(sorts) - 1; i >= 0; i-- {
			m, _ := sorts[i].(map[string]any)
			for field, dir := range m {
				d := fmt.Sprint(dir)
				sort.SliceStable(rows, func(a, b int) bool {
					x, y := fmt.Sprint(rows[a][field]), fmt.Sprint(rows[b][field])
					if d == "-1" {
						return x > y
					}
					return x < y
				})
			}
		}
	}
	if strParam(c.p, "option") == "count" {
		return len(rows), nil
	}
	if r, ok := c.p["range"].([]any); ok && len(r) == 2 {
		off, _, _ := intParam(map[string]any{"v": r[0]}, "v", 0)
		n, _, _ := intParam(map[string]any{"v": r[1]}, "v", len(rows))
		if off > len(rows) {
			off = len(rows)
		}
		if off+n < len(rows) {
			rows = rows[off : off+n]
		} else {
			rows = rows[off:]
		}
	}
	if fl, ok := c.p["fields"].([]any); ok && len(fl) > 0 {
		for i, r := range rows {
			keep := map[string]any{"oid": r["oid"], "name": r["name"]}
			for _, f := range fl {
				if name, ok := f.(string); ok {
					if v, ok := r[name]; ok {
						keep[name] = v
					}
				}
			}
			rows[i] = keep
		}
	}
	if rows == nil {
		rows = []map[string]any{}
	}
	return rows, nil
}

func legacyMatch(r map[string]any, cond []any) bool {
	if len(cond) < 3 {
		return true
	}
	field, _ := cond[0].(string)
	op, _ := cond[1].(string)
	got := fmt.Sprint(r[field])
	want := fmt.Sprint(cond[2])
	switch op {
	case "==":
		return got == want
	case "!=":
		return got != want
	case "like":
		return likeMatch(strings.ToLower(got), strings.ToLower(want))
	case "in":
		for _, v := range cond[2:] {
			if fmt.Sprint(v) == got {
				return true
			}
		}
		return false
	}
	return true
}
