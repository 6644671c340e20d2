package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_country: FortiView "Top Destination Countries". Fields: the FAZ 7.6.7
// spec's sortable fields of top-countries, plus devvds (live rows, faz-api.md's catalogue).
func topCountryView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_country",
		View:        "top-countries",
		Description: "Destination countries by bandwidth (FortiView Top Countries) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "country", Field: "dstcountry"}},
		Columns: concatColumns([]viewColumn{
			{Name: "country", Type: proto.ColumnType_STRING, Description: "Destination country (qual: = or IN, pushed into the task's filter).", Fields: []string{"dstcountry", "country"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions to the country in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions that were blocked.", Fields: []string{"session_block"}},
			{Name: "session_pass", Type: proto.ColumnType_INT, Description: "Sessions that were allowed.", Fields: []string{"session_pass"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes exchanged with the country in the window.", Value: rowBytes, SortField: "bandwidth"},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received from the country.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent to the country.", Fields: []string{"traffic_out"}},
		}, threatScoreColumns("the traffic to the country"), deviceListColumns("logged the traffic")),
	}
}
