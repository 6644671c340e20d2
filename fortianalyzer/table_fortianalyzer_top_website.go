package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_website: FortiView "Top Websites". FAZ 7.6-8.0 rank web categories here
// (catdesc, catid), not host names, and accept no filter field on this view.
func topWebsiteView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_website",
		View:        "top-websites",
		Description: "Top web categories by sessions and bandwidth (FortiView Top Websites) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Columns: []viewColumn{
			{Name: "category", Type: proto.ColumnType_STRING, Description: "FortiGuard web category, e.g. Information Technology.", Fields: []string{"catdesc"}},
			{Name: "category_id", Type: proto.ColumnType_INT, Description: "FortiGuard web category id.", Fields: []string{"catid"}},
			{Name: "domain", Type: proto.ColumnType_STRING, Description: "Domain, on appliances that rank domains in this view.", Fields: []string{"domain", "hostname"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions the web filter blocked.", Fields: []string{"session_block", "blocked"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes in the window.", Value: rowBytes},
		},
	}
}
