package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestDeviceQualForms: device takes a serial, a name, serial[vdom] and name[vdom] (the
// spec's devid[vdom]), each selecting exactly that device's (VDOM's) traffic; an unknown
// device or VDOM is an error, never an empty answer.
func TestDeviceQualForms(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	sessions := func(device string) (int64, error) {
		rows, err := e.query(`select sum(sessions) as n from fortianalyzer_top_source where device = ? and start_time = ? and end_time = ?`,
			device, fazTime(start), fazTime(end))
		if err != nil {
			return 0, err
		}
		n, _ := rows[0]["n"].(int64)
		return n, nil
	}
	want := func(serial, vdom string) int64 {
		var n int64
		e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
			if r.LogType == "traffic" && r.Device().Serial == serial && (vdom == "" || r.VDOM() == vdom) {
				n++
			}
			return true
		})
		return n
	}
	for _, tc := range []struct{ qual, serial, vdom string }{
		{"FG100FTK19000002", "FG100FTK19000002", ""},
		{"FGT-HQ-02", "FG100FTK19000002", ""},
		{"FG100FTK19000002[dmz]", "FG100FTK19000002", "dmz"},
		{"FGT-HQ-02[dmz]", "FG100FTK19000002", "dmz"},
		{"FG100FTK19000002[root]", "FG100FTK19000002", "root"},
	} {
		got, err := sessions(tc.qual)
		if w := want(tc.serial, tc.vdom); err != nil || got != w || w == 0 {
			t.Errorf("device = %q: %d sessions (%v), the simulator's logs say %d", tc.qual, got, err, w)
		}
	}
	for qual, msg := range map[string]string{
		"FGT-NOPE":               `device "FGT-NOPE": no such device in ADOM root`,
		"FG100FTK19000002[nope]": `has no VDOM "nope"`,
		"FGT-BR-01":              `device "FGT-BR-01": no such device in ADOM root`, // another ADOM's device
		"FGT-HQ-02[":             `want a serial, a device name, serial[vdom] or name[vdom]`,
	} {
		if _, err := sessions(qual); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("device = %q: err %v, want %q", qual, err, msg)
		}
	}
}

// TestPolicyHitVDOM: policy hits are per VDOM; the vdom qual selects device[vdom] on the
// appliance, alone or with a device.
func TestPolicyHitVDOM(t *testing.T) {
	e := newEnv(t, envOptions{})
	start, end := fixedNow.Add(-6*time.Hour), fixedNow
	count := func(where string, args ...any) map[string]int64 {
		rows := e.mustQuery(`select device_serial, vdom, policy_id, hits from fortianalyzer_policy_hit
			where start_time = ? and end_time = ? `+where, append([]any{fazTime(start), fazTime(end)}, args...)...)
		out := map[string]int64{}
		for _, r := range rows {
			out[r["device_serial"].(string)+"["+r["vdom"].(string)+"]"] += r["hits"].(int64)
		}
		return out
	}
	want := map[string]int64{}
	e.sim.Data().Logs("root", start, end.Add(-time.Second), func(r fazsim.LogRow) bool {
		if r.LogType == "traffic" && r.VDOM() == "dmz" {
			want[r.Device().Serial+"[dmz]"]++
		}
		return true
	})
	if got := count(`and vdom = 'dmz'`); len(want) == 0 || !equalCounts(got, want) {
		t.Errorf("vdom = 'dmz': %v, the logs say %v", got, want)
	}
	if got := count(`and vdom = 'dmz' and device = 'FGT-HQ-02'`); !equalCounts(got, want) {
		t.Errorf("vdom with device: %v, want %v", got, want)
	}
	if _, err := e.query(`select * from fortianalyzer_policy_hit where vdom = 'nope'`); err == nil || !strings.Contains(err.Error(), `vdom "nope": no device of ADOM root has this VDOM`) {
		t.Errorf("unknown vdom: %v", err)
	}
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
