package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_webfilter_log: web filter logs (FAZ logtype webfilter). Fields: FortiOS Log
// Message Reference 7.2.10, message 13312 LOG_ID_WEB_FTGD_CAT_ALLOW (hostname, url, cat,
// catdesc, reqtype, profile, direction, sentbyte, rcvdbyte, crscore, crlevel) and the sample
// in "Webfilter log support for CEF" (7.0.6: eventtype="ftgd_blk" cat=26 catdesc="Malicious
// Websites"). FAZ's FortiView rows call the category id catid (faz-api.md section 3); the
// column reads either.

func webFilterLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_webfilter_log",
		Description: "FortiGate web filter logs: URLs allowed or blocked by FortiGuard category or URL filter, from a FortiAnalyzer log search, newest first.",
		LogType:     "webfilter",
		Columns: utmLogColumns(
			viewColumn{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name requested (qual: = or IN, pushed down).", Fields: []string{"hostname"}},
			viewColumn{Name: "url", Type: proto.ColumnType_STRING, Description: "URL path requested (qual: = or IN, pushed down).", Fields: []string{"url"}},
			viewColumn{Name: "category_id", Type: proto.ColumnType_INT, Description: "FortiGuard web category id (qual: = or IN, pushed down).", Fields: []string{"cat", "catid"}},
			viewColumn{Name: "category", Type: proto.ColumnType_STRING, Description: "FortiGuard web category, e.g. Malicious Websites (qual: = or IN, pushed down).", Fields: []string{"catdesc"}},
			viewColumn{Name: "request_type", Type: proto.ColumnType_STRING, Description: "Request type, e.g. direct, referral.", Fields: []string{"reqtype"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "Web filter profile that matched.", Fields: []string{"profile"}},
			viewColumn{Name: "sent_bytes", Type: proto.ColumnType_INT, Description: "Bytes sent by the client.", Fields: []string{"sentbyte"}},
			viewColumn{Name: "received_bytes", Type: proto.ColumnType_INT, Description: "Bytes received by the client.", Fields: []string{"rcvdbyte"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "hostname", Field: "hostname"},
			pushdown{Column: "url", Field: "url"},
			pushdown{Column: "category_id", Field: "cat"},
			pushdown{Column: "category", Field: "catdesc"},
		),
	}
}
