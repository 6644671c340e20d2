package fortianalyzer

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
)

// The ORDER BY log_time contract at the SDK's boundary: an engine that pushes the sort order
// (QueryContext.SortOrder, SDK v5.14.1) and a LIMIT gets the rows in that order from the
// appliance's time-order, in one search of LIMIT rows. These tests call the SDK's in-process
// server as an engine does, with the sort order in the request, against the simulator over
// HTTP; e2e/logorder_test.go asks the same through SQL.

var orderNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

type sdkHost struct {
	sim    *fazsim.Server
	server *grpc.PluginServer
}

var serverMu sync.Mutex // plugin.Server swaps process-wide state (os.Stderr, std log)

func newSDKHost(t testing.TB, logRows int) *sdkHost {
	t.Helper()
	sim := fazsim.New(fazsim.Options{End: orderNow, LogRows: logRows})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	pf, closePlugin := NewWithCloser(Options{Now: func() time.Time { return orderNow }})
	t.Cleanup(func() { _ = closePlugin(context.Background()) })
	serverMu.Lock()
	old := os.Stderr
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	os.Stderr = null
	server := plugin.Server(&plugin.ServeOpts{PluginFunc: func(ctx context.Context) *plugin.Plugin {
		p := pf(ctx)
		return p
	}})
	os.Stderr = old
	_ = null.Close()
	serverMu.Unlock()
	res, err := server.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{MaxCacheSizeMb: -1, Configs: []*proto.ConnectionConfig{{
		Connection: "faz", Plugin: "fortianalyzer", PluginShortName: "fortianalyzer", PluginInstance: "fortianalyzer",
		Config: fmt.Sprintf("url = %q\nusername = \"admin\"\npassword = \"fortinet\"\n", srv.URL),
	}}})
	if err != nil || len(res.GetFailedConnections()) > 0 {
		t.Fatalf("connection config: %v %v", err, res.GetFailedConnections())
	}
	if _, err := server.SetCacheOptions(&proto.SetCacheOptionsRequest{Enabled: false, Ttl: 1, MaxSizeMb: 1}); err != nil {
		t.Fatal(err)
	}
	return &sdkHost{sim: sim, server: server}
}

// collectStream is the engine's end of an Execute stream: it keeps every row.
type collectStream struct {
	proto.WrapperPlugin_ExecuteServer
	ctx  context.Context
	mu   sync.Mutex
	rows []*proto.Row
}

func (s *collectStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		s.mu.Lock()
		s.rows = append(s.rows, r.Row)
		s.mu.Unlock()
	}
	return nil
}

func (s *collectStream) Context() context.Context { return s.ctx }

// execute runs one scan of table with the given "=" string quals, sort order and limit,
// and returns the log_time values of its rows.
func (h *sdkHost) execute(t testing.TB, table string, eq map[string][]string, order []*proto.SortColumn, limit int64) []time.Time {
	t.Helper()
	return h.executeColumns(t, table, []string{colLogTime, "srcip"}, eq, order, limit)
}

// executeColumns is execute selecting the given columns (log_time first).
func (h *sdkHost) executeColumns(t testing.TB, table string, columns []string, eq map[string][]string, order []*proto.SortColumn, limit int64) []time.Time {
	t.Helper()
	var out []time.Time
	for _, r := range h.executeRows(t, table, columns, eq, order, limit) {
		c := r.Columns[colLogTime]
		if c == nil || c.GetTimestampValue() == nil {
			t.Fatalf("row without log_time: %v", r)
		}
		out = append(out, c.GetTimestampValue().AsTime())
	}
	return out
}

// executeRows runs one scan and returns the rows as the SDK built them: every column of
// each hydrate that ran, selected or not.
func (h *sdkHost) executeRows(t testing.TB, table string, columns []string, eq map[string][]string, order []*proto.SortColumn, limit int64) []*proto.Row {
	t.Helper()
	qs := map[string]*proto.Quals{}
	for col, vals := range eq {
		var v *proto.QualValue
		if len(vals) == 1 {
			v = &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: vals[0]}}
		} else {
			l := &proto.QualValueList{}
			for _, s := range vals {
				l.Values = append(l.Values, &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: s}})
			}
			v = &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: l}}
		}
		qs[col] = &proto.Quals{Quals: []*proto.Qual{{FieldName: col, Operator: &proto.Qual_StringValue{StringValue: "="}, Value: v}}}
	}
	var lim *proto.NullableInt
	if limit > 0 {
		lim = &proto.NullableInt{Value: limit}
	}
	req := &proto.ExecuteRequest{
		Table: table, Connection: "faz", CallId: fmt.Sprintf("order-%d", time.Now().UnixNano()),
		QueryContext: &proto.QueryContext{Columns: columns, Quals: qs, SortOrder: order,
			Limit: lim, //nolint:staticcheck // deprecated in the proto, still what the SDK reads
		},
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"faz": {Limit: lim}},
	}
	st := &collectStream{ctx: context.Background()}
	if err := h.server.Execute(req, st); err != nil {
		t.Fatalf("execute %s: %v", table, err)
	}
	return st.rows
}

// logSearches is how many log searches the simulator was asked to start.
func (h *sdkHost) logSearches() int {
	n := 0
	for k, v := range h.sim.Stats().Requests {
		if strings.HasPrefix(k, "add ") && strings.HasSuffix(k, "/logsearch") {
			n += v
		}
	}
	return n
}

func sorted(ts []time.Time, desc bool) bool {
	for i := 1; i < len(ts); i++ {
		if (desc && ts[i].After(ts[i-1])) || (!desc && ts[i].Before(ts[i-1])) {
			return false
		}
	}
	return true
}

func TestLogOrderPushedLimitIsOneSearch(t *testing.T) {
	h := newSDKHost(t, 400_000)
	for _, tc := range []struct {
		table string
		order proto.SortOrder
	}{
		{"fortianalyzer_traffic_log", proto.SortOrder_Desc},
		{"fortianalyzer_traffic_log", proto.SortOrder_Asc},
		{"fortianalyzer_log", proto.SortOrder_Desc},
		{"fortianalyzer_ips_log", proto.SortOrder_Asc},
	} {
		t.Run(tc.table+"/"+tc.order.String(), func(t *testing.T) {
			before := h.logSearches()
			got := h.execute(t, tc.table, nil, []*proto.SortColumn{{Column: colLogTime, Order: tc.order}}, 10)
			if n := h.logSearches() - before; n != 1 {
				t.Errorf("%d searches for order by log_time %s limit 10, want 1", n, tc.order)
			}
			if len(got) != 10 {
				t.Fatalf("%d rows, want 10", len(got))
			}
			desc := tc.order == proto.SortOrder_Desc
			if !sorted(got, desc) {
				t.Fatalf("rows not in %s order: %v", tc.order, got)
			}
			// The ten rows are the ten at that end of the default window (1 h).
			all := h.execute(t, tc.table, nil, nil, 0)
			if len(all) <= 10 {
				t.Fatalf("the window holds %d rows; the test needs more than 10", len(all))
			}
			// Without a pushed order the SDK builds rows concurrently and the engine sorts.
			sort.Slice(all, func(i, j int) bool { return all[i].After(all[j]) })
			edge := all[:10]
			if !desc {
				edge = all[len(all)-10:]
				for i, j := 0, len(edge)-1; i < j; i, j = i+1, j-1 {
					edge[i], edge[j] = edge[j], edge[i]
				}
			}
			for i := range got {
				if !got[i].Equal(edge[i]) {
					t.Fatalf("row %d at %s, want %s (the %s end of the window)", i, got[i], edge[i], tc.order)
				}
			}
			if w := all[0].Sub(all[len(all)-1]); w > time.Hour {
				t.Errorf("default window spans %s, want at most default_log_time_range (1h)", w)
			}
		})
	}
}

// TestLogOrderMergesTasks: several tasks (log types, ADOMs) each search in order; the rows
// the engine receives are merged into one order, not interleaved as they arrive.
func TestLogOrderMergesTasks(t *testing.T) {
	h := newSDKHost(t, 400_000)
	var adoms []string
	for _, a := range h.sim.Data().ADOMs() {
		adoms = append(adoms, a.Name)
	}
	if len(adoms) < 2 {
		t.Fatalf("the simulator has %d ADOMs; the test needs two", len(adoms))
	}
	for _, order := range []proto.SortOrder{proto.SortOrder_Desc, proto.SortOrder_Asc} {
		got := h.execute(t, "fortianalyzer_log", map[string][]string{colLogType: {"traffic", "event", "attack"}, colADOM: adoms[:2]},
			[]*proto.SortColumn{{Column: colLogTime, Order: order}}, 0)
		if len(got) < 100 {
			t.Fatalf("%d rows; want a busy hour", len(got))
		}
		if !sorted(got, order == proto.SortOrder_Desc) {
			t.Fatalf("merged rows not in %s order", order)
		}
	}
}

// TestLogTimeOrder: the engine's sort order maps to the search's time-order; without one,
// searches run newest first, as before ORDER BY was pushed down.
func TestLogTimeOrder(t *testing.T) {
	for _, tc := range []struct {
		sort    []*plugin.SortColumn
		want    string
		ordered bool
	}{
		{nil, "desc", false},
		{[]*plugin.SortColumn{{Column: colLogTime, Order: plugin.SortDesc}}, "desc", true},
		{[]*plugin.SortColumn{{Column: colLogTime, Order: plugin.SortAsc}}, "asc", true},
		{[]*plugin.SortColumn{{Column: "srcip", Order: plugin.SortAsc}}, "desc", false},
	} {
		d := &plugin.QueryData{QueryContext: &plugin.QueryContext{SortOrder: tc.sort}}
		if got, ordered := logTimeOrder(d); got != tc.want || ordered != tc.ordered {
			t.Errorf("%v: got %s %v, want %s %v", tc.sort, got, ordered, tc.want, tc.ordered)
		}
	}
}

// TestLogTablesDeclareTimeSort: every log table declares both sort orders on log_time,
// and on no other column.
func TestLogTablesDeclareTimeSort(t *testing.T) {
	p := newPluginState(Options{})
	for _, lt := range logTables() {
		for _, c := range lt.table(p).Columns {
			if c.Name == colLogTime && c.Sort != plugin.SortAll {
				t.Errorf("%s.log_time: sort %s, want asc or desc", lt.Name, c.Sort)
			}
			if c.Name != colLogTime && c.Sort != plugin.SortNone {
				t.Errorf("%s.%s declares a sort order", lt.Name, c.Name)
			}
		}
	}
}

// TestLogTableDocsListPushdowns: every log table has a docs page whose Important notes name
// each of its pushed-down columns and the default window.
func TestLogTableDocsListPushdowns(t *testing.T) {
	for _, lt := range logTables() {
		b, err := os.ReadFile("../docs/tables/" + lt.Name + ".md")
		if err != nil {
			t.Errorf("%s: no docs page: %v", lt.Name, err)
			continue
		}
		doc := string(b)
		notes, _, _ := strings.Cut(doc[strings.Index(doc, "## Important notes")+1:], "## Examples")
		if !strings.Contains(doc, "## Important notes") || !strings.Contains(notes, "default_log_time_range") {
			t.Errorf("%s: the Important notes must state the default window (default_log_time_range)", lt.Name)
		}
		pds := lt.Pushdowns
		if lt.PushdownFor != nil {
			pds = lt.PushdownFor(nil)
		}
		for _, pd := range pds {
			if !strings.Contains(notes, "`"+pd.Column+"`") {
				t.Errorf("%s: pushed-down column %s is not listed in the Important notes", lt.Name, pd.Column)
			}
		}
	}
}

// TestLogPlanRangesAndTypedPushdowns: a typed table's = and range quals become one filter
// with the FortiOS field names, ranges as the grammar's < <= > >=.
func TestLogPlanRangesAndTypedPushdowns(t *testing.T) {
	d := queryData(map[string]*proto.QualValue{"attack_id": {Value: &proto.QualValue_Int64Value{Int64Value: 51205}}, "severity": sqIn("high", "critical")})
	d.Quals["dstport"] = &plugin.KeyColumnQuals{Name: "dstport", Quals: quals.QualSlice{
		{Column: "dstport", Operator: ">=", Value: &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: 1024}}},
		{Column: "dstport", Operator: "<", Value: &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: 2048}}},
	}}
	w := window{Start: orderNow.Add(-time.Hour), End: orderNow}
	tasks, err := planTasks(d, &settings{ADOM: "root"}, ipsLogTable().Pushdowns, func() (window, error) { return w, nil })
	if err != nil || len(tasks) != 1 {
		t.Fatalf("plan: %v %v", tasks, err)
	}
	want := `dstport>="1024" and dstport<"2048" and attackid=="51205" and (severity=="critical" or severity=="high")`
	if tasks[0].Filter != want {
		t.Fatalf("filter\n got %s\nwant %s", tasks[0].Filter, want)
	}
}

// BenchmarkLogColumns: the cost per row of a narrow query (log_time only) against a wide
// one (every column): the detail columns are computed only when selected.
func BenchmarkLogColumns(b *testing.B) {
	h := newSDKHost(b, 2_000_000)
	p := newPluginState(Options{})
	var wide []string
	for _, c := range trafficLogTable().table(p).Columns {
		wide = append(wide, c.Name)
	}
	for _, bc := range []struct {
		name string
		cols []string
	}{{"narrow", []string{colLogTime}}, {"one_detail", []string{colLogTime, "log_id"}},
		{"five_details", []string{colLogTime, "srcip", "dstip", "dstport", "action", "device_name"}}, {"wide", wide}} {
		b.Run(bc.name, func(b *testing.B) {
			rows := 0
			for i := 0; i < b.N; i++ {
				rows += len(h.executeColumns(b, "fortianalyzer_traffic_log", bc.cols, nil, nil, 0))
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(rows), "us/row")
		})
	}
}

// TestLogRowsBuildOnlyWhatIsSelected: the SDK builds every column of each hydrate that ran,
// so what a log row costs is the columns it is built with. A count reads log_time and the
// row's id alone; a detail column brings its group of six; the scope echoes (adom, device,
// filter, ...) come only when named.
func TestLogRowsBuildOnlyWhatIsSelected(t *testing.T) {
	h := newSDKHost(t, 20_000)
	sdkReserved := map[string]bool{"sp_connection_name": true, "sp_ctx": true, "_ctx": true}
	built := func(table string, cols ...string) []string {
		rows := h.executeRows(t, table, cols, nil, nil, 5)
		if len(rows) == 0 {
			t.Fatalf("%s %v: no rows", table, cols)
		}
		var names []string
		for n := range rows[0].Columns {
			if !sdkReserved[n] {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		return names
	}
	list := []string{colEndTime, colLogID, colLogTime, colStartTime}
	for _, tc := range []struct {
		table string
		cols  []string
		want  []string
	}{
		{"fortianalyzer_traffic_log", []string{colLogTime}, list},
		{"fortianalyzer_traffic_log", []string{colLogID}, list},
		{"fortianalyzer_log", []string{colLogTime}, list},
		{"fortianalyzer_traffic_log", []string{colLogTime, "level"}, append([]string{"device_id", "device_name", "level", "message_id", "subtype"}, list...)},
		{"fortianalyzer_traffic_log", []string{colADOM}, append([]string{colADOM, colCaseSensitive, colDevice, colFilter}, list...)},
		{"fortianalyzer_log", []string{colLogType}, append([]string{colADOM, colCaseSensitive, colDevice, colFilter, colLogType}, list...)},
	} {
		want := append([]string(nil), tc.want...)
		sort.Strings(want)
		if got := built(tc.table, tc.cols...); !slices.Equal(got, want) {
			t.Errorf("%s selecting %v: rows built with\n %v\nwant\n %v", tc.table, tc.cols, got, want)
		}
	}
}
