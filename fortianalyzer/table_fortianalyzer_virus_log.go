package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_virus_log: antivirus logs (FAZ logtype virus). Fields: FortiOS Log Message
// Reference, message 8192 MESGID_INFECT_WARNING and its sample log in "Antivirus log support
// for CEF" (7.0.0: virus, virusid, dtype, filename, quarskip, ref, url, profile, direction,
// analyticscksum, crscore, crlevel); 9234 MESGID_ANALYTICS_INFECT_WARNING (6.0.4) lists the
// same fields.

func virusLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_virus_log",
		Description: "FortiGate antivirus logs: infected files blocked or passed, from a FortiAnalyzer log search, newest first.",
		LogType:     "virus",
		Columns: utmLogColumns(
			viewColumn{Name: "virus", Type: proto.ColumnType_STRING, Description: "Virus (malware) name (qual: = or IN, pushed down).", Fields: []string{"virus"}},
			viewColumn{Name: "virus_id", Type: proto.ColumnType_INT, Description: "FortiGuard virus id (qual: = or IN, pushed down).", Fields: []string{"virusid"}},
			viewColumn{Name: "dtype", Type: proto.ColumnType_STRING, Description: "Detection type, e.g. Virus, File Hash (qual: = or IN, pushed down).", Fields: []string{"dtype"}},
			viewColumn{Name: "file_name", Type: proto.ColumnType_STRING, Description: "Name of the infected file (qual: = or IN, pushed down).", Fields: []string{"filename"}},
			viewColumn{Name: "file_hash", Type: proto.ColumnType_STRING, Description: "SHA-256 of the file (FortiOS's analyticscksum).", Fields: []string{"analyticscksum"}},
			viewColumn{Name: "quarantine_skip", Type: proto.ColumnType_STRING, Description: "Why the file was not quarantined, e.g. File-was-not-quarantined.", Fields: []string{"quarskip"}},
			viewColumn{Name: "url", Type: proto.ColumnType_STRING, Description: "URL the file came from.", Fields: []string{"url"}},
			viewColumn{Name: "ref", Type: proto.ColumnType_STRING, Description: "URL of the FortiGuard encyclopedia entry for the virus.", Fields: []string{"ref"}},
			viewColumn{Name: "direction", Type: proto.ColumnType_STRING, Description: "Direction of the transfer: incoming or outgoing.", Fields: []string{"direction"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "Antivirus profile that matched.", Fields: []string{"profile"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "virus", Field: "virus"},
			pushdown{Column: "virus_id", Field: "virusid"},
			pushdown{Column: "dtype", Field: "dtype"},
			pushdown{Column: "file_name", Field: "filename"},
		),
	}
}
