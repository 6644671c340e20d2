package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_timeline: the FortiView time series (*-line views) as one table with a
// required view qual. The views share one shape, a time and the measures of each bucket,
// and the measure names of the FAZ 7.6.7 spec's sortable fields are the same across views
// (score_critical .. score_low, session_block, session_pass, traffic_in, traffic_out, ...):
// one table plots several series in one query (view IN (...)), a measure a view does not
// send is NULL, and the SD-WAN, ZTNA and Shadow IT lines, whose measures differ, stay in
// fortianalyzer_fortiview.
func timelineView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_timeline",
		ViewQual:    "view",
		Views:       timelineViews,
		Description: "Time series of the FortiView line views (threat-line, application-line, ...): per time bucket, threat score per level, sessions, traffic, events, in a time window.",
		DefaultSort: []faz.Sort{{Field: "time", Order: "asc"}},
		Columns: []viewColumn{
			{Name: "time", Type: proto.ColumnType_TIMESTAMP, Description: "Start of the time bucket (time); the appliance picks the bucket width from the window.", Value: epochTime("time")},
			{Name: "score_critical", Type: proto.ColumnType_INT, Description: "Threat score of the bucket's critical-level threats (score_critical).", Fields: []string{"score_critical"}},
			{Name: "score_high", Type: proto.ColumnType_INT, Description: "Threat score of the high-level threats (score_high).", Fields: []string{"score_high"}},
			{Name: "score_medium", Type: proto.ColumnType_INT, Description: "Threat score of the medium-level threats (score_medium).", Fields: []string{"score_medium"}},
			{Name: "score_low", Type: proto.ColumnType_INT, Description: "Threat score of the low-level threats (score_low).", Fields: []string{"score_low"}},
			{Name: "sessions_blocked", Type: proto.ColumnType_INT, Description: "Sessions blocked in the bucket (session_block).", Fields: []string{"session_block"}},
			{Name: "sessions_passed", Type: proto.ColumnType_INT, Description: "Sessions let through (session_pass, else session_allow).", Fields: []string{"session_pass", "session_allow"}},
			{Name: "bytes_in", Type: proto.ColumnType_INT, Description: "Bytes received (traffic_in).", Fields: []string{"traffic_in"}},
			{Name: "bytes_out", Type: proto.ColumnType_INT, Description: "Bytes sent (traffic_out).", Fields: []string{"traffic_out"}},
			{Name: "incidents_blocked", Type: proto.ColumnType_INT, Description: "Threat incidents blocked (incident_block).", Fields: []string{"incident_block"}},
			{Name: "incidents_passed", Type: proto.ColumnType_INT, Description: "Threat incidents let through (incident_pass).", Fields: []string{"incident_pass"}},
			{Name: "events", Type: proto.ColumnType_INT, Description: "Events in the bucket (counts on system-event-line, total_num on unauthorized-connection-line).", Fields: []string{"counts", "total_num"}},
			{Name: "connections", Type: proto.ColumnType_INT, Description: "VPN connections (connections).", Fields: []string{"connections"}},
			{Name: "logins", Type: proto.ColumnType_INT, Description: "Administrator logins (login_num).", Fields: []string{"login_num"}},
			{Name: "failed_logins", Type: proto.ColumnType_INT, Description: "Failed administrator logins (login_fail_num).", Fields: []string{"login_fail_num"}},
			{Name: "config_changes", Type: proto.ColumnType_INT, Description: "Configuration changes (total_change).", Fields: []string{"total_change"}},
			{Name: "bytes_up", Type: proto.ColumnType_INT, Description: "Bytes uploaded to cloud applications (upload_size).", Fields: []string{"upload_size"}},
			{Name: "bytes_down", Type: proto.ColumnType_INT, Description: "Bytes downloaded from cloud applications (download_size).", Fields: []string{"download_size"}},
			{Name: "users", Type: proto.ColumnType_INT, Description: "Wi-Fi users (num_users).", Fields: []string{"num_users"}},
			{Name: "searches", Type: proto.ColumnType_INT, Description: "Web searches (search_count).", Fields: []string{"search_count"}},
		},
	}
}

// timelineViews are the spec's *-line views whose measures are all columns of the table
// (TestTimelineViews checks the list against the spec).
var timelineViews = []string{
	"admin-login-line", "application-line", "authorized-conn-line", "cloud-app-line", "country-line",
	"country-threat-line", "policy-line", "site-to-site-ipsec-line", "src-dst-intf-line", "src-dst-line",
	"src-dst-threat-line", "ssl-dialup-ipsec-line", "system-event-line", "threat-line",
	"unauthorized-connection-line", "web-search-phrases-line", "website-line", "wifi-client-line",
}
