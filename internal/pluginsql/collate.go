package pluginsql

import "bytes"

// timeCollation is the collation of timestamp columns. Column values are
// canonical UTC text (TimeLayout); the collation lets the other side of a
// comparison be any accepted timestamp form (RFC 3339, a date, unix
// seconds), as Postgres would after casting the literal to timestamptz.
// Without it, SQLite's re-check of a pushed-down qual would compare text
// and drop rows the plugin rightly returned.
const timeCollation = "sp_time"

// compareTime orders two timestamp texts by time, falling back to bytes
// when either side is not a timestamp.
func compareTime(a, b []byte) int {
	if len(a) == len(TimeLayout) && len(b) == len(TimeLayout) && a[10] == ' ' && b[10] == ' ' {
		return bytes.Compare(a, b) // both canonical: text order is time order
	}
	ta, errA := ParseTime(string(a))
	tb, errB := ParseTime(string(b))
	if errA != nil || errB != nil {
		return bytes.Compare(a, b)
	}
	return ta.Compare(tb)
}
