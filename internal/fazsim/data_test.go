package fazsim

import (
	"testing"
	"time"
)

func TestDatasetIsDeterministicAndOrdered(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Brussels")
	a := newDataset(7, testEnd, 24*time.Hour, 20_000, loc, 0)
	b := newDataset(7, testEnd, 24*time.Hour, 20_000, loc, 0)
	c := newDataset(8, testEnd, 24*time.Hour, 20_000, loc, 0)
	same, differ := true, false
	for i := 0; i < 20_000; i += 97 {
		ra, rb, rc := a.Row(i).Map(), b.Row(i).Map(), c.Row(i).Map()
		for k, v := range ra {
			same = same && rb[k] == v
		}
		differ = differ || ra["srcip"] != rc["srcip"] || ra["logid"] != rc["logid"]
	}
	if !same || !differ {
		t.Fatalf("same seed equal: %v, other seed differs: %v", same, differ)
	}
	prev := int64(0)
	for i := 0; i < a.NumRows(); i++ {
		ts := a.rowTime(i)
		if ts < prev || ts < a.Start().Unix() || ts > a.End().Unix() {
			t.Fatalf("row %d time %d out of order or window", i, ts)
		}
		prev = ts
	}
	s, e := testEnd.Add(-5*time.Hour), testEnd.Add(-2*time.Hour)
	lo, hi := a.IndexRange(s, e)
	if lo == 0 || hi == a.NumRows() || a.rowTime(lo) < s.Unix() || a.rowTime(lo-1) >= s.Unix() || a.rowTime(hi-1) > e.Unix() || a.rowTime(hi) <= e.Unix() {
		t.Fatalf("IndexRange [%d,%d) wrong", lo, hi)
	}
	// The row's date/time print in the appliance zone.
	r := a.Row(lo)
	d, _ := r.Field("date")
	tm, _ := r.Field("time")
	if got := time.Unix(r.Itime, 0).In(loc).Format("2006-01-02 15:04:05"); got != d+" "+tm {
		t.Fatalf("date/time %s %s, want %s", d, tm, got)
	}
}

func TestDatasetCatalogue(t *testing.T) {
	ds := newDataset(1, testEnd, 7*24*time.Hour, 100_000, time.UTC, 0)
	root, _ := ds.ADOM("root")
	found := false
	for _, d := range root.Devices {
		found = found || d.Serial == "FGT60F3X17000001"
	}
	if !found {
		t.Fatal("the seed's suspicious device is not in root")
	}
	levels := map[int]int{}
	blocked := map[string][2]int{}
	ds.Logs("", ds.Start(), ds.End(), func(r LogRow) bool {
		if th, ok := r.Threat(); ok {
			levels[th.Level]++
			v := blocked[th.Name]
			if r.Blocked() {
				v[0]++
			} else {
				v[1]++
			}
			blocked[th.Name] = v
		}
		return true
	})
	if len(levels) != 5 {
		t.Errorf("severities in logs: %v", levels)
	}
	never := 0
	for _, v := range blocked {
		if v[0] == 0 && v[1] > 0 {
			never++
		}
	}
	if never == 0 {
		t.Error("no threat is detected but never blocked")
	}
	for _, th := range ds.Threats() {
		for _, adom := range th.ADOMs {
			if len(th.Endpoints[adom]) == 0 {
				t.Errorf("%s in %s has no endpoints", th.Name, adom)
			}
		}
	}
}

func TestFilterGrammar(t *testing.T) {
	row := map[string]string{"srcip": "10.0.1.5", "dstport": "443", "app": "YouTube", "action": "deny"}
	get := func(k string) (string, bool) { v, ok := row[k]; return v, ok }
	cases := map[string]bool{
		`srcip=="10.0.1.5"`:                         true,
		`srcip=10.0.1.5`:                            true,
		`srcip!="10.0.1.5"`:                         false,
		`dstport>=443 and dstport<444`:              true,
		`dstport>1000 or app=="youtube"`:            true,
		`!(app=="YouTube")`:                         false,
		`(dstport==80 or dstport==443) action=deny`: true,
		`app like "%tube"`:                          true,
		`app contain "Tube"`:                        false,
		`app !contain "x"`:                          false,
		`app zzqq "x"`:                              false,
		`user=="bob"`:                               false,
		`dstport==0443`:                             true,
	}
	for src, want := range cases {
		e, err := parseFilter(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := e.match(get, false); got != want {
			t.Errorf("%q = %v, want %v", src, got, want)
		}
	}
	if e, _ := parseFilter(`app=="youtube"`); e.match(get, true) {
		t.Error("case-sensitive match ignored case")
	}
	for _, bad := range []string{`srcip not like "1%"`, `srcip !like "1%"`, `srcip nlike "1"`, `(srcip=1`, `srcip==`, "srcip==\"\t\x02\"", `==1`} {
		if _, err := parseFilter(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if e, err := parseFilter("   "); e != nil || err != nil {
		t.Error("blank filter should mean no filter")
	}
}
