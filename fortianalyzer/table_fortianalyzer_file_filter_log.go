package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_file_filter_log: file filter logs (FAZ logtype file-filter, in the live 7.6.6
// log type catalogue, faz-api.md "Log types"). Fields: FortiOS Log Message Reference 7.4.0,
// message 64000 LOG_ID_FILE_FILTER_BLOCK (filename, filesize, filetype, filtername,
// matchfilename, matchfiletype, hostname, url, profile, direction).

func fileFilterLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_file_filter_log",
		Description: "FortiGate file filter logs: files blocked or logged by type or name, from a FortiAnalyzer log search, newest first.",
		LogType:     "file-filter",
		Columns: utmLogColumns(
			viewColumn{Name: "file_name", Type: proto.ColumnType_STRING, Description: "Name of the file (qual: = or IN, pushed down).", Fields: []string{"filename"}},
			viewColumn{Name: "file_size", Type: proto.ColumnType_INT, Description: "Size of the file in bytes (quals: =, IN, <, <=, >, >=, pushed down).", Fields: []string{"filesize"}},
			viewColumn{Name: "file_type", Type: proto.ColumnType_STRING, Description: "Type of the file, e.g. exe, pdf (qual: = or IN, pushed down).", Fields: []string{"filetype"}},
			viewColumn{Name: "filter_name", Type: proto.ColumnType_STRING, Description: "File filter rule that matched (qual: = or IN, pushed down).", Fields: []string{"filtername"}},
			viewColumn{Name: "match_file_name", Type: proto.ColumnType_STRING, Description: "File name pattern that matched.", Fields: []string{"matchfilename"}},
			viewColumn{Name: "match_file_type", Type: proto.ColumnType_STRING, Description: "File type that matched.", Fields: []string{"matchfiletype"}},
			viewColumn{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name the file came from.", Fields: []string{"hostname"}},
			viewColumn{Name: "url", Type: proto.ColumnType_STRING, Description: "URL the file came from.", Fields: []string{"url"}},
			viewColumn{Name: "direction", Type: proto.ColumnType_STRING, Description: "Direction of the transfer: incoming or outgoing.", Fields: []string{"direction"}},
			viewColumn{Name: "profile", Type: proto.ColumnType_STRING, Description: "File filter profile that matched.", Fields: []string{"profile"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "file_name", Field: "filename"},
			pushdown{Column: "file_size", Field: "filesize", Ranges: true},
			pushdown{Column: "file_type", Field: "filetype"},
			pushdown{Column: "filter_name", Field: "filtername"},
		),
	}
}
