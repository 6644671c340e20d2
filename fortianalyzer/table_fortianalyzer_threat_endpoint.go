package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_threat_endpoint: FortiView "Threat source destination" (threat-src-dst):
// one row per threat, source and destination, so "who hit this threat, and whom did they
// hit?" is one task. Fields: the FAZ 7.6.7 spec's sortable fields of threat-src-dst.
func threatEndpointView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_threat_endpoint",
		View:        "threat-src-dst",
		Description: "Threats with their source and destination endpoints (FortiView Threat Source Destination) in a time window.",
		DefaultSort: []faz.Sort{{Field: "threatweight", Order: "desc"}},
		Pushdown: []pushdown{
			// The spec's threat-src-dst filter names the threat threat_s.
			{Column: "threat", Field: "threat_s"},
			{Column: "srcip", Field: "srcip"},
			{Column: "dstip", Field: "dstip"},
		},
		Columns: concatColumns([]viewColumn{
			{Name: "threat", Type: proto.ColumnType_STRING, Description: "Threat name (qual: = or IN, pushed into the task's filter as threat_s).", Fields: []string{"threat"}},
			{Name: "severity", Type: proto.ColumnType_STRING, Description: "Severity: critical, high, medium, low or info.", Value: threatSeverity},
			{Name: "threat_level", Type: proto.ColumnType_INT, Description: "Numeric threat level: 4 critical, 3 high, 2 medium, 1 low, 0 info.", Value: threatLevel},
			{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source endpoint: the host that hit the threat (qual: = or IN, pushed down).", Fields: []string{"srcip"}},
			{Name: "dstip", Type: proto.ColumnType_INET, Description: "Destination endpoint: the host on the other side, the victim of an attack (qual: = or IN, pushed down).", Fields: []string{"dstip"}},
			{Name: "log_type", Type: proto.ColumnType_STRING, Description: "FortiAnalyzer's numeric log type the threat was counted from (logtype, e.g. 4 attack, 2 virus).", Fields: []string{"logtype"}},
			{Name: "incidents", Type: proto.ColumnType_INT, Description: "Incidents (log events) of the threat between the two endpoints in the window.", Fields: []string{"incidents"}},
			{Name: "incident_block", Type: proto.ColumnType_INT, Description: "Incidents the FortiGate blocked.", Fields: []string{"incident_block"}},
			{Name: "incident_pass", Type: proto.ColumnType_INT, Description: "Incidents let through.", Fields: []string{"incident_pass"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) that logged the incidents.", Value: func(r *viewRow) any { return toList(r.field("fortigate", "devid")) }},
		}, threatScoreColumns("the incidents")),
	}
}
