package fazsim

import (
	"time"
)

// logStatsRateWindow is the span lograte averages over [I: the spec says "log rate,
// #/second" and no more].
const logStatsRateWindow = 5 * time.Minute

// logStats serves get /logview/adom/{adom}/logstats (FAZ 7.6.7 logview spec): per device
// of the ADOM (or of the "device" filter) and per VDOM, the last log received and the log
// rate, computed from the generated logs.
func (s *Server) logStats(c *call) (any, *rpcError) {
	ai, err := s.adomOf(c.segs[2])
	if err != nil {
		return nil, err
	}
	devs, present, err := s.parseDevices(ai, c.p["device"])
	if err != nil {
		return nil, err
	}
	if !present {
		devs = devSel{}
	}
	ds := s.data
	type key struct {
		dev  int
		vdom string
	}
	last := map[key]int64{}
	recent := map[key]int64{}
	want := 0
	for i, d := range ds.devices {
		if d.ADOM != ds.adoms[ai].Name {
			continue
		}
		for _, vd := range d.VDOMs {
			if v, ok := devs.devs[i]; devs.devs == nil || ok && (v == nil || v[vd]) {
				last[key{i, vd}] = 0
				want++
			}
		}
	}
	// Newest rows first, until every selected device VDOM has been seen.
	cut := ds.end.Add(-logStatsRateWindow).Unix()
	seen := 0
	for i := ds.rows - 1; i >= 0 && (seen < want || ds.rowTime(i) >= cut); i-- {
		r := ds.Row(i)
		k := key{r.dev, r.vdom}
		t, ok := last[k]
		if !ok {
			continue
		}
		if t == 0 {
			last[k] = r.Itime
			seen++
		}
		if r.Itime >= cut {
			recent[k]++
		}
	}
	// The ADOM's disk quota, as the device manager reports it.
	quota := s.adomRow(&ds.adoms[ai])["log_disk_quota"]
	out := []any{}
	for i, d := range ds.devices {
		var vdoms []any
		for _, vd := range d.VDOMs {
			k := key{i, vd}
			t, ok := last[k]
			if !ok {
				continue
			}
			v := map[string]any{"vdom": vd, "adom-quota-MB": quota,
				"lograte": float64(recent[k]) / logStatsRateWindow.Seconds()}
			if t > 0 {
				v["last-log-timestamp"] = t
				v["last-log-time"] = time.Unix(t, 0).In(ds.loc).Format("2006-01-02 15:04:05")
			}
			vdoms = append(vdoms, v)
		}
		if vdoms == nil {
			continue
		}
		out = append(out, map[string]any{"devid": d.Serial, "devname": d.Name, "is-ha": false, "logging-mode": false,
			"status": 1, "vdoms": vdoms})
	}
	return map[string]any{"data": map[string]any{"devs": out}}, nil
}
