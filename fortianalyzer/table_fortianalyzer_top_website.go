package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_website: FortiView "Top Websites". FAZ 7.6-8.0 rank web categories here
// (catdesc, catid), not host names. Fields: the FAZ 7.6.7 spec's sortable fields of
// top-websites, plus catid (live rows, rstierli/fortianalyzer-mcp
// docs/probes/2026-07-fortiview-surface.md).
func topWebsiteView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_website",
		View:        "top-websites",
		Description: "Top web categories by sessions and bandwidth (FortiView Top Websites) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "category", Field: "catdesc"}},
		Columns: concatColumns([]viewColumn{
			{Name: "category", Type: proto.ColumnType_STRING, Description: "FortiGuard web category, e.g. Information Technology (qual: = or IN, pushed down).", Fields: []string{"catdesc"}},
			{Name: "category_id", Type: proto.ColumnType_INT, Description: "FortiGuard web category id.", Fields: []string{"catid"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions the web filter blocked.", Fields: []string{"session_block", "blocked"}},
			{Name: "session_pass", Type: proto.ColumnType_INT, Description: "Sessions the web filter allowed.", Fields: []string{"session_pass"}},
			{Name: "browse_time", Type: proto.ColumnType_INT, Description: "Browsing time in the category, in seconds.", Fields: []string{"browsetime"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes in the window.", Value: rowBytes, SortField: "bandwidth"},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent.", Fields: []string{"traffic_out"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials or names) that logged the traffic.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		}, threatScoreColumns("the category's sessions")),
	}
}
