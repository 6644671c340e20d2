package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_app_ctrl_log: application control logs (FAZ logtype app-ctrl). Fields:
// FortiOS Log Message Reference 6.0.7, message 28705 LOGID_APP_CTRL_IPS_BLOCK (app, appid,
// appcat, applist, apprisk, hostname, url, filename, crscore, crlevel).

func appCtrlLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_app_ctrl_log",
		Description: "FortiGate application control logs: applications detected, allowed or blocked, from a FortiAnalyzer log search, newest first.",
		LogType:     "app-ctrl",
		Columns: utmLogColumns(
			viewColumn{Name: "app", Type: proto.ColumnType_STRING, Description: "Application detected (qual: = or IN, pushed down).", Fields: []string{"app"}},
			viewColumn{Name: "app_id", Type: proto.ColumnType_INT, Description: "FortiGuard application id (qual: = or IN, pushed down).", Fields: []string{"appid"}},
			viewColumn{Name: "app_category", Type: proto.ColumnType_STRING, Description: "Application category, e.g. Web.Client (qual: = or IN, pushed down).", Fields: []string{"appcat"}},
			viewColumn{Name: "app_risk", Type: proto.ColumnType_STRING, Description: "Application risk: low, elevated, medium, high or critical (qual: = or IN, pushed down).", Fields: []string{"apprisk"}},
			viewColumn{Name: "app_list", Type: proto.ColumnType_STRING, Description: "Application control profile (sensor) that matched.", Fields: []string{"applist"}},
			viewColumn{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name of the URL the application used.", Fields: []string{"hostname"}},
			viewColumn{Name: "url", Type: proto.ColumnType_STRING, Description: "URL the application used.", Fields: []string{"url"}},
		),
		Pushdowns: utmLogPushdowns(
			pushdown{Column: "app", Field: "app"},
			pushdown{Column: "app_id", Field: "appid"},
			pushdown{Column: "app_category", Field: "appcat"},
			pushdown{Column: "app_risk", Field: "apprisk"},
		),
	}
}
