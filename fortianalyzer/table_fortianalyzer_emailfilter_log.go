package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_emailfilter_log: email filter (anti-spam) logs (FAZ logtype emailfilter, in
// the spec's enumeration, faz-api.md "Log types"). Fields: FortiOS Log Message Reference
// 7.0.9, message 20509 LOGID_ANTISPAM_FTGD_ERR (from, to, cc, sender, recipient, subject,
// attachment, size, banword, profile).

func emailFilterLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_emailfilter_log",
		Description: "FortiGate email filter (anti-spam) logs: messages tagged, blocked or passed, from a FortiAnalyzer log search, newest first.",
		LogType:     "emailfilter",
		Columns: utmLogColumns(
			viewColumn{Name: "mail_from", Type: proto.ColumnType_STRING, Description: "From address(es) of the message headers (qual: = or IN, pushed down).", Fields: []string{"from"}},
			viewColumn{Name: "mail_to", Type: proto.ColumnType_STRING, Description: "To address(es) of the message headers (qual: = or IN, pushed down).", Fields: []string{"to"}},
			viewColumn{Name: "mail_cc", Type: proto.ColumnType_STRING, Description: "Cc address(es) of the message headers.", Fields: []string{"cc"}},
			viewColumn{Name: "sender", Type: proto.ColumnType_STRING, Description: "Sender of the SMTP envelope (qual: = or IN, pushed down).", Fields: []string{"sender"}},
			viewColumn{Name: "recipient", Type: proto.ColumnType_STRING, Description: "Recipient(s) of the SMTP envelope (qual: = or IN, pushed down).", Fields: []string{"recipient"}},
			viewColumn{Name: "subject", Type: proto.ColumnType_STRING, Description: "Subject of the message (qual: = or IN, pushed down).", Fields: []string{"subject"}},
			viewColumn{Name: "attachment", Type: proto.ColumnType_STRING, Description: "Whether the message has an attachment: yes or no.", Fields: []string{"attachment"}},
			viewColumn{Name: "size", Type: proto.ColumnType_INT, Description: "Size of the message in bytes.", Fields: []string{"size"}},
			viewColumn{Name: "banned_word", Type: proto.ColumnType_STRING, Description: "Banned word found in the message.", Fields: []string{"banword"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "Email filter profile that matched.", Fields: []string{"profile"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "mail_from", Field: "from"},
			pushdown{Column: "mail_to", Field: "to"},
			pushdown{Column: "sender", Field: "sender"},
			pushdown{Column: "recipient", Field: "recipient"},
			pushdown{Column: "subject", Field: "subject"},
		),
	}
}
