package faz

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestUEBAEndpointsMergeDetailLevels: an endpoint's address (simple detail level) and its
// users, detecting unit and risk (standard) arrive as one row; epids select on the
// appliance.
func TestUEBAEndpointsMergeDetailLevels(t *testing.T) {
	e := startSim(t, fazsim.Options{Seed: 1}, nil)
	ctx := context.Background()
	want := e.sim.Data().UEBAEndpoints("Data_Center")
	rows, err := e.c.UEBAEndpoints(ctx, "Data_Center", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || len(rows) != len(want) {
		t.Fatalf("%d endpoints, the simulator has %d", len(rows), len(want))
	}
	for i, r := range rows {
		w := want[i]
		got := fmt.Sprint(r["epid"], r["epip"], r["euid"], r["detectkey"], r["risk_score"])
		if exp := fmt.Sprint(w.EPID, w.Endpoint.IP, w.EUID, w.DetectKey, w.RiskScore); got != exp {
			t.Errorf("endpoint %d: %s, want %s", i, got, exp)
		}
	}
	one, err := e.c.UEBAEndpoints(ctx, "Data_Center", []int64{int64(want[2].EPID)})
	if err != nil || len(one) != 1 || fmt.Sprint(one[0]["epip"]) != want[2].Endpoint.IP {
		t.Fatalf("epids: %v, %v", one, err)
	}
	users, err := e.c.UEBAEndUsers(ctx, "Data_Center", nil)
	if err != nil || len(users) == 0 {
		t.Fatalf("end users: %v, %v", users, err)
	}
	if _, err := e.c.UEBAEndpoints(ctx, "no_such_adom", nil); err == nil || !strings.Contains(err.Error(), "no_such_adom") {
		t.Fatalf("unknown ADOM: %v", err)
	}
	if _, err := e.c.UEBAEndUsers(ctx, "../x", nil); err == nil || !strings.Contains(err.Error(), "adom") {
		t.Fatalf("a bad ADOM segment: %v", err)
	}
}
