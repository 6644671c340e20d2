package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_admin_login: FortiView "Admin logins" (admin-logins), per administrator.
// Fields: the FAZ 7.6.7 spec's sortable fields of the view.
func adminLoginView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_admin_login",
		View:        "admin-logins",
		Description: "FortiGate administrator logins, failed logins and configuration changes (FortiView Admin Logins) per administrator in a time window.",
		DefaultSort: []faz.Sort{{Field: "login_num", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "user_name", Field: "f_user"}},
		Columns: []viewColumn{
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "Administrator (f_user; qual: = or IN, pushed into the task's filter).", Fields: []string{"f_user"}},
			{Name: "logins", Type: proto.ColumnType_INT, Description: "Successful logins in the window (login_num).", Fields: []string{"login_num"}},
			{Name: "failed_logins", Type: proto.ColumnType_INT, Description: "Failed logins in the window (login_fail_num).", Fields: []string{"login_fail_num"}},
			{Name: "config_changes", Type: proto.ColumnType_INT, Description: "Configuration changes made (total_change).", Fields: []string{"total_change"}},
			{Name: "duration", Type: proto.ColumnType_INT, Description: "Time logged in, as the appliance reports it (duration); NULL when it sends none.", Fields: []string{"duration"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) the administrator logged in to.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}
