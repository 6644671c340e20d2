package fazsim

import (
	"strings"
	"testing"
	"time"
)

// TestTypeFieldsBelongToTheirTypes: each per-type field (typeField) is on the rows of the
// log types whose FortiOS messages list it, on every such row where it is unconditional,
// and on no row of another type.
func TestTypeFieldsBelongToTheirTypes(t *testing.T) {
	d := newDataset(7, testEnd, 24*time.Hour, 60_000, time.UTC, 0)
	fields := map[string]struct {
		types  string // the log types that may carry it
		always bool   // every row of those types has it
	}{
		"eventtype": {"attack virus webfilter dns ssl file-filter", true},
		"ui":        {"event", false}, "cfgpath": {"event", false},
		"attackid": {"attack", true}, "virusid": {"virus", true}, "dtype": {"virus", true}, "ref": {"attack virus", true},
		"filename": {"virus file-filter", true}, "cat": {"webfilter", true},
		"qtype": {"dns", true}, "qtypeval": {"dns", true}, "qclass": {"dns", true}, "ipaddr": {"dns", false},
		"sni": {"ssl", true}, "certhash": {"ssl", true},
		"from": {"emailfilter", true}, "to": {"emailfilter", true}, "sender": {"emailfilter", true}, "recipient": {"emailfilter", true},
		"subject": {"emailfilter", true}, "attachment": {"emailfilter", true}, "size": {"emailfilter", true},
		"filesize": {"file-filter", true}, "filetype": {"file-filter", true}, "matchfiletype": {"file-filter", true}, "filtername": {"file-filter", true},
	}
	seen := map[string]map[string]int{}
	rowsOf := map[string]int{}
	for i := 0; i < d.NumRows(); i++ {
		r := d.Row(i)
		rowsOf[r.LogType]++
		m := r.Map()
		for f, want := range fields {
			_, has := m[f]
			mine := strings.Contains(" "+want.types+" ", " "+r.LogType+" ")
			if has && !mine {
				t.Fatalf("row %d (%s) has %s, a field of %s logs", i, r.LogType, f, want.types)
			}
			if !has && mine && want.always {
				t.Fatalf("row %d (%s) lacks %s", i, r.LogType, f)
			}
			if has {
				if seen[f] == nil {
					seen[f] = map[string]int{}
				}
				seen[f][r.LogType]++
			}
		}
		// The UTM types without a FortiView carry no traffic counters or application.
		if sparseUTM[r.LogType] {
			for _, f := range []string{"sentbyte", "rcvdbyte", "app", "appcat", "duration", "action", "logid"} {
				if _, has := m[f]; has {
					t.Fatalf("row %d (%s) has %s", i, r.LogType, f)
				}
			}
		}
	}
	for f := range fields {
		if len(seen[f]) == 0 {
			t.Errorf("no row has %s", f)
		}
	}
	for _, lt := range LogTypes {
		if rowsOf[lt] == 0 {
			t.Errorf("no %s rows", lt)
		}
	}
}
