package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_destination: FortiView "Top Destinations". Fields: the FAZ 7.6.7 spec's
// sortable fields of top-destinations, plus dstip_hostname and devvds (live rows,
// rstierli/fortianalyzer-mcp masking/fields.py).
func topDestinationView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_destination",
		View:        "top-destinations",
		Description: "Top traffic destinations (FortiView Top Destinations) in a time window, ranked by bandwidth.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "dstip", Field: "dstip"}, {Column: "dst_interface", Field: "dstintf"}},
		Columns: concatColumns([]viewColumn{
			{Name: "dstip", Type: proto.ColumnType_INET, Description: "Destination IP address (qual: = or IN, pushed into the task's filter).", Fields: []string{"dstip"}},
			{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Resolved host name of the destination, NULL when only the address is known.", Value: destinationHostname},
			{Name: "dst_interface", Type: proto.ColumnType_STRING, Description: "FortiGate interface the traffic left on (qual: = or IN, pushed down).", Fields: []string{"dstintf"}},
			{Name: "applications", Type: proto.ColumnType_JSON, Description: "Applications seen towards the destination.", Value: func(r *viewRow) any { return toList(r.field("agg_app")) }},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions to the destination in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions that were blocked.", Fields: []string{"session_block"}},
			{Name: "session_pass", Type: proto.ColumnType_INT, Description: "Sessions that were allowed.", Fields: []string{"session_pass"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes exchanged with the destination in the window.", Value: rowBytes, SortField: "bandwidth"},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received from the destination.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent to the destination.", Fields: []string{"traffic_out"}},
		}, deviceListColumns("logged the traffic")),
	}
}

func destinationHostname(r *viewRow) any {
	h, _ := toString(r.field("dstip_hostname", "hostname")).(string)
	if h == "" || h == toString(r.field("dstip")) {
		return nil
	}
	return h
}
