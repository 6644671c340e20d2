package fortianalyzer

import (
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_policy_hit: FortiView "Policy Hits", how often each firewall policy matched.
// Policy ids are per VDOM, so rows are per device and VDOM. Fields: the FAZ 7.6.7 spec's
// sortable fields of policy-hits, plus policyid and device_info.dev_name (live rows,
// faz-api.md's catalogue and rstierli/fortianalyzer-mcp masking/fields.py).
func policyHitView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_policy_hit",
		View:        "policy-hits",
		Description: "Firewall policies by hit count (FortiView Policy Hits) in a time window, per device and VDOM, with the last hit.",
		DefaultSort: []faz.Sort{{Field: "counts", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "policy_id", Field: "policyid"},
			{Column: "policy_type", Field: "policytype"},
			{Column: "policy_uuid", Field: "poluuid"},
			{Column: "src_interface", Field: "srcintf"},
			{Column: "dst_interface", Field: "dstintf"},
		},
		VDOM: "vdom",
		Columns: []viewColumn{
			{Name: "policy_id", Type: proto.ColumnType_INT, Description: "Firewall policy id, unique within its VDOM (qual: = or IN, pushed into the task's filter).", Fields: []string{"policyid", "agg_policyid"}},
			{Name: "policy_name", Type: proto.ColumnType_STRING, Description: "Policy name.", Fields: []string{"policy", "policyname"}},
			{Name: "policy_uuid", Type: proto.ColumnType_STRING, Description: "Policy uuid (qual: = or IN, pushed down).", Fields: []string{"agg_poluuid"}},
			{Name: "policy_type", Type: proto.ColumnType_STRING, Description: "Policy type, e.g. policy (qual: = or IN, pushed down).", Fields: []string{"policytype"}},
			{Name: "device_name", Type: proto.ColumnType_STRING, Description: "FortiGate the policy belongs to.", Value: policyDevice},
			{Name: "device_serial", Type: proto.ColumnType_STRING, Description: "Serial number of that FortiGate.", Fields: []string{"devid"}},
			{Name: "vdom", Type: proto.ColumnType_STRING, Description: "VDOM the policy belongs to (qual: = or IN; with device, selects device[vdom]; alone, every device of the ADOM that has the VDOM).", Fields: []string{"vd", "vdom"}},
			{Name: "hits", Type: proto.ColumnType_INT, Description: "Number of sessions the policy matched in the window.", Fields: []string{"counts", "hits"}},
			{Name: "hits_block", Type: proto.ColumnType_INT, Description: "Matched sessions that were blocked.", Fields: []string{"count_block"}},
			{Name: "hits_pass", Type: proto.ColumnType_INT, Description: "Matched sessions that were allowed.", Fields: []string{"count_pass"}},
			{Name: "last_hit", Type: proto.ColumnType_TIMESTAMP, Description: "When the policy last matched in the window.", Value: lastHit},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Bytes of the sessions the policy matched.", Value: rowBytes, SortField: "bandwidth"},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received on the matched sessions.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent on the matched sessions.", Fields: []string{"traffic_out"}},
			{Name: "src_interface", Type: proto.ColumnType_STRING, Description: "Incoming interface of the policy (qual: = or IN, pushed down).", Fields: []string{"srcintf"}},
			{Name: "dst_interface", Type: proto.ColumnType_STRING, Description: "Outgoing interface of the policy (qual: = or IN, pushed down).", Fields: []string{"dstintf"}},
		},
	}
}

// policyDevice reads the nested device_info.dev_name of live rows, or a flat field.
func policyDevice(r *viewRow) any {
	if di, ok := r.Row["device_info"].(map[string]any); ok {
		if s, ok := toString(di["dev_name"]).(string); ok {
			return s
		}
	}
	return toString(r.field("device"))
}

// lastHit reads time_stamp, the epoch second of the policy's last match.
func lastHit(r *viewRow) any {
	if s, ok := toInt(r.field("time_stamp")).(int64); ok && s > 0 {
		return time.Unix(s, 0).UTC()
	}
	return nil
}
