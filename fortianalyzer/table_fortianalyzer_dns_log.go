package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_dns_log: DNS filter logs (FAZ logtype dns). Fields: FortiOS Log Message
// Reference 7.0.3, message 54000 LOG_ID_DNS_QUERY (qname, qtype, qtypeval, qclass, xid,
// profile) and 6.0.7, message 54803 LOG_ID_DNS_FTGD_CAT_BLOCK (ipaddr "IP addresses from DNS
// response answer section", cat, catdesc).

func dnsLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_dns_log",
		Description: "FortiGate DNS filter logs: DNS queries and responses, allowed or blocked by domain category or botnet lists, from a FortiAnalyzer log search, newest first.",
		LogType:     "dns",
		Columns: utmLogColumns(
			viewColumn{Name: "query_name", Type: proto.ColumnType_STRING, Description: "Domain name queried (qual: = or IN, pushed down).", Fields: []string{"qname"}},
			viewColumn{Name: "query_type", Type: proto.ColumnType_STRING, Description: "Query type, e.g. A, AAAA, MX (qual: = or IN, pushed down).", Fields: []string{"qtype"}},
			viewColumn{Name: "query_type_value", Type: proto.ColumnType_INT, Description: "Query type number, e.g. 1 (A), 28 (AAAA) (qual: = or IN, pushed down).", Fields: []string{"qtypeval"}},
			viewColumn{Name: "query_class", Type: proto.ColumnType_STRING, Description: "Query class, e.g. IN.", Fields: []string{"qclass"}},
			viewColumn{Name: "resolved_ips", Type: proto.ColumnType_STRING, Description: "IP addresses of the response's answer section, as FortiOS lists them.", Fields: []string{"ipaddr"}},
			viewColumn{Name: "category_id", Type: proto.ColumnType_INT, Description: "FortiGuard DNS category id of the domain (qual: = or IN, pushed down).", Fields: []string{"cat"}},
			viewColumn{Name: "category", Type: proto.ColumnType_STRING, Description: "FortiGuard DNS category of the domain (qual: = or IN, pushed down).", Fields: []string{"catdesc"}},
			viewColumn{Name: "transaction_id", Type: proto.ColumnType_INT, Description: "DNS transaction id (xid).", Fields: []string{"xid"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "DNS filter profile that matched.", Fields: []string{"profile"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "query_name", Field: "qname"},
			pushdown{Column: "query_type", Field: "qtype"},
			pushdown{Column: "query_type_value", Field: "qtypeval"},
			pushdown{Column: "category_id", Field: "cat"},
			pushdown{Column: "category", Field: "catdesc"},
		),
	}
}
