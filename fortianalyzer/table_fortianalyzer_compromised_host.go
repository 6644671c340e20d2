package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_compromised_host: FortiView "Threat detect summary" (threat-detect-summary),
// FortiAnalyzer's compromised-host (IOC) view: one row per endpoint with its indicator hits.
// Fields: the FAZ 7.6.7 spec's sortable fields of threat-detect-summary.
func compromisedHostView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_compromised_host",
		View:        "threat-detect-summary",
		Description: "Compromised hosts (FortiView Threat Detect Summary, the IOC view): endpoints with indicator-of-compromise hits in a time window.",
		DefaultSort: []faz.Sort{{Field: "threat_num", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "srcip", Field: "srcip"},
			{Column: "hostname", Field: "epname"},
			{Column: "user_name", Field: "f_user"},
		},
		Columns: []viewColumn{
			{Name: "srcip", Type: proto.ColumnType_INET, Description: "IP address of the endpoint (qual: = or IN, pushed into the task's filter).", Fields: []string{"srcip"}},
			{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Endpoint name (epname; qual: = or IN, pushed down).", Fields: []string{"epname"}},
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "User on the endpoint (f_user; qual: = or IN, pushed down).", Fields: []string{"f_user", "unauthuser"}},
			{Name: "threat_count", Type: proto.ColumnType_INT, Description: "Number of distinct threats (indicators) the endpoint hit (threat_num).", Fields: []string{"threat_num"}},
			{Name: "blacklist_count", Type: proto.ColumnType_INT, Description: "Hits on blacklisted indicators (bl_count).", Fields: []string{"bl_count"}},
			{Name: "suspicious_count", Type: proto.ColumnType_INT, Description: "Hits on suspicious (crowdsourced) indicators (cs_count).", Fields: []string{"cs_count"}},
			{Name: "suspicious_score", Type: proto.ColumnType_INT, Description: "Score of the suspicious hits (cs_score).", Fields: []string{"cs_score"}},
			{Name: "last_detected", Type: proto.ColumnType_TIMESTAMP, Description: "Last detection in the window (last_detected_time).", Value: epochTime("last_detected_time")},
			{Name: "verdict", Type: proto.ColumnType_STRING, Description: "The appliance's verdict on the endpoint (verdict_s, else verdict; NULL when it sends none).", Fields: []string{"verdict_s", "verdict"}},
			{Name: "endpoint_id", Type: proto.ColumnType_STRING, Description: "Endpoint id (epid), the key of FortiAnalyzer's endpoint (UEBA) records; NULL when none.", Fields: []string{"epid"}},
			{Name: "end_user_id", Type: proto.ColumnType_STRING, Description: "End-user id (euid); NULL when none.", Fields: []string{"euid"}},
			{Name: "mac", Type: proto.ColumnType_STRING, Description: "MAC address of the endpoint (srcmac); NULL when unknown.", Fields: []string{"srcmac"}},
			{Name: "os_name", Type: proto.ColumnType_STRING, Description: "Operating system of the endpoint (osname); NULL when unknown.", Fields: []string{"osname"}},
			{Name: "os_version", Type: proto.ColumnType_STRING, Description: "Operating system version (osversion); NULL when unknown.", Fields: []string{"osversion"}},
			{Name: "ack_note", Type: proto.ColumnType_STRING, Description: "Acknowledgement note an administrator left (ack_note); NULL when not acknowledged.", Fields: []string{"ack_note"}},
			{Name: "ack_time", Type: proto.ColumnType_STRING, Description: "When the detection was acknowledged (ack_time), as the appliance prints it; NULL when not acknowledged.", Fields: []string{"ack_time"}},
			{Name: "vdoms", Type: proto.ColumnType_JSON, Description: "VDOMs the detections were logged in (vd).", Value: func(r *viewRow) any { return toList(r.field("vd")) }},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) that logged the detections.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}
