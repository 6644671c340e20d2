package fortianalyzer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

// Helpers building the quals the SDK hands a list hydrate.

func sq(v string) *proto.QualValue {
	return &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}}
}

func sqIn(vs ...string) *proto.QualValue {
	l := &proto.QualValueList{}
	for _, v := range vs {
		l.Values = append(l.Values, sq(v))
	}
	return &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: l}}
}

// queryData builds a QueryData from column -> "=" qual values.
func queryData(eq map[string]*proto.QualValue) *plugin.QueryData {
	d := &plugin.QueryData{Quals: plugin.KeyColumnQualMap{}, EqualsQuals: plugin.KeyColumnEqualsQualMap{}}
	for col, v := range eq {
		d.Quals[col] = &plugin.KeyColumnQuals{Name: col, Quals: quals.QualSlice{{Column: col, Operator: "=", Value: v}}}
		d.EqualsQuals[col] = v
	}
	return d
}

// TestPlanTasks: the quals every task-backed table shares become one task per ADOM x
// device, with one filter from the raw expression and the pushed-down columns.
func TestPlanTasks(t *testing.T) {
	s := &settings{ADOM: "root"}
	w := window{Start: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	pushdowns := []pushdown{{Column: "srcip", Field: "srcip"}, {Column: "user_name", Field: "user"}}
	cases := []struct {
		name    string
		eq      map[string]*proto.QualValue
		window  window
		want    []string // "adom|device|filter" per task, in order
		wantErr string   // a substring; the option or column the error names
	}{
		{name: "no quals: the connection's ADOM, all devices", want: []string{"root||"}},
		{name: "adom in: one task each, sorted", eq: map[string]*proto.QualValue{colADOM: sqIn("b", "a", "b")}, want: []string{"a||", "b||"}},
		{name: "adom x device", eq: map[string]*proto.QualValue{colADOM: sqIn("a", "b"), colDevice: sqIn("FGT1", "FGT2")},
			want: []string{"a|FGT1|", "a|FGT2|", "b|FGT1|", "b|FGT2|"}},
		{name: "pushed columns", eq: map[string]*proto.QualValue{"srcip": sq("10.0.1.5"), "user_name": sqIn("bob", "al")},
			want: []string{`root||srcip=="10.0.1.5" and (user=="al" or user=="bob")`}},
		{name: "raw filter and a pushed column", eq: map[string]*proto.QualValue{colFilter: sq(`action=="deny"`), "srcip": sq("10.0.1.5")},
			want: []string{`root||(action=="deny") and srcip=="10.0.1.5"`}},
		{name: "two filters", eq: map[string]*proto.QualValue{colFilter: sqIn("a==1", "b==2")}, wantErr: "filter"},
		{name: "contradictory window: no task", window: window{Empty: true}, want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resolve := func() (window, error) {
				if tc.window.Empty {
					return tc.window, nil
				}
				return w, nil
			}
			tasks, err := planTasks(queryData(tc.eq), s, pushdowns, resolve)
			if !wantError(t, err, tc.wantErr) {
				return
			}
			var got []string
			for _, tk := range tasks {
				got = append(got, tk.ADOM+"|"+tk.Device+"|"+tk.Filter)
				if !tk.HasWindow || !tk.Window.Start.Equal(w.Start) || !tk.Window.End.Equal(w.End) {
					t.Errorf("task %+v: want the resolved window", tk)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("tasks\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	// A window error is the query's error, and no task is planned.
	boom := errors.New("end_time before start_time")
	if tasks, err := planTasks(queryData(nil), s, nil, func() (window, error) { return window{}, boom }); !errors.Is(err, boom) || tasks != nil {
		t.Fatalf("window error: %v, %v", err, tasks)
	}
}

// TestResolveWindow: the semantics of start_time/end_time quals (which window is asked
// for, when it is empty, when it is an error), not how the bounds are echoed.
func TestResolveWindow(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	h := time.Hour
	cases := []struct {
		name         string
		start, end   []*quals.Qual
		wantStart    time.Time
		wantEnd      time.Time
		empty        bool
		wantErr      string
		defaultRange time.Duration
		maxRange     time.Duration
	}{
		{name: "no quals: the last default_time_range", wantStart: now.Add(-24 * h), wantEnd: now},
		{name: "start only: up to now", start: []*quals.Qual{tq("=", now.Add(-3*h))}, wantStart: now.Add(-3 * h), wantEnd: now},
		{name: "end only: default range before it", end: []*quals.Qual{tq("<=", now.Add(-2*h))}, wantStart: now.Add(-26 * h), wantEnd: now.Add(-2 * h)},
		{name: "both equal bounds", start: []*quals.Qual{tq("=", now.Add(-2*h))}, end: []*quals.Qual{tq("=", now.Add(-h))}, wantStart: now.Add(-2 * h), wantEnd: now.Add(-h)},
		{name: "a lower bound inside the default range keeps it", start: []*quals.Qual{tq(">=", now.Add(-48*h))}, wantStart: now.Add(-24 * h), wantEnd: now},
		{name: "start in the future, no end: empty", start: []*quals.Qual{tq(">=", now.Add(h))}, empty: true},
		{name: "contradictory start bounds: error naming start_time", start: []*quals.Qual{tq(">", now.Add(-h)), tq("<", now.Add(-2*h))}, wantErr: "start_time"},
		{name: "end before start: error naming both", start: []*quals.Qual{tq("=", now.Add(-h))}, end: []*quals.Qual{tq("=", now.Add(-2*h))}, wantErr: "start_time"},
		{name: "over max_time_range: error naming it", start: []*quals.Qual{tq("=", now.Add(-48*h))}, maxRange: 24 * h, wantErr: "max_time_range"},
		{name: "max_time_range 0: no limit", start: []*quals.Qual{tq("=", now.Add(-400*24*h))}, wantStart: now.Add(-400 * 24 * h), wantEnd: now},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			def := tc.defaultRange
			if def == 0 {
				def = 24 * h
			}
			w, err := resolveWindow(tc.start, tc.end, now, def, tc.maxRange)
			if !wantError(t, err, tc.wantErr) {
				return
			}
			if w.Empty != tc.empty {
				t.Fatalf("empty = %v, want %v (%+v)", w.Empty, tc.empty, w)
			}
			if !tc.empty && (!w.Start.Equal(tc.wantStart) || !w.End.Equal(tc.wantEnd)) {
				t.Fatalf("window %s - %s, want %s - %s", w.Start, w.End, tc.wantStart, tc.wantEnd)
			}
		})
	}
}

// wantError checks err against a wanted error substring ("" = no error) and reports
// whether the case goes on to check a result.
func wantError(t *testing.T, err error, want string) bool {
	t.Helper()
	if want != "" {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %v, want one naming %s", err, want)
		}
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	return true
}

// TestSplitInList: a list call the SDK made for one value of an IN list is told apart
// from one that got the whole list, or a plain = qual.
func TestSplitInList(t *testing.T) {
	list := &proto.Quals{Quals: []*proto.Qual{{FieldName: colADOM, Operator: &proto.Qual_StringValue{StringValue: "="}, Value: sqIn("a", "b")}}}
	one := &proto.Quals{Quals: []*proto.Qual{{FieldName: colADOM, Operator: &proto.Qual_StringValue{StringValue: "="}, Value: sq("a")}}}
	cases := []struct {
		name   string
		unsafe *proto.Quals
		eq     *proto.QualValue
		want   string
	}{
		{"split: the query's list, this call's value", list, sq("a"), colADOM},
		{"whole list", list, sqIn("a", "b"), ""},
		{"one value", one, sq("a"), ""},
	}
	for _, c := range cases {
		d := queryData(map[string]*proto.QualValue{colADOM: c.eq})
		d.QueryContext = &plugin.QueryContext{UnsafeQuals: map[string]*proto.Quals{colADOM: c.unsafe}}
		if got := splitInList(d); got != c.want {
			t.Errorf("%s: splitInList = %q, want %q", c.name, got, c.want)
		}
	}
	if got := splitInList(queryData(nil)); got != "" {
		t.Errorf("no query context: %q", got)
	}
}
