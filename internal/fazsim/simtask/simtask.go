// Package simtask creates FortiView tasks through a FortiAnalyzer's JSON-RPC API as another
// tool would (log in, add, log out), so that examples which read a task by id (`tid = N`)
// can be run against the simulator: the demo, the docs tests and the Postgres check.
package simtask

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Add starts a FortiView task of view in the root ADOM over [start, end) on every
// FortiGate and returns its tid. The caller frees it with Delete (or lets it expire).
func Add(ctx context.Context, base, view string, start, end time.Time) (int, error) {
	login, err := call(ctx, base, "", map[string]any{"id": 1, "method": "exec", "params": []any{map[string]any{
		"url": "/sys/login/user", "data": map[string]any{"user": "admin", "passwd": "fortinet"}}}})
	if err != nil {
		return 0, err
	}
	sid, _ := login["session"].(string)
	if sid == "" {
		return 0, fmt.Errorf("simtask: login refused: %v", login["result"])
	}
	defer func() {
		_, _ = call(ctx, base, "", map[string]any{"id": 4, "method": "exec", "session": sid, "params": []any{map[string]any{"url": "/sys/logout"}}})
	}()
	add, err := call(ctx, base, "", map[string]any{"id": 2, "jsonrpc": "2.0", "method": "add", "session": sid, "params": []any{map[string]any{
		"url": "/fortiview/adom/root/" + view + "/run", "apiver": 3, "limit": 20,
		"device":     []any{map[string]any{"devid": "All_FortiGate"}},
		"time-range": map[string]any{"start": start.UTC().Format(time.RFC3339), "end": end.UTC().Format(time.RFC3339)}}}})
	if err != nil {
		return 0, err
	}
	res, _ := add["result"].(map[string]any)
	tid, ok := res["tid"].(float64)
	if !ok {
		return 0, fmt.Errorf("simtask: unexpected answer to add %s: %v", view, add)
	}
	return int(tid), nil
}

// Delete frees a task with the simulator's API key (no session is left open).
func Delete(ctx context.Context, base, view string, tid int) error {
	_, err := call(ctx, base, "fazsim-api-key", map[string]any{"id": 3, "jsonrpc": "2.0", "method": "delete", "params": []any{map[string]any{
		"url": fmt.Sprintf("/fortiview/adom/root/%s/run/%d", view, tid), "apiver": 3}}})
	return err
}

func call(ctx context.Context, base, apiKey string, body map[string]any) (map[string]any, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/jsonrpc", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("simtask: bad answer (HTTP %d): %.200s", resp.StatusCode, raw)
	}
	return out, nil
}
