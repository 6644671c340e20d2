package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_failed_authentication: FortiView "Failed authentication attempts"
// (failed-authentication-attempts), per user and source. Fields: the FAZ 7.6.7 spec's
// sortable fields of the view.
func failedAuthenticationView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_failed_authentication",
		View:        "failed-authentication-attempts",
		Description: "Failed authentication attempts (FortiView Failed Authentication Attempts) per user and source in a time window.",
		DefaultSort: []faz.Sort{{Field: "total_num", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "user_name", Field: "user"},
			{Column: "srcip", Field: "srcip"},
			{Column: "subtype", Field: "subtype"},
		},
		Columns: []viewColumn{
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "User the attempts were made for (user_src; qual: = or IN, pushed into the task's filter as user).", Fields: []string{"user_src"}},
			{Name: "srcip", Type: proto.ColumnType_INET, Description: "Address the attempts came from (src_ip; qual: = or IN, pushed down).", Fields: []string{"src_ip"}},
			{Name: "attempts", Type: proto.ColumnType_INT, Description: "Number of failed attempts in the window (total_num).", Fields: []string{"total_num"}},
			{Name: "subtype", Type: proto.ColumnType_STRING, Description: "Event log subtype of the attempts, e.g. user, vpn, system (qual: = or IN, pushed down).", Fields: []string{"subtype"}},
			{Name: "log_id", Type: proto.ColumnType_STRING, Description: "Log id of the attempts' events (agg_logid).", Fields: []string{"agg_logid"}},
			{Name: "login_type", Type: proto.ColumnType_STRING, Description: "Kind of login (login_type, else logintype); NULL when the appliance sends none.", Fields: []string{"login_type", "logintype"}},
			{Name: "tunnel_name", Type: proto.ColumnType_STRING, Description: "VPN tunnel of the attempts (int_tunnelname); NULL when none.", Fields: []string{"int_tunnelname"}},
			{Name: "log_filter", Type: proto.ColumnType_STRING, Description: "Log view filter the appliance offers for these attempts' logs (logview_filter); NULL when none.", Fields: []string{"logview_filter"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) that logged the attempts.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}
