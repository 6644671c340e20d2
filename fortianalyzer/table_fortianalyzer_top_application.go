package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_application: FortiView "Top Applications". The appliance ranks
// application groups, not single applications. Fields: the FAZ 7.6.7 spec's sortable
// fields of top-applications.
func topApplicationView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_application",
		View:        "top-applications",
		Description: "Top application groups by bandwidth (FortiView Top Applications) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "app_group", Field: "app_group"}},
		Columns: []viewColumn{
			{Name: "app_group", Type: proto.ColumnType_STRING, Description: "Application group the appliance aggregates by, e.g. Microsoft.Office.365 (qual: = or IN, pushed down).", Fields: []string{"app_group"}},
			{Name: "app_category", Type: proto.ColumnType_STRING, Description: "Application category, e.g. Video/Audio.", Fields: []string{"appcat", "category"}},
			{Name: "risk", Type: proto.ColumnType_STRING, Description: "FortiGuard risk rating of the group: critical, high, medium, elevated or low.", Value: appRisk},
			{Name: "risk_level", Type: proto.ColumnType_INT, Description: "FortiGuard risk level, 1 (low) to 5 (critical), as the appliance sends it.", Fields: []string{"risk"}},
			{Name: "users", Type: proto.ColumnType_INT, Description: "Number of distinct users of the group.", Fields: []string{"num_users"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions of the group in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions that were blocked.", Fields: []string{"session_block"}},
			{Name: "session_pass", Type: proto.ColumnType_INT, Description: "Sessions that were allowed.", Fields: []string{"session_pass"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes of the group in the window.", Value: rowBytes, SortField: "bandwidth"},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent.", Fields: []string{"traffic_out"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials or names) that logged the traffic.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}

// appRiskNames are FortiGuard's application risk ratings by level (1-5).
var appRiskNames = []string{"", "low", "elevated", "medium", "high", "critical"}

// appRisk names the row's risk level; a rating sent as a word is passed through.
func appRisk(r *viewRow) any {
	v := r.field("risk")
	if l, ok := toInt(v).(int64); ok {
		if l > 0 && int(l) < len(appRiskNames) {
			return appRiskNames[l]
		}
		return nil
	}
	return toString(v)
}
