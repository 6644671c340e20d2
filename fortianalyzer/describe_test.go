package fortianalyzer

import (
	"strings"
	"testing"
)

// TestDescriptionsSayWhatIsPushedDown: a column's description is where a user learns that
// a qual on it goes to the appliance, and the key columns are what really goes; the two
// must agree in every table, both ways.
func TestDescriptionsSayWhatIsPushedDown(t *testing.T) {
	p := &pluginState{}
	// Task parameters and identifiers: key columns whose descriptions say "qual:" without
	// "pushed down", because they are the task's own settings, not filters on its rows.
	params := map[string]bool{colADOM: true, colDevice: true, colStartTime: true, colEndTime: true,
		colFilter: true, colCaseSensitive: true, colTID: true, colLogType: true, colLogTime: true}
	checked := 0
	for name, tbl := range p.tables() {
		if tbl.List == nil {
			continue
		}
		keys := map[string]bool{}
		for _, k := range tbl.List.KeyColumns {
			keys[k.Name] = true
		}
		for _, c := range tbl.Columns {
			says := strings.Contains(c.Description, "pushed down")
			switch {
			case says && !keys[c.Name]:
				t.Errorf("%s.%s says it is pushed down, but it is no key column: %q", name, c.Name, c.Description)
			case !says && keys[c.Name] && !params[c.Name] && !strings.Contains(c.Description, "qual"):
				t.Errorf("%s.%s is a key column whose description names no qual: %q", name, c.Name, c.Description)
			case says:
				checked++
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d pushed-down columns found: the check proves little", checked)
	}
}
