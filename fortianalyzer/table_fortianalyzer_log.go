package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_log: the generic log table, for the log types without a table of their own
// (content, dlp, voip, waf, gtp, ssh, ...; faz-api.md "Log types") and for searches across
// types. The fields common to FortiGate logs are columns; everything else is in raw.

func genericLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_log",
		Description: "FortiAnalyzer logs of any type (traffic, event, attack, virus, webfilter, app-ctrl, dns, content, dlp, voip, ...) found by a log search, newest first.",
		Columns:     logColumns,
		Pushdowns:   logPushdown,
		PushdownFor: func(logTypes []string) []pushdown {
			if len(logTypes) == 1 {
				if f, ok := logThreatField[logTypes[0]]; ok {
					return append(append([]pushdown(nil), logPushdown...), pushdown{Column: "threat", Field: f})
				}
			}
			if logTypes == nil { // declaring the key columns: threat is one
				return append(append([]pushdown(nil), logPushdown...), pushdown{Column: "threat"})
			}
			return logPushdown
		},
	}
}

// logPushdown lists the columns whose `=` / IN quals go into the log search's filter.
var logPushdown = []pushdown{
	{Column: "srcip", Field: "srcip"},
	{Column: "dstip", Field: "dstip"},
	{Column: "srcport", Field: "srcport"},
	{Column: "dstport", Field: "dstport"},
	{Column: "action", Field: "action"},
	{Column: "policy_id", Field: "policyid"},
	{Column: "service", Field: "service"},
	{Column: "user_name", Field: "user"},
	{Column: "app", Field: "app"},
	{Column: "subtype", Field: "subtype"},
	{Column: "level", Field: "level"},
}

// logThreatField is the FortiOS field that names the threat in each log type the `threat`
// column reads (there is no generic "threat" log field); a `threat` qual is pushed into
// the search when the query names one of these log types.
var logThreatField = map[string]string{"attack": "attack", "virus": "virus", "traffic": "threats"}

// logColumns are the fields common to FortiGate logs; everything else is in raw.
var logColumns = []viewColumn{
	{Name: colLogID, Type: proto.ColumnType_STRING, Description: "Log record id on the appliance.", Fields: []string{"id"}},
	{Name: "subtype", Type: proto.ColumnType_STRING, Description: "Log subtype, e.g. forward, local, system (qual: =, pushed down).", Fields: []string{"subtype"}},
	{Name: "level", Type: proto.ColumnType_STRING, Description: "Log level, e.g. notice, warning, alert (qual: =, pushed down).", Fields: []string{"level"}},
	{Name: "device_id", Type: proto.ColumnType_STRING, Description: "Serial number of the FortiGate that sent the log.", Fields: []string{"devid"}},
	{Name: "device_name", Type: proto.ColumnType_STRING, Description: "Name of the FortiGate that sent the log.", Fields: []string{"devname"}},
	{Name: "vdom", Type: proto.ColumnType_STRING, Description: "VDOM that logged the event.", Fields: []string{"vd"}},
	{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source IP address (qual: = or IN, pushed down).", Fields: []string{"srcip"}},
	{Name: "srcport", Type: proto.ColumnType_INT, Description: "Source port (qual: =, pushed down).", Fields: []string{"srcport"}},
	{Name: "dstip", Type: proto.ColumnType_INET, Description: "Destination IP address (qual: = or IN, pushed down).", Fields: []string{"dstip"}},
	{Name: "dstport", Type: proto.ColumnType_INT, Description: "Destination port (qual: =, pushed down).", Fields: []string{"dstport"}},
	{Name: "proto", Type: proto.ColumnType_INT, Description: "IP protocol number.", Fields: []string{"proto"}},
	{Name: "service", Type: proto.ColumnType_STRING, Description: "Service name, e.g. HTTPS (qual: =, pushed down).", Fields: []string{"service"}},
	{Name: "action", Type: proto.ColumnType_STRING, Description: "Action taken, e.g. accept, deny, blocked, dropped (qual: = or IN, pushed down).", Fields: []string{"action"}},
	{Name: "policy_id", Type: proto.ColumnType_INT, Description: "Firewall policy id (qual: =, pushed down).", Fields: []string{"policyid"}},
	{Name: "policy_name", Type: proto.ColumnType_STRING, Description: "Firewall policy name.", Fields: []string{"policyname"}},
	{Name: "user_name", Type: proto.ColumnType_STRING, Description: "Authenticated user (qual: =, pushed down).", Fields: []string{"user"}},
	{Name: "app", Type: proto.ColumnType_STRING, Description: "Application name (qual: =, pushed down).", Fields: []string{"app"}},
	{Name: "sent_bytes", Type: proto.ColumnType_INT, Description: "Bytes sent by the source.", Fields: []string{"sentbyte"}},
	{Name: "received_bytes", Type: proto.ColumnType_INT, Description: "Bytes received by the source.", Fields: []string{"rcvdbyte"}},
	{Name: "src_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the source.", Fields: []string{"srccountry"}},
	{Name: "dst_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the destination.", Fields: []string{"dstcountry"}},
	{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name requested (web filter, DNS and some traffic logs).", Fields: []string{"hostname", "qname"}},
	{Name: "url", Type: proto.ColumnType_STRING, Description: "URL requested (web filter logs).", Fields: []string{"url"}},
	{Name: "threat", Type: proto.ColumnType_STRING, Description: "Threat name: the attack of IPS logs, the virus of antivirus logs, the threats of traffic logs (qual: =, pushed down when log_type is one of these).", Fields: []string{"attack", "virus", "threats"}},
	{Name: "threat_level", Type: proto.ColumnType_INT, Description: "Threat level from the log's crlevel: 0 (info) to 4 (critical).", Value: logThreatLevel},
	{Name: "message", Type: proto.ColumnType_STRING, Description: "Log message or description.", Fields: []string{"msg", "logdesc"}},
}
