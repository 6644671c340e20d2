package fazsim

import (
	"fmt"
	"testing"
)

// TestUEBADetailLevels: epip only at detail-level simple, users, detectkey and risk_score
// at the others (the live behaviour MCP records); epids select; limit and offset page; a
// detail level outside the list is refused.
func TestUEBADetailLevels(t *testing.T) {
	f := newFixture(t, Options{})
	rows := func(res map[string]any) []any { return f.ok(res)["data"].([]any) }
	simple := rows(f.rpc("get", "/ueba/adom/root/endpoints", map[string]any{"apiver": 3, "detail-level": "simple"}))
	std := rows(f.rpc("get", "/ueba/adom/root/endpoints", map[string]any{"apiver": 3}))
	if len(simple) == 0 || len(simple) != len(std) {
		t.Fatalf("simple %d endpoints, standard %d", len(simple), len(std))
	}
	s0, d0 := simple[0].(map[string]any), std[0].(map[string]any)
	if _, ok := s0["epip"]; !ok || s0["user"] != nil {
		t.Errorf("simple record: %v", s0)
	}
	if _, ok := d0["epip"]; ok || d0["detectkey"] == nil || d0["risk_score"] == nil || d0["user"] == nil {
		t.Errorf("standard record: %v", d0)
	}
	one := rows(f.rpc("get", "/ueba/adom/root/endpoints", map[string]any{"apiver": 3, "epids": []any{s0["epid"]}}))
	if len(one) != 1 || one[0].(map[string]any)["epid"] != s0["epid"] {
		t.Errorf("epids: %v", one)
	}
	page := rows(f.rpc("get", "/ueba/adom/root/endpoints", map[string]any{"apiver": 3, "limit": "5", "offset": "3"}))
	if len(page) != 5 || page[0].(map[string]any)["epid"] != std[3].(map[string]any)["epid"] {
		t.Errorf("limit 5 offset 3: %v", page)
	}
	users := rows(f.rpc("get", "/ueba/adom/root/endusers", map[string]any{"apiver": 3}))
	covered := 0
	for _, u := range users {
		covered += len(u.(map[string]any)["epids"].([]any))
	}
	if covered != len(std) {
		t.Errorf("end users list %d endpoints, want %d", covered, len(std))
	}
	m := f.rpc("get", "/ueba/adom/root/endpoints", map[string]any{"apiver": 3, "detail-level": "extended"})
	if e, ok := m["error"].(map[string]any); !ok || fmt.Sprint(e["message"]) != "Invalid params: detail-level 'extended' not supported" {
		t.Errorf("extended endpoints: %v", m)
	}
}
