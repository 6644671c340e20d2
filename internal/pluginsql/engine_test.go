package pluginsql

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// openToy opens the toy plugin with the given .spc text (one plain
// connection "toy" when empty).
func openToy(t *testing.T, spc string) (*DB, *toy, *scanLog) {
	t.Helper()
	if spc == "" {
		spc = `connection "toy" {
  plugin = "toy"
  region = "eu"
}`
	}
	conns, err := ParseSPC([]byte(spc))
	if err != nil {
		t.Fatalf("ParseSPC: %v", err)
	}
	ty := newToy()
	sl := &scanLog{}
	db, err := Open(context.Background(), ty.pluginFunc(), conns, Options{OnScan: sl.add})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, ty, sl
}

// scanLog collects ScanInfo reports.
type scanLog struct {
	mu    sync.Mutex
	scans []ScanInfo
}

func (s *scanLog) add(si ScanInfo) {
	s.mu.Lock()
	s.scans = append(s.scans, si)
	s.mu.Unlock()
}

func (s *scanLog) forTable(table string) []ScanInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ScanInfo
	for _, si := range s.scans {
		if si.Table == table {
			out = append(out, si)
		}
	}
	return out
}

// query runs sql and returns rows rendered as strings.
func query(t *testing.T, db *DB, sql string, args ...any) [][]string {
	t.Helper()
	res, err := db.QueryAll(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out := make([][]string, 0, len(res.Rows))
	for _, r := range res.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = fmt.Sprint(v)
		}
		out = append(out, row)
	}
	return out
}

// column extracts column i of rows.
func colOf(rows [][]string, i int) []string {
	out := make([]string, len(rows))
	for j, r := range rows {
		out[j] = r[i]
	}
	return out
}

func TestQualsPushedAndRechecked(t *testing.T) {
	db, ty, _ := openToy(t, "")
	// toy_host ignores the n qual on purpose: SQLite must re-check it.
	rows := query(t, db, `select name from toy_host where kind = 'a' and n > 40 order by name`)
	want := []string{"host42", "host44", "host46", "host48"}
	if got := colOf(rows, 0); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	calls := ty.callsFor("toy_host")
	if len(calls) != 1 {
		t.Fatalf("list calls = %d, want 1", len(calls))
	}
	if want := []string{"kind = a", "n > 40"}; !reflect.DeepEqual(calls[0].Quals, want) {
		t.Errorf("quals = %v, want %v", calls[0].Quals, want)
	}
	// A non-key column and an undeclared operator stay in SQLite.
	ty.reset()
	rows = query(t, db, `select name from toy_host where name = 'host07' and n >= 7`)
	if len(rows) != 1 || rows[0][0] != "host07" {
		t.Fatalf("rows = %v", rows)
	}
	if q := ty.callsFor("toy_host")[0].Quals; len(q) != 0 {
		t.Errorf("quals = %v, want none (name is not a key column, >= not declared for n)", q)
	}
}

func TestRequiredQualFedFromJoin(t *testing.T) {
	db, ty, _ := openToy(t, "")
	for _, sql := range []string{
		`select h.name, c.idx, c.value from toy_host h join toy_child c on c.host = h.name where h.kind = 'b'`,
		`select h.name, c.idx, c.value from toy_child c join toy_host h on c.host = h.name where h.kind = 'b'`,
		`select h.name, c.idx, c.value from toy_child c, toy_host h where h.name = c.host and h.kind = 'b'`,
	} {
		ty.reset()
		rows := query(t, db, sql)
		if len(rows) != 75 {
			t.Fatalf("%s: %d rows, want 75", sql, len(rows))
		}
		seen := map[string]bool{}
		for _, r := range rows {
			// every child row must belong to the outer host it is joined to:
			// a stream reused across Filter calls mixes rows between hosts
			if r[2] != r[0]+"-"+r[1] {
				t.Fatalf("%s: row %v joins another host's child", sql, r)
			}
			seen[r[2]] = true
		}
		if len(seen) != 75 {
			t.Errorf("%s: %d distinct rows, want 75", sql, len(seen))
		}
		calls := ty.callsFor("toy_child")
		if len(calls) != 25 {
			t.Errorf("%s: toy_child list calls = %d, want 25 (one per outer row)", sql, len(calls))
		}
		for _, c := range calls {
			if len(c.Quals) != 1 || !strings.HasPrefix(c.Quals[0], "host = host") {
				t.Errorf("%s: toy_child quals = %v", sql, c.Quals)
			}
		}
	}
}

func TestMissingRequiredQualIsClearError(t *testing.T) {
	db, _, _ := openToy(t, "")
	_, err := db.QueryAll(context.Background(), `select * from toy_child`)
	if err == nil {
		t.Fatal("want an error")
	}
	var perr *PluginError
	if !errors.As(err, &perr) {
		t.Fatalf("error %T %v is not a *PluginError", err, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "host") || !strings.Contains(msg, "required") || strings.Contains(msg, "rpc error") {
		t.Errorf("message %q should name the column and the requirement, without gRPC noise", msg)
	}
}

func TestLimitPushedOnlyWhenSafe(t *testing.T) {
	db, ty, _ := openToy(t, "")
	cases := []struct {
		sql       string
		wantLimit int64
		wantRows  int
	}{
		{`select name from toy_host limit 5`, 5, 5},
		{`select name from toy_host where kind = 'a' limit 5`, 5, 5},
		{`select name from toy_host limit 3 offset 2`, 5, 3},
		{`select name from toy_host order by name limit 5`, -1, 5},
		{`select name from toy_host where name like 'host1%' limit 2`, -1, 2},
		{`select name from toy_host where n >= 3 limit 2`, -1, 2},
		{`select kind, count(*) from toy_host group by kind limit 1`, -1, 1},
	}
	for _, c := range cases {
		ty.reset()
		rows := query(t, db, c.sql)
		if len(rows) != c.wantRows {
			t.Errorf("%s: %d rows, want %d", c.sql, len(rows), c.wantRows)
		}
		calls := ty.callsFor("toy_host")
		if len(calls) != 1 {
			t.Fatalf("%s: %d calls", c.sql, len(calls))
		}
		if calls[0].Limit != c.wantLimit {
			t.Errorf("%s: plugin limit = %d, want %d", c.sql, calls[0].Limit, c.wantLimit)
		}
	}
}

func TestOnlyUsedColumnsAreHydrated(t *testing.T) {
	db, ty, _ := openToy(t, "")
	rows := query(t, db, `select name from toy_host where kind = 'a'`)
	if len(rows) != 25 {
		t.Fatalf("%d rows", len(rows))
	}
	if n := ty.hydrates.Load(); n != 0 {
		t.Errorf("detail hydrate ran %d times for a query not selecting it", n)
	}
	if cols := ty.callsFor("toy_host")[0].Columns; !reflect.DeepEqual(cols, []string{"kind", "name"}) {
		t.Errorf("columns = %v, want [kind name]", cols)
	}
	ty.reset()
	rows = query(t, db, `select name, detail from toy_host where kind = 'a'`)
	if rows[0][1] != "detail-"+rows[0][0] {
		t.Errorf("row = %v", rows[0])
	}
	if n := ty.hydrates.Load(); n != 25 {
		t.Errorf("detail hydrate ran %d times, want 25", n)
	}
	ty.reset()
	rows = query(t, db, `select count(*) from toy_host`)
	if rows[0][0] != "50" || ty.hydrates.Load() != 0 {
		t.Errorf("count = %v, hydrates %d", rows, ty.hydrates.Load())
	}
}

func TestINListReachesPluginAsOneList(t *testing.T) {
	db, ty, sl := openToy(t, "")
	rows := query(t, db, `select name from toy_host where kind in ('a', 'b') and n < 4 order by name`)
	if got, want := colOf(rows, 0), []string{"host00", "host01", "host02", "host03"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	// One scan (one Filter) carries the whole list; the SDK then runs the
	// list function once per value, as it does under Steampipe.
	scans := sl.forTable("toy_host")
	wantQ := []QualInfo{{"kind", "=", "[a b]"}, {"n", "<", "4"}}
	if len(scans) != 1 || !reflect.DeepEqual(scans[0].Quals, wantQ) {
		t.Errorf("scans = %+v, want one scan with quals %v", scans, wantQ)
	}
	var got []string
	for _, c := range ty.callsFor("toy_host") {
		got = append(got, strings.Join(c.Quals, ","))
	}
	sort.Strings(got)
	if want := []string{"kind = a,n < 4", "kind = b,n < 4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("plugin list calls = %v, want %v", got, want)
	}
	ty.reset()
	rows = query(t, db, `select name from toy_host where kind in ('zzz', null)`)
	if len(rows) != 0 {
		t.Errorf("rows = %v", rows)
	}
	ty.reset()
	rows = query(t, db, `select name from toy_host where kind = null`)
	if len(rows) != 0 || len(ty.callsFor("toy_host")) != 0 {
		t.Errorf("= NULL: rows %v, calls %d (a NULL comparison matches nothing, no call needed)", rows, len(ty.callsFor("toy_host")))
	}
}

func TestTimestampsAndJSON(t *testing.T) {
	db, ty, _ := openToy(t, "")
	rows := query(t, db, `select id, ts, attrs->>'user', json_array_length(attrs, '$.tags'), ok, score, src_ip, region
		from toy_event where ts >= '2024-01-01T05:00:00Z' and ts < '2024-01-01 07:00' order by id`)
	want := [][]string{
		{"5", "2024-01-01 05:00:00", "u2", "2", "0", "2.5", "10.0.0.5", "eu"},
		{"6", "2024-01-01 06:00:00", "u0", "2", "1", "3", "10.0.0.6", "eu"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows = %v, want %v", rows, want)
	}
	calls := ty.callsFor("toy_event")
	if wantQ := []string{"ts < 2024-01-01 07:00:00", "ts >= 2024-01-01 05:00:00"}; len(calls) != 1 || !reflect.DeepEqual(calls[0].Quals, wantQ) {
		t.Errorf("calls = %+v, want quals %v", calls, wantQ)
	}
	// unix seconds, and datetime() arithmetic
	rows = query(t, db, `select id from toy_event where ts = 1704085200`)
	if !reflect.DeepEqual(rows, [][]string{{"5"}}) {
		t.Errorf("unix seconds: rows = %v", rows)
	}
	rows = query(t, db, `select count(*) from toy_event where ts > datetime('2024-01-01 23:59:59', '-2 hours')`)
	if !reflect.DeepEqual(rows, [][]string{{"2"}}) {
		t.Errorf("datetime(): rows = %v", rows)
	}
	// JSON values nest as JSON, not as strings
	rows = query(t, db, `select json_object('a', attrs) from toy_event where id = 0`)
	if got := rows[0][0]; got != `{"a":{"tags":["x","y"],"user":"u0"}}` {
		t.Errorf("json_object = %s", got)
	}
	rows = query(t, db, `select count(*) from toy_event e, json_each(e.attrs, '$.tags') j where j.value = 'y'`)
	if rows[0][0] != "24" {
		t.Errorf("json_each count = %v", rows)
	}
	// a bad timestamp in a pushed qual names the column and the forms
	_, err := db.QueryAll(context.Background(), `select id from toy_event where ts > 'yesterday'`)
	if err == nil || !strings.Contains(err.Error(), "ts") || !strings.Contains(err.Error(), "RFC 3339") {
		t.Errorf("bad timestamp error = %v", err)
	}
}

func TestAggregatorAndSchemas(t *testing.T) {
	db, ty, _ := openToy(t, `
connection "toy_a" {
  plugin = "toy"
  region = "a"
}
connection "toy_b" {
  plugin = "toy"
  region = "b"
}
connection "other" {
  plugin = "toy"
  region = "o"
}
connection "toy_all" {
  plugin      = "toy"
  type        = "aggregator"
  connections = ["toy_*"]
}`)
	if db.DefaultConnection() != "toy_all" {
		t.Errorf("default connection = %s, want the aggregator", db.DefaultConnection())
	}
	rows := query(t, db, `select sp_connection_name, region, count(*) from toy_event group by 1, 2 order by 1`)
	want := [][]string{{"toy_a", "a", "24"}, {"toy_b", "b", "24"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("aggregator rows = %v, want %v", rows, want)
	}
	rows = query(t, db, `select distinct region, sp_connection_name from other.toy_event`)
	if !reflect.DeepEqual(rows, [][]string{{"o", "other"}}) {
		t.Errorf("schema-qualified rows = %v", rows)
	}
	rows = query(t, db, `select sp_connection_name, count(*) from toy_event where sp_connection_name = 'toy_b' group by 1`)
	if !reflect.DeepEqual(rows, [][]string{{"toy_b", "24"}}) {
		t.Errorf("filter on sp_connection_name = %v", rows)
	}
	rows = query(t, db, `select distinct sp_ctx->>'connection_name', _ctx->>'connection_name' from toy_a.toy_host`)
	if !reflect.DeepEqual(rows, [][]string{{"toy_a", "toy_a"}}) {
		t.Errorf("context columns = %v", rows)
	}
	rows = query(t, db, `select count(*) from toy_b.toy_event a join toy_all.toy_event b on a.id = b.id`)
	if rows[0][0] != "48" {
		t.Errorf("cross-schema join count = %v", rows)
	}
	// sp_connection_name is hidden from select *
	res, err := db.QueryAll(context.Background(), `select * from toy_host limit 1`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Columns {
		if c.Name == "sp_connection_name" || c.Name == "sp_ctx" || c.Name == "_ctx" {
			t.Errorf("hidden column %s in select *", c.Name)
		}
	}
	_ = ty
}

func TestPluginErrorSurfaces(t *testing.T) {
	db, _, sl := openToy(t, "")
	_, err := db.QueryAll(context.Background(), `select name from toy_fail`)
	var perr *PluginError
	if !errors.As(err, &perr) {
		t.Fatalf("error %T %v is not a *PluginError", err, err)
	}
	if perr.Table != "toy_fail" || !strings.Contains(perr.Msg, errToyFail.Error()) || strings.Contains(perr.Msg, "rpc error") {
		t.Errorf("PluginError = %+v", perr)
	}
	if scans := sl.forTable("toy_fail"); len(scans) != 1 || scans[0].Err == nil {
		t.Errorf("scans = %+v", scans)
	}
	// the DB is usable after an error
	if rows := query(t, db, `select count(*) from toy_host`); rows[0][0] != "50" {
		t.Errorf("after error: %v", rows)
	}
}

func TestResultColumnTypes(t *testing.T) {
	db, _, _ := openToy(t, "")
	res, err := db.QueryAll(context.Background(), `select id, ts, attrs, ok, score, src_ip, region, 1 + 1 as two from toy_event limit 1`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Columns {
		got = append(got, c.Name+":"+c.DeclType)
	}
	want := []string{"id:BIGINT", "ts:TIMESTAMP", "attrs:JSON", "ok:BOOLEAN", "score:DOUBLE", "src_ip:INET", "region:TEXT", "two:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns = %v, want %v", got, want)
	}
	if _, ok := res.Rows[0][0].(int64); !ok {
		t.Errorf("id is %T, want int64", res.Rows[0][0])
	}
	if _, ok := res.Rows[0][4].(float64); !ok {
		t.Errorf("score is %T, want float64", res.Rows[0][4])
	}
}

// executionGoroutines counts goroutines started by startExecution that
// are still alive.
func executionGoroutines() int {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return strings.Count(string(buf[:n]), "created by github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/pluginsql.startExecution")
}

func TestNoExecutionOutlivesItsQuery(t *testing.T) {
	db, _, _ := openToy(t, "")
	query(t, db, `select h.name, c.value from toy_host h join toy_child c on c.host = h.name`)
	query(t, db, `select name from toy_host limit 2`)
	rows, err := db.Query(context.Background(), `select name from toy_block`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	rows.Next()
	running := executionGoroutines()
	_ = rows.Close()
	if running != 1 {
		t.Errorf("%d execution goroutines while a scan ran, want 1", running)
	}
	// cursors wait for Execute to return before they close, so nothing
	// of ours is left running once Rows.Close has returned
	if n := executionGoroutines(); n != 0 {
		t.Errorf("%d execution goroutines still running", n)
	}
}

func TestEarlyCloseCancelsPlugin(t *testing.T) {
	db, ty, sl := openToy(t, "")
	rows, err := db.Query(context.Background(), `select name from toy_block where name like 'row%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close() // a failed check must not leave the DB busy
	for i := 0; i < 3; i++ {
		if !rows.Next() {
			t.Fatalf("row %d: %v", i, rows.Err())
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	waitCancelled(t, ty)
	scans := sl.forTable("toy_block")
	if len(scans) != 1 || scans[0].Rows < 3 {
		t.Errorf("scans = %+v", scans)
	}
}

func TestSQLiteSideLimitStopsEndlessPlugin(t *testing.T) {
	db, ty, sl := openToy(t, "")
	// LIKE stays in SQLite, so LIMIT is not pushed: only closing the cursor
	// once SQLite has its 3 rows can stop this endless scan.
	rows := query(t, db, `select name from toy_block where name like 'row%' limit 3`)
	if len(rows) != 3 {
		t.Fatalf("rows = %v", rows)
	}
	waitCancelled(t, ty)
	if scans := sl.forTable("toy_block"); len(scans) != 1 || scans[0].Limit != -1 {
		t.Errorf("scans = %+v, want one scan without a pushed limit", scans)
	}
}

func TestQueryContextCancel(t *testing.T) {
	db, ty, _ := openToy(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	rows, err := db.Query(ctx, `select name from toy_block`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	cancel()
	for rows.Next() {
	}
	if err := rows.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	_ = rows.Close()
	waitCancelled(t, ty)
}

// waitCancelled waits for toy_block's list function to see its context
// cancelled. The SDK may return from Execute before the list goroutine
// notices, so this waits on the plugin's own signal; the timeout only turns
// a hang into a failure.
func waitCancelled(t *testing.T, ty *toy) {
	t.Helper()
	select {
	case <-ty.blockCancelled:
	case <-time.After(20 * time.Second):
		t.Fatal("plugin context not cancelled when the cursor closed")
	}
}
