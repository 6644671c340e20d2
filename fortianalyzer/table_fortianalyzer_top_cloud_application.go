package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_top_cloud_application: FortiView "Top cloud applications"
// (top-cloud-applications), per cloud application group. Fields: the FAZ 7.6.7 spec's
// sortable fields of the view. The view has no usable bandwidth (always 0 on 7.6.7/8.0.0,
// ../shared/faz-api.md [L]): it ranks by sessions, and the bytes are the upload and download
// sizes.
func topCloudApplicationView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_top_cloud_application",
		View:        "top-cloud-applications",
		Description: "Cloud (SaaS) applications ranked by sessions, with bytes up and down (FortiView Top Cloud Applications), in a time window.",
		DefaultSort: []faz.Sort{{Field: "sessions", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "app_group", Field: "app_group"}},
		Columns: []viewColumn{
			{Name: "app_group", Type: proto.ColumnType_STRING, Description: "Cloud application group, e.g. Dropbox (qual: = or IN, pushed into the task's filter).", Fields: []string{"app_group"}},
			{Name: "category", Type: proto.ColumnType_STRING, Description: "Application category (appcat).", Fields: []string{"appcat"}},
			{Name: "risk", Type: proto.ColumnType_INT, Description: "FortiGuard risk level of the application, 1 (low) to 5 (critical) (risk, else d_risk).", Fields: []string{"risk", "d_risk"}},
			{Name: "sessions", Type: proto.ColumnType_INT, Description: "Sessions in the window.", Fields: []string{"sessions"}},
			{Name: "sessions_blocked", Type: proto.ColumnType_INT, Description: "Sessions the FortiGate blocked (session_block).", Fields: []string{"session_block"}},
			{Name: "sessions_passed", Type: proto.ColumnType_INT, Description: "Sessions let through (session_pass).", Fields: []string{"session_pass"}},
			{Name: "bytes_up", Type: proto.ColumnType_INT, Description: "Bytes uploaded to the application (upload_size).", Fields: []string{"upload_size"}},
			{Name: "bytes_down", Type: proto.ColumnType_INT, Description: "Bytes downloaded from the application (download_size).", Fields: []string{"download_size"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Bytes up and down (total_size).", Fields: []string{"total_size"}},
			{Name: "files", Type: proto.ColumnType_INT, Description: "Files transferred (num_files); NULL when the appliance sends none.", Fields: []string{"num_files"}},
			{Name: "login_ids", Type: proto.ColumnType_INT, Description: "Cloud login ids seen (num_loginids); NULL when the appliance sends none.", Fields: []string{"num_loginids"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) that logged the sessions.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}
