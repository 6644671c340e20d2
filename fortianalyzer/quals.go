package fortianalyzer

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

// Column names shared by every task-backed table: the quals a task is computed under,
// echoed on each row so results of several ADOMs, devices or windows can be told apart.
const (
	colADOM          = "adom"
	colDevice        = "device"
	colStartTime     = "start_time"
	colEndTime       = "end_time"
	colFilter        = "filter"
	colCaseSensitive = "case_sensitive"
	colTID           = "tid"
)

// allDevicesAliases are the spellings users (and the FAZ GUI, docs and peers) use for "every
// device"; any of them selects all devices and is echoed back as given.
var allDevicesAliases = map[string]bool{
	"all": true, "all_devices": true, "all_device": true, "all_fortigate": true,
}

// qualStrings returns the `=` values of a string column: one value, or the members of an
// IN list, deduplicated and in a stable order so fan-out is deterministic.
func qualStrings(d *plugin.QueryData, col string) []string {
	kq := d.Quals[col]
	if kq == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, q := range kq.Quals {
		if q.Operator != quals.QualOperatorEqual {
			continue
		}
		for _, v := range qualValues(q.Value) {
			s := qualValueString(v)
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// pushdownValues is qualStrings for a pushed-down column, refusing what the appliance's
// filter cannot express the way SQL compares it: an inet network (10.0.1.0/24) is equal to
// no address, in Postgres as in SQLite, so pushing its address alone would be wrong, and
// the answer could only be empty.
func pushdownValues(d *plugin.QueryData, col string) ([]string, error) {
	if kq := d.Quals[col]; kq != nil {
		for _, q := range kq.Quals {
			if q.Operator != quals.QualOperatorEqual {
				continue
			}
			for _, v := range qualValues(q.Value) {
				in := v.GetInetValue()
				if in == nil {
					continue
				}
				if a, err := netip.ParseAddr(in.GetAddr()); err == nil && int(in.GetMask()) < a.BitLen() && in.GetMask() > 0 {
					return nil, fmt.Errorf("%s: = '%s' compares whole addresses and no %s equals a network; give one address such as %s (in Postgres, a subnet is matched with %s << '%s', which is not pushed down)",
						col, in.GetCidr(), col, a, col, in.GetCidr())
				}
			}
		}
	}
	return qualStrings(d, col), nil
}

func qualValues(v *proto.QualValue) []*proto.QualValue {
	if l := v.GetListValue(); l != nil {
		return l.Values
	}
	return []*proto.QualValue{v}
}

func qualValueString(v *proto.QualValue) string {
	switch x := v.Value.(type) {
	case *proto.QualValue_StringValue:
		return x.StringValue
	case *proto.QualValue_InetValue:
		return x.InetValue.GetAddr()
	case *proto.QualValue_Int64Value:
		return fmt.Sprint(x.Int64Value)
	case *proto.QualValue_BoolValue:
		return fmt.Sprint(x.BoolValue)
	default:
		return v.String()
	}
}

// window is the time range a task covers, plus the exact bounds to echo on each row.
type window struct {
	Start, End time.Time
	// Empty is set when the window starts in the future: nothing can have been logged.
	// (Bounds that contradict each other are an error, see resolveWindow.)
	Empty bool
}

// Seconds is the window's length, for per-second averages.
func (w window) Seconds() float64 { return w.End.Sub(w.Start).Seconds() }

// resolveWindow turns start_time/end_time quals into a window. Each bound starts from its
// default and is moved by the quals on its column so that the echoed value satisfies every
// one of them: the SQL engine re-checks quals against the row, so an echoed bound that
// failed its own qual would silently drop every row. `>` and `<` move by one second, the
// appliance's resolution.
func resolveWindow(startQ, endQ []*quals.Qual, now time.Time, defaultRange, maxRange time.Duration) (window, error) {
	var w window

	end, endEmpty := boundFromQuals(now, endQ)
	startDefault := end.Add(-defaultRange)
	if len(endQ) == 0 && hasLowerBound(startQ) {
		// Only a start given: the window runs from it up to now.
		end = now
	}
	start, startEmpty := boundFromQuals(startDefault, startQ)
	// Contradictory bounds are refused rather than answered with no rows: they are almost
	// always a typo (swapped bounds), and log_time bounds, which narrow the same window,
	// must behave the same as start_time and end_time ones.
	for _, b := range []struct {
		empty bool
		qs    []*quals.Qual
		col   string
	}{{startEmpty, startQ, colStartTime}, {endEmpty, endQ, colEndTime}} {
		if b.empty {
			return w, fmt.Errorf("%s: the bounds contradict each other (%s): no time satisfies them all", qualColumns(b.qs, b.col), describeTimeQuals(b.qs, b.col))
		}
	}
	if len(endQ) == 0 && start.After(end) {
		// A start in the future with no end: nothing can have been logged yet.
		endEmpty = true
	}
	w.Start, w.End, w.Empty = start, end, endEmpty
	if w.Empty {
		return w, nil
	}
	if !w.End.After(w.Start) {
		var cols, desc []string
		for _, side := range []struct {
			qs  []*quals.Qual
			col string
		}{{startQ, colStartTime}, {endQ, colEndTime}} {
			if len(side.qs) > 0 {
				cols = append(cols, qualColumns(side.qs, side.col))
				desc = append(desc, describeTimeQuals(side.qs, side.col))
			}
		}
		return w, fmt.Errorf("%s: the bounds contradict each other (%s): the window would end (%s) before it starts (%s)",
			strings.Join(cols, "/"), strings.Join(desc, " and "), fmtTime(w.End), fmtTime(w.Start))
	}
	if maxRange > 0 && w.End.Sub(w.Start) > maxRange {
		return w, fmt.Errorf("the window from start_time %s to end_time %s is %s long, over max_time_range (%s): narrow it, or raise max_time_range in the connection config",
			fmtTime(w.Start), fmtTime(w.End), human(w.End.Sub(w.Start)), human(maxRange))
	}
	return w, nil
}

// qualColumns names the columns quals came from ("start_time", "log_time", ...); def names
// a qual that does not say.
func qualColumns(qs []*quals.Qual, def string) string {
	var cols []string
	for _, q := range qs {
		if c := qualColumn(q, def); !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	return strings.Join(cols, "/")
}

func qualColumn(q *quals.Qual, def string) string {
	if q.Column != "" {
		return q.Column
	}
	return def
}

func describeTimeQuals(qs []*quals.Qual, def string) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = fmt.Sprintf("%s %s %s", qualColumn(q, def), q.Operator, fmtTime(q.Value.GetTimestampValue().AsTime()))
	}
	return strings.Join(parts, " and ")
}

func timeQuals(d *plugin.QueryData, col string) []*quals.Qual {
	kq := d.Quals[col]
	if kq == nil {
		return nil
	}
	return kq.Quals
}

func hasLowerBound(qs []*quals.Qual) bool {
	for _, q := range qs {
		switch q.Operator {
		case quals.QualOperatorEqual, quals.QualOperatorGreater, quals.QualOperatorGreaterOrEqual:
			return true
		}
	}
	return false
}

// boundFromQuals applies =, >, >=, <, <= quals to a default instant. It reports empty when
// no instant satisfies them all.
func boundFromQuals(def time.Time, qs []*quals.Qual) (time.Time, bool) {
	var lo, hi *time.Time
	var eq []time.Time
	for _, q := range qs {
		t := q.Value.GetTimestampValue().AsTime()
		switch q.Operator {
		case quals.QualOperatorEqual:
			eq = append(eq, t)
		case quals.QualOperatorGreater:
			t = t.Add(time.Second)
			fallthrough
		case quals.QualOperatorGreaterOrEqual:
			if lo == nil || t.After(*lo) {
				lo = &t
			}
		case quals.QualOperatorLess:
			t = t.Add(-time.Second)
			fallthrough
		case quals.QualOperatorLessOrEqual:
			if hi == nil || t.Before(*hi) {
				hi = &t
			}
		}
	}
	v := def
	if len(eq) > 0 {
		v = eq[0]
		for _, e := range eq[1:] {
			if !e.Equal(v) {
				return v, true
			}
		}
		if (lo != nil && v.Before(*lo)) || (hi != nil && v.After(*hi)) {
			return v, true
		}
		return v, false
	}
	if lo != nil && v.Before(*lo) {
		v = *lo
	}
	if hi != nil && v.After(*hi) {
		v = *hi
	}
	if lo != nil && hi != nil && lo.After(*hi) {
		return v, true
	}
	return v, false
}

func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }

// human prints durations the way the config accepts them (7d, not 168h0m0s).
func human(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return strings.TrimSuffix(strings.TrimSuffix(d.Round(time.Second).String(), "0s"), "0m")
}

// isSerial tells a FortiGate/FortiAnalyzer serial number (FGT60F3X17000001, FG100FTK19000001,
// FGVM01TM19000001) from a device name: FAZ needs serials under `devid` and names under
// `devname`, and answers "None of the device(s) can be found" for the wrong one.
func isSerial(s string) bool {
	if len(s) < 12 || len(s) > 20 || s[0] != 'F' {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'A' && r <= 'Z':
		default:
			return false
		}
	}
	return digits >= 6
}

// validIP reports whether s parses as an IPv4/IPv6 address, for INET columns: a value that
// is not an address must become NULL rather than break the query.
func validIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// rangeQuals returns a column's < <= > >= quals (a pushdown with Ranges puts them into the
// filter).
func rangeQuals(d *plugin.QueryData, col string) []*quals.Qual {
	var out []*quals.Qual
	if kq := d.Quals[col]; kq != nil {
		for _, q := range kq.Quals {
			switch q.Operator {
			case quals.QualOperatorLess, quals.QualOperatorLessOrEqual, quals.QualOperatorGreater, quals.QualOperatorGreaterOrEqual:
				out = append(out, q)
			}
		}
	}
	return out
}
