package e2e

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// TestLogRawIsTheAppliancesBytes (issue 13): a log table's raw is the row as the appliance
// sent it (the client keeps each row's bytes), not the decoded map marshalled again, whose
// keys would come out sorted.
func TestLogRawIsTheAppliancesBytes(t *testing.T) {
	e := newEnv(t, envOptions{})
	rows := e.mustQuery(`select raw from fortianalyzer_traffic_log order by log_time desc limit 5`)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	for _, r := range rows {
		s, _ := r["raw"].(string)
		keys, err := objectKeys([]byte(s))
		if err != nil {
			t.Fatalf("raw %q: %v", s, err)
		}
		if len(keys) < 10 {
			t.Fatalf("raw has %d fields: %s", len(keys), s)
		}
		if slices.IsSorted(keys) {
			t.Errorf("raw's keys are sorted, as a re-marshalled map's would be: %v", keys)
		}
	}
}

// objectKeys lists a JSON object's keys in the order they appear.
func objectKeys(b []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
