package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_system_event: FortiView "System events" (system-events), per event name and
// subtype. Fields: the FAZ 7.6.7 spec's sortable fields of the view.
func systemEventView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_system_event",
		View:        "system-events",
		Description: "FortiGate event logs counted per event name and subtype (FortiView System Events) in a time window.",
		DefaultSort: []faz.Sort{{Field: "counts", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "event_name", Field: "event_name"},
			{Column: "subtype", Field: "subtype"},
			{Column: "level", Field: "level"},
		},
		Columns: []viewColumn{
			{Name: "event_name", Type: proto.ColumnType_STRING, Description: "Event name, the logs' description, e.g. Admin login successful (qual: = or IN, pushed into the task's filter).", Fields: []string{"event_name"}},
			{Name: "subtype", Type: proto.ColumnType_STRING, Description: "Event log subtype, e.g. system, user, vpn (qual: = or IN, pushed down).", Fields: []string{"subtype"}},
			{Name: "level", Type: proto.ColumnType_STRING, Description: "Log level of the events, e.g. notice, warning (agg_level; qual: = or IN, pushed down as level).", Fields: []string{"agg_level"}},
			{Name: "severity", Type: proto.ColumnType_STRING, Description: "Severity the appliance gives the events (severity_s, else severity); NULL when it sends none.", Fields: []string{"severity_s", "severity"}},
			{Name: "log_id", Type: proto.ColumnType_STRING, Description: "Log id of the events (logid).", Fields: []string{"logid"}},
			{Name: "events", Type: proto.ColumnType_INT, Description: "Number of events in the window (counts).", Fields: []string{"counts"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials) that logged the events.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		},
	}
}
