package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_policy_hit: FortiView "Policy Hits", how often each firewall policy matched.
func policyHitView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_policy_hit",
		View:        "policy-hits",
		Description: "Firewall policies by hit count (FortiView Policy Hits) in a time window.",
		DefaultSort: []faz.Sort{{Field: "counts", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "policy_id", Field: "policyid"}},
		Columns: []viewColumn{
			{Name: "policy_id", Type: proto.ColumnType_INT, Description: "Firewall policy id (qual: = or IN, pushed into the task's filter).", Fields: []string{"policyid"}},
			{Name: "policy_name", Type: proto.ColumnType_STRING, Description: "Policy name, when the appliance sends it.", Fields: []string{"policyname"}},
			{Name: "hits", Type: proto.ColumnType_INT, Description: "Number of sessions the policy matched in the window.", Fields: []string{"counts", "hits"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Bytes of the sessions the policy matched.", Value: rowBytes},
			{Name: "device_name", Type: proto.ColumnType_STRING, Description: "FortiGate the policy belongs to.", Value: policyDevice},
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
	return toString(r.field("device", "devname", "fortigate"))
}
