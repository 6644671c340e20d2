package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_traffic_log: FortiGate traffic logs (FAZ logtype traffic). Fields: FortiOS
// Log Message Reference 7.6.1, message 13 LOG_ID_TRAFFIC_END_FORWARD (sentbyte, rcvdbyte,
// sentpkt, rcvdpkt, duration, policyname, poluuid, policytype, app, appid, appcat, apprisk,
// srcname, crscore, crlevel; policyname, poluuid, policytype as in 6.2.15 message 2
// LOG_ID_TRAFFIC_ALLOW).

func trafficLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_traffic_log",
		Description: "FortiGate traffic logs (sessions allowed or denied by firewall policies) from a FortiAnalyzer log search, newest first.",
		LogType:     "traffic",
		Columns: concatColumns(logHeaderColumns, logSessionColumns, []viewColumn{
			{Name: "src_name", Type: proto.ColumnType_STRING, Description: "Host name of the source, as the FortiGate knows it.", Fields: []string{"srcname"}},
			{Name: "policy_name", Type: proto.ColumnType_STRING, Description: "Firewall policy name (qual: = or IN, pushed down).", Fields: []string{"policyname"}},
			{Name: "policy_uuid", Type: proto.ColumnType_STRING, Description: "UUID of the firewall policy.", Fields: []string{"poluuid"}},
			{Name: "policy_type", Type: proto.ColumnType_STRING, Description: "Policy type, e.g. policy, local-in-policy.", Fields: []string{"policytype"}},
			{Name: "sent_bytes", Type: proto.ColumnType_INT, Description: "Bytes sent by the source (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"sentbyte"}},
			{Name: "received_bytes", Type: proto.ColumnType_INT, Description: "Bytes received by the source (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"rcvdbyte"}},
			{Name: "sent_packets", Type: proto.ColumnType_INT, Description: "Packets sent by the source.", Fields: []string{"sentpkt"}},
			{Name: "received_packets", Type: proto.ColumnType_INT, Description: "Packets received by the source.", Fields: []string{"rcvdpkt"}},
			{Name: "duration", Type: proto.ColumnType_INT, Description: "Session duration in seconds (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"duration"}},
			{Name: "app", Type: proto.ColumnType_STRING, Description: "Application detected (qual: = or IN, pushed down).", Fields: []string{"app"}},
			{Name: "app_id", Type: proto.ColumnType_INT, Description: "FortiGuard application id (qual: = or IN, pushed down).", Fields: []string{"appid"}},
			{Name: "app_category", Type: proto.ColumnType_STRING, Description: "Application category, e.g. Web.Client (qual: = or IN, pushed down).", Fields: []string{"appcat"}},
			{Name: "app_risk", Type: proto.ColumnType_STRING, Description: "Application risk: low, elevated, medium, high or critical (qual: = or IN, pushed down).", Fields: []string{"apprisk"}},
		}, logThreatColumns),
		Pushdowns: concatPushdowns(logHeaderPushdowns, logSessionPushdowns, []pushdown{
			{Column: "policy_name", Field: "policyname"},
			{Column: "sent_bytes", Field: "sentbyte", Ranges: true},
			{Column: "received_bytes", Field: "rcvdbyte", Ranges: true},
			{Column: "duration", Field: "duration", Ranges: true},
			{Column: "app", Field: "app"},
			{Column: "app_id", Field: "appid"},
			{Column: "app_category", Field: "appcat"},
			{Column: "app_risk", Field: "apprisk"},
		}, logThreatPushdowns),
	}
}
