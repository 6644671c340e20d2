package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_source: FortiView "Top Sources", the endpoints that sent the most traffic.
// Fields: the FAZ 7.6.7 spec's sortable fields of top-sources, plus srcip_hostname, user,
// unauthuser and devvds (live rows, rstierli/fortianalyzer-mcp masking/fields.py).
func topSourceView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_source",
		View:        "top-sources",
		Description: "Top traffic sources (FortiView Top Sources) in a time window, ranked by bandwidth.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		// Filterable fields of top-sources in the spec, under their column names.
		Pushdown: []pushdown{{Column: "srcip", Field: "srcip"}, {Column: "src_interface", Field: "srcintf"}, {Column: "user_name", Field: "f_user"}},
		Columns: concatColumns([]viewColumn{
			{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source IP address (qual: = or IN, pushed into the task's filter).", Fields: []string{"srcip"}},
			{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Resolved host name of the source, NULL when the appliance only knows the address.", Value: sourceHostname},
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "User identified on the source's sessions (FAZ's f_user: the user, else the unauthenticated user name; qual: = or IN, pushed down).", Fields: []string{"f_user", "user", "unauthuser"}},
			{Name: "src_interface", Type: proto.ColumnType_STRING, Description: "FortiGate interface the traffic came in on (qual: = or IN, pushed down).", Fields: []string{"srcintf"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Number of sessions the source opened in the window.", Fields: []string{"sessions"}},
			{Name: "session_block", Type: proto.ColumnType_INT, Description: "Sessions that were blocked.", Fields: []string{"session_block"}},
			{Name: "session_pass", Type: proto.ColumnType_INT, Description: "Sessions that were allowed.", Fields: []string{"session_pass"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Total bytes the source sent and received in the window (the appliance's bandwidth field, which counts bytes).", Value: rowBytes, SortField: "bandwidth"},
			{Name: "bits_per_second", Type: proto.ColumnType_DOUBLE, Description: "Average rate over the window, bytes x 8 / window seconds (for a task read by tid, over the window its answer reports; NULL when it reports none).", Value: bitsPerSecond},
			{Name: "traffic_in", Type: proto.ColumnType_INT, Description: "Bytes received by the source.", Fields: []string{"traffic_in"}},
			{Name: "traffic_out", Type: proto.ColumnType_INT, Description: "Bytes sent by the source.", Fields: []string{"traffic_out"}},
		}, threatScoreColumns("the source's sessions"), deviceListColumns("logged the traffic")),
	}
}

// sourceHostname drops the appliance's habit of repeating the address when it has no name.
func sourceHostname(r *viewRow) any {
	h, _ := toString(r.field("srcip_hostname", "hostname")).(string)
	if h == "" || h == toString(r.field("srcip")) {
		return nil
	}
	return h
}

// bitsPerSecond is the seed documents' "bandwidth": bits per second over the window. The
// seed dialect sends it ready-made under bandwidth; the real appliance's bandwidth is bytes,
// so the rate is derived from the task's window (for a task fetched by tid, the window its
// answer reports in data-time-range).
func bitsPerSecond(r *viewRow) any {
	if _, seed := r.Row["bytes"]; seed {
		return toFloat(r.Row["bandwidth"])
	}
	b, ok := rowBytes(r).(int64)
	w := r.Task.Window
	if !r.Task.HasWindow {
		if r.Task.AnswerWindow == nil {
			return nil
		}
		w = *r.Task.AnswerWindow
	}
	if !ok || w.Seconds() <= 0 {
		return nil
	}
	return float64(b) * 8 / w.Seconds()
}
