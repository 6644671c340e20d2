package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_ips_log: intrusion prevention logs (FAZ logtype attack; its alias anomaly
// lands here too, faz-api.md "Log types"). Named for what FortiOS and its reference call the
// feature (Type: IPS, subtype ips), not FAZ's internal type name. Fields: FortiOS Log Message
// Reference 7.6.0, message 16384 LOGID_ATTCK_SIGNATURE_TCP_UDP (attack, attackid, severity,
// ref, direction, profile, incidentserialno, crscore, crlevel). cve is not in that message's
// list: it is the CVE FAZ attaches to IPS threats (the cve_list of a live top-threats row,
// faz-api.md section 3), and the column is NULL where a row lacks it.

func ipsLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_ips_log",
		Description: "FortiGate intrusion prevention (IPS) logs: attacks detected or dropped by signature or anomaly, from a FortiAnalyzer log search, newest first.",
		LogType:     "attack",
		Columns: utmLogColumns(
			viewColumn{Name: "attack", Type: proto.ColumnType_STRING, Description: "Attack (signature) name (qual: = or IN, pushed down).", Fields: []string{"attack"}},
			viewColumn{Name: "attack_id", Type: proto.ColumnType_INT, Description: "FortiGuard attack (signature) id (qual: = or IN, pushed down).", Fields: []string{"attackid"}},
			viewColumn{Name: "severity", Type: proto.ColumnType_STRING, Description: "Signature severity: info, low, medium, high or critical (qual: = or IN, pushed down).", Fields: []string{"severity"}},
			viewColumn{Name: "cve", Type: proto.ColumnType_STRING, Description: "CVE the signature covers, if any (qual: = or IN, pushed down).", Fields: []string{"cve"}},
			viewColumn{Name: "ref", Type: proto.ColumnType_STRING, Description: "URL of the FortiGuard encyclopedia entry for the attack.", Fields: []string{"ref"}},
			viewColumn{Name: "direction", Type: proto.ColumnType_STRING, Description: "Direction of the attack: incoming or outgoing.", Fields: []string{"direction"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "IPS sensor (profile) that matched.", Fields: []string{"profile"}},
			viewColumn{Name: "incident_serial_no", Type: proto.ColumnType_INT, Description: "Incident serial number that groups the logs of one attack.", Fields: []string{"incidentserialno"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "attack", Field: "attack"},
			pushdown{Column: "attack_id", Field: "attackid"},
			pushdown{Column: "severity", Field: "severity"},
			pushdown{Column: "cve", Field: "cve"},
		),
	}
}
