package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestDeviceLogStatusEqualsSimulatorData: one row per device VDOM of the ADOM, whose last
// log time and log rate (over the last 5 minutes) are those of the simulator's logs.
func TestDeviceLogStatusEqualsSimulatorData(t *testing.T) {
	e := newEnv(t, envOptions{})
	last, recent := map[string]int64{}, map[string]int64{}
	d := e.sim.Data()
	d.Logs("root", d.End().Add(-2*time.Hour), d.End(), func(r fazsim.LogRow) bool {
		k := r.Device().Serial + "/" + r.VDOM()
		last[k] = max(last[k], r.Itime)
		if r.Itime >= d.End().Add(-5*time.Minute).Unix() {
			recent[k]++
		}
		return true
	})
	rows := e.mustQuery(`select adom, device_serial, vdom, last_log_time, log_rate, logging_mode from fortianalyzer_device_log_status`)
	if len(last) == 0 || len(rows) != len(last) {
		t.Fatalf("%d device VDOMs in SQL, %d logging in the simulator", len(rows), len(last))
	}
	for _, r := range rows {
		k := fmt.Sprint(r["device_serial"], "/", r["vdom"])
		if want := time.Unix(last[k], 0).UTC().Format("2006-01-02 15:04:05"); fmt.Sprint(r["last_log_time"]) != want || r["adom"] != "root" {
			t.Errorf("%s: last log %v, logs %s", k, r["last_log_time"], want)
		}
		if rate, want := r["log_rate"].(float64), float64(recent[k])/300; rate != want {
			t.Errorf("%s: rate %v, logs %v", k, rate, want)
		}
		if r["logging_mode"] != "realtime" {
			t.Errorf("%s: logging mode %v", k, r["logging_mode"])
		}
	}
	one := e.mustQuery(`select distinct device_serial from fortianalyzer_device_log_status where device_serial = 'FGT60F3X17000001'`)
	if len(one) != 1 {
		t.Fatalf("device_serial qual: want one device, got %v", one)
	}
	if _, err := e.query(`select * from fortianalyzer_device_log_status where device_serial = 'FGTNOPE'`); err == nil {
		t.Fatal("an unknown device should be an error")
	}
}
