package e2e

import (
	"strings"
	"testing"
)

// TestTitleAndAkas: the tables whose rows are resources carry Steampipe's standard title
// (and akas where an identifier is unique beyond one appliance: a device's serial).
func TestTitleAndAkas(t *testing.T) {
	e := newEnv(t, envOptions{})
	for _, q := range []string{
		"select name as want, title from fortianalyzer_adom",
		"select name as want, title from fortianalyzer_device",
		"select subject as want, title from fortianalyzer_alert where start_time = '" + fazTime(fixedNow.AddDate(0, 0, -7)) + "'",
		"select name as want, title from fortianalyzer_incident where start_time = '" + fazTime(fixedNow.AddDate(0, 0, -7)) + "'",
	} {
		rows := e.mustQuery(q)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", q)
		}
		for _, r := range rows {
			if r["title"] == nil || r["title"] != r["want"] {
				t.Fatalf("%s: title %v, want %v", q, r["title"], r["want"])
			}
		}
	}
	for _, r := range e.mustQuery("select serial, akas from fortianalyzer_device") {
		akas, _ := r["akas"].(string)
		if want := `["fortigate:` + r["serial"].(string) + `"]`; strings.ReplaceAll(akas, " ", "") != want {
			t.Fatalf("akas %q, want %s", akas, want)
		}
	}
}
