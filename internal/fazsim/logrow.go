package fazsim

import (
	"sort"
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
	if sf := d.devices[r.dev].SilentFor; sf > 0 && r.Itime > d.end.Add(-sf).Unix() {
		r.dev = d.stillLogging(r.dev)
	}
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
	if r.LogType == "event" {
		// Three eighths of the event share are the UTM types without a FortiView of their
		// own (ssl, emailfilter, file-filter: the live catalogue's, catalog.go), one
		// eighth each, drawn from bits no other field reads.
		if k := pick(mix(d.seed, uint64(i), 5), 8); k < len(sparseUTMTypes) {
			r.LogType = sparseUTMTypes[k]
		}
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

// IndexedAt is when the row becomes visible to a log search: its itime plus its indexing
// lag (Options.IndexLag; the itime itself when there is no lag).
func (r LogRow) IndexedAt() time.Time {
	t := time.Unix(r.Itime, 0)
	if r.ds.lagMS <= 0 {
		return t
	}
	return t.Add(time.Duration(int64(mix(r.ds.seed, uint64(r.Index), 7)%uint64(r.ds.lagMS+1))) * time.Millisecond)
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

// stillLogging returns the device of the same ADOM that logs what a silent device would
// have: the next one in the catalogue (the plan gives every ADOM with a silent device
// another one).
func (d *Dataset) stillLogging(silent int) int {
	for k := 1; k < len(d.devices); k++ {
		i := (silent + k) % len(d.devices)
		if d.devices[i].ADOM == d.devices[silent].ADOM && d.devices[i].SilentFor == 0 {
			return i
		}
	}
	return silent
}
