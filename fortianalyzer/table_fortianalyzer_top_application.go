package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_application: FortiView "Top Applications". The appliance ranks
// application groups, not single applications, and accepts no filter field on this view.
func topApplicationView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_application",
		View:        "top-applications",
		Description: "Top application groups by bandwidth (FortiView Top Applications) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Columns: []viewColumn{
			{Name: "app_group", Type: proto.ColumnType_STRING, Description: "Application group the appliance aggregates by, e.g. Microsoft.Office.365.", Fields: []string{"app_group", "app"}},
			{Name: "app_category", Type: proto.ColumnType_STRING, Description: "Application category, e.g. Video/Audio.", Fields: []string{"appcat", "category"}},
			{Name: "risk", Type: proto.ColumnType_STRING, Description: "FortiGuard risk rating of the group: critical, high, elevated, medium or low.", Fields: []string{"apprisk", "risk"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions of the group in the window.", Fields: []string{"sessions"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes of the group in the window.", Value: rowBytes},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent.", Fields: []string{"traffic_out"}},
			{Name: "users", Type: proto.ColumnType_INT, Description: "Number of distinct users of the group, when the appliance reports it.", Fields: []string{"users", "num_user"}},
		},
	}
}
