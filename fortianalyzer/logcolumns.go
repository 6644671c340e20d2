package fortianalyzer

import (
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// Column sets the log tables share. Field names are FortiOS's log fields as the FortiOS Log
// Message Reference lists them (docs.fortinet.com/document/fortigate/<version>/fortios-log-
// message-reference/<message id>); each table file names the messages its own fields come
// from. The appliance returns them flat and as strings (faz-api.md section 4, "Rows are
// flat key/value log records").

// logHeaderColumns are the header fields every FortiOS log carries (every message of the
// reference lists logid, type, subtype, level, devid, vd; FAZ adds id, devname and itime,
// faz-api.md section 4).
var logHeaderColumns = []viewColumn{
	{Name: colLogID, Type: proto.ColumnType_STRING, Description: "Log record id on the appliance.", Fields: []string{"id"}},
	{Name: "message_id", Type: proto.ColumnType_STRING, Description: "FortiOS log message id (logid), e.g. 0000000013 (forward traffic).", Fields: []string{"logid"}},
	{Name: "subtype", Type: proto.ColumnType_STRING, Description: "Log subtype, e.g. forward, system, ips (qual: = or IN, pushed down).", Fields: []string{"subtype"}},
	{Name: "level", Type: proto.ColumnType_STRING, Description: "Log level, e.g. notice, warning, alert (qual: = or IN, pushed down).", Fields: []string{"level"}},
	{Name: "device_id", Type: proto.ColumnType_STRING, Description: "Serial number of the FortiGate that sent the log.", Fields: []string{"devid"}},
	{Name: "device_name", Type: proto.ColumnType_STRING, Description: "Name of the FortiGate that sent the log.", Fields: []string{"devname"}},
	{Name: "vdom", Type: proto.ColumnType_STRING, Description: "VDOM that logged the event.", Fields: []string{"vd"}},
}

// logEventTypeColumn is the UTM logs' eventtype (IPS: signature, anomaly, botnet; AV:
// infected; web filter: ftgd_blk, ftgd_allow, ...).
var logEventTypeColumn = viewColumn{Name: "event_type", Type: proto.ColumnType_STRING, Description: "Event type within the log type, e.g. signature (IPS), infected (antivirus), ftgd_blk (web filter) (qual: = or IN, pushed down).", Fields: []string{"eventtype"}}

// logSessionColumns are the session fields of traffic and UTM logs (every traffic and UTM
// message of the reference lists srcip, srcport, srcintf, dstip, dstport, dstintf, proto,
// service, action, policyid, user, srccountry, dstcountry).
var logSessionColumns = []viewColumn{
	{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source IP address (qual: = or IN, pushed down).", Fields: []string{"srcip"}},
	{Name: "srcport", Type: proto.ColumnType_INT, Description: "Source port (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"srcport"}},
	{Name: "src_interface", Type: proto.ColumnType_STRING, Description: "Interface the session came in on (qual: = or IN, pushed down).", Fields: []string{"srcintf"}},
	{Name: "src_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the source.", Fields: []string{"srccountry"}},
	{Name: "dstip", Type: proto.ColumnType_INET, Description: "Destination IP address (qual: = or IN, pushed down).", Fields: []string{"dstip"}},
	{Name: "dstport", Type: proto.ColumnType_INT, Description: "Destination port (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"dstport"}},
	{Name: "dst_interface", Type: proto.ColumnType_STRING, Description: "Interface the session went out on (qual: = or IN, pushed down).", Fields: []string{"dstintf"}},
	{Name: "dst_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the destination.", Fields: []string{"dstcountry"}},
	{Name: "proto", Type: proto.ColumnType_INT, Description: "IP protocol number, e.g. 6 (TCP), 17 (UDP) (qual: = or IN, pushed down).", Fields: []string{"proto"}},
	{Name: "service", Type: proto.ColumnType_STRING, Description: "Service name, e.g. HTTPS (qual: = or IN, pushed down).", Fields: []string{"service"}},
	{Name: "action", Type: proto.ColumnType_STRING, Description: "Action taken; the words depend on the log type (traffic: accept, deny; IPS: detected, dropped; antivirus and web filter: blocked, passthrough) (qual: = or IN, pushed down).", Fields: []string{"action"}},
	{Name: "policy_id", Type: proto.ColumnType_INT, Description: "Firewall policy id (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"policyid"}},
	{Name: "user_name", Type: proto.ColumnType_STRING, Description: "Authenticated user (qual: = or IN, pushed down).", Fields: []string{"user"}},
}

// logHeaderPushdowns and logSessionPushdowns are the pushdowns of the shared columns.
var logHeaderPushdowns = []pushdown{
	{Column: "subtype", Field: "subtype"},
	{Column: "level", Field: "level"},
}

var logSessionPushdowns = []pushdown{
	{Column: "srcip", Field: "srcip"},
	{Column: "srcport", Field: "srcport", Ranges: true},
	{Column: "src_interface", Field: "srcintf"},
	{Column: "dstip", Field: "dstip"},
	{Column: "dstport", Field: "dstport", Ranges: true},
	{Column: "dst_interface", Field: "dstintf"},
	{Column: "proto", Field: "proto"},
	{Column: "service", Field: "service"},
	{Column: "action", Field: "action"},
	{Column: "policy_id", Field: "policyid", Ranges: true},
	{Column: "user_name", Field: "user"},
}

var logEventTypePushdown = pushdown{Column: "event_type", Field: "eventtype"}

// logThreatColumns are the client reputation fields UTM logs carry (crscore, crlevel).
var logThreatColumns = []viewColumn{
	{Name: "threat_level", Type: proto.ColumnType_INT, Description: "Client reputation level from the log's crlevel: 0 (info) to 4 (critical).", Value: logThreatLevel},
	{Name: "threat_score", Type: proto.ColumnType_INT, Description: "Client reputation score (crscore) (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"crscore"}},
}

var logThreatPushdowns = []pushdown{{Column: "threat_score", Field: "crscore", Ranges: true}}

// utmLogColumns are the columns every UTM log table starts with: header, event type,
// session, the per-type columns, client reputation.
func utmLogColumns(own ...viewColumn) []viewColumn {
	return concatColumns(logHeaderColumns, []viewColumn{logEventTypeColumn}, logSessionColumns, own, logThreatColumns)
}

// utmLogPushdowns are the pushdowns of utmLogColumns.
func utmLogPushdowns(own ...pushdown) []pushdown {
	return concatPushdowns(logHeaderPushdowns, []pushdown{logEventTypePushdown}, logSessionPushdowns, own, logThreatPushdowns)
}

func concatPushdowns(parts ...[]pushdown) []pushdown {
	var out []pushdown
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// crLevels are FortiOS's crlevel words, indexed by threat level.
var crLevels = []string{"info", "low", "medium", "high", "critical"}

func logThreatLevel(r *viewRow) any {
	s, _ := toString(r.field("crlevel")).(string)
	for i, w := range crLevels {
		if strings.EqualFold(w, s) {
			return int64(i)
		}
	}
	return nil
}
