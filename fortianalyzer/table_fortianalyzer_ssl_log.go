package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_ssl_log: SSL/TLS inspection logs (FAZ logtype ssl, in the live 7.6.6 log type
// catalogue, faz-api.md "Log types"). Fields: FortiOS Log Message Reference 7.0.7, message
// 62300 LOG_ID_SSL_ANOMALY_CERT_BLOCKLISTED (hostname, sni, certdesc, certhash, tlsver,
// cipher, authalgo, kxproto, kxcurve, eventsubtype, profile).

func sslLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_ssl_log",
		Description: "FortiGate SSL/TLS inspection logs: certificate and handshake anomalies, exemptions and negotiations, from a FortiAnalyzer log search, newest first.",
		LogType:     "ssl",
		Columns: utmLogColumns(
			viewColumn{Name: "event_subtype", Type: proto.ColumnType_STRING, Description: "Event subtype, e.g. the anomaly found.", Fields: []string{"eventsubtype"}},
			viewColumn{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name of the server (qual: = or IN, pushed down).", Fields: []string{"hostname"}},
			viewColumn{Name: "sni", Type: proto.ColumnType_STRING, Description: "Server name indication the client sent (qual: = or IN, pushed down).", Fields: []string{"sni"}},
			viewColumn{Name: "cert_desc", Type: proto.ColumnType_STRING, Description: "Description of the server certificate's problem.", Fields: []string{"certdesc"}},
			viewColumn{Name: "cert_hash", Type: proto.ColumnType_STRING, Description: "Hash of the server certificate (qual: = or IN, pushed down).", Fields: []string{"certhash"}},
			viewColumn{Name: "tls_version", Type: proto.ColumnType_STRING, Description: "TLS version negotiated (qual: = or IN, pushed down).", Fields: []string{"tlsver"}},
			viewColumn{Name: "cipher", Type: proto.ColumnType_STRING, Description: "Cipher negotiated.", Fields: []string{"cipher"}},
			viewColumn{Name: "auth_algorithm", Type: proto.ColumnType_STRING, Description: "Authentication algorithm of the handshake.", Fields: []string{"authalgo"}},
			viewColumn{Name: "key_exchange", Type: proto.ColumnType_STRING, Description: "Key exchange protocol of the handshake.", Fields: []string{"kxproto"}},
			viewColumn{Name: "key_exchange_curve", Type: proto.ColumnType_STRING, Description: "Key exchange curve of the handshake.", Fields: []string{"kxcurve"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "SSL inspection profile that matched.", Fields: []string{"profile"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "hostname", Field: "hostname"},
			pushdown{Column: "sni", Field: "sni"},
			pushdown{Column: "cert_hash", Field: "certhash"},
			pushdown{Column: "tls_version", Field: "tlsver"},
		),
	}
}
