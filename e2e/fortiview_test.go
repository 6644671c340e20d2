package e2e

import (
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestAnyViewByName walks the simulator's catalogue (every FortiGate view of the FAZ 7.6.7
// spec): each view answers through fortianalyzer_fortiview, with as many rows as the same
// view's typed table where one exists, and a name the appliance does not serve gets its error.
func TestAnyViewByName(t *testing.T) {
	// One query for every view: the plugin runs one task per view, eight at a time (the
	// simulator's search slots), where one query per view would pay each empty answer's
	// confirming reads in a row.
	e := newEnv(t, envOptions{extraHCL: "max_concurrent_tasks = 8\n"})
	served := fazsim.ServedCatalogue()
	if len(served) < 100 {
		t.Fatalf("the simulator serves only %d views", len(served))
	}
	names := fazsim.ViewNames()
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "'" + n + "'"
	}
	counts := map[string]int64{}
	for _, r := range e.mustQuery(`select view, count(*) as n from fortianalyzer_fortiview where view in (` + strings.Join(quoted, ", ") + `) group by view`) {
		counts[r["view"].(string)] = r["n"].(int64)
	}
	withRows := 0
	for _, name := range names {
		n := counts[name]
		if served[name].HasRows {
			if n == 0 {
				t.Errorf("view %s has rows on the simulator, the table returned none", name)
			}
			withRows++
		} else if n != 0 {
			t.Errorf("view %s is served empty, the table returned %d rows", name, n)
		}
	}
	if withRows == 0 {
		t.Fatal("no view with rows was walked")
	}
	// The generic table and the typed one run the same task.
	typed := e.mustQuery(`select count(*) as n from fortianalyzer_top_source`)
	generic := e.mustQuery(`select count(*) as n from fortianalyzer_fortiview where view = 'top-sources'`)
	if typed[0]["n"] != generic[0]["n"] {
		t.Fatalf("top-sources: typed table %v rows, generic %v", typed[0]["n"], generic[0]["n"])
	}
	rows := e.mustQuery(`select view, rank, raw->>'srcip' as srcip from fortianalyzer_fortiview where view in ('top-sources', 'top-threats') and rank = 1`)
	if len(rows) != 2 {
		t.Fatalf("view in (...) should run one task per view, got %v", rows)
	}

	if _, err := e.query(`select * from fortianalyzer_fortiview where view = 'no-such-view'`); err == nil || !strings.Contains(err.Error(), "Cannot find FortiView 'no-such-view'") {
		t.Fatalf("an unknown view should get the appliance's error, got %v", err)
	}
	if _, err := e.query(`select * from fortianalyzer_fortiview where view = '../logview'`); err == nil || !strings.Contains(err.Error(), "view") {
		t.Fatalf("a view name that is not one should be refused naming the column, got %v", err)
	}
	if _, err := e.query(`select * from fortianalyzer_fortiview`); err == nil || !strings.Contains(err.Error(), "view") {
		t.Fatalf("the view qual is required, got %v", err)
	}
}
