package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// fortianalyzer_event_log: FortiGate event logs (FAZ logtype event: system, user, vpn, ha,
// ... subtypes). Fields: FortiOS Log Message Reference 7.6.0, messages 44545
// LOGID_EVENT_CONFIG_OBJ and 44547 LOGID_EVENT_CONFIG_OBJATTR (logdesc, user, ui, action,
// msg, cfgtid, cfgpath, cfgobj, cfgattr) and 41002 LOG_ID_UPD_SRC_VIS (status); srcip as
// admin login events carry it.

func eventLogTable() *logTable {
	return &logTable{
		Name:        "fortianalyzer_event_log",
		Description: "FortiGate event logs (system, user, VPN, HA, ... events: admin logins, configuration changes, tunnels, updates) from a FortiAnalyzer log search, newest first.",
		LogType:     "event",
		Columns: concatColumns(logHeaderColumns, []viewColumn{
			{Name: "log_desc", Type: proto.ColumnType_STRING, Description: "Log description, e.g. Admin login successful (qual: = or IN, pushed down).", Fields: []string{"logdesc"}},
			{Name: "message", Type: proto.ColumnType_STRING, Description: "Log message.", Fields: []string{"msg"}},
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "User (an administrator on config and login events) (qual: = or IN, pushed down).", Fields: []string{"user"}},
			{Name: "ui", Type: proto.ColumnType_STRING, Description: "User interface the action came through, e.g. GUI(10.0.1.5), ssh(10.0.1.5) (qual: = or IN, pushed down).", Fields: []string{"ui"}},
			{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source IP address, when the event has one (qual: = or IN, pushed down).", Fields: []string{"srcip"}},
			{Name: "action", Type: proto.ColumnType_STRING, Description: "Action logged, e.g. login, logout, Edit (qual: = or IN, pushed down).", Fields: []string{"action"}},
			{Name: "status", Type: proto.ColumnType_STRING, Description: "Outcome, e.g. success, failed (qual: = or IN, pushed down).", Fields: []string{"status"}},
			{Name: "cfg_tid", Type: proto.ColumnType_INT, Description: "Configuration transaction id of a configuration change.", Fields: []string{"cfgtid"}},
			{Name: "cfg_path", Type: proto.ColumnType_STRING, Description: "Configuration path changed, e.g. firewall.policy (qual: = or IN, pushed down).", Fields: []string{"cfgpath"}},
			{Name: "cfg_object", Type: proto.ColumnType_STRING, Description: "Configuration object changed, e.g. a policy id.", Fields: []string{"cfgobj"}},
			{Name: "cfg_attributes", Type: proto.ColumnType_STRING, Description: "Configuration attributes changed, as FortiOS prints them (attribute[old->new]).", Fields: []string{"cfgattr"}},
		}),
		Pushdowns: concatPushdowns(logHeaderPushdowns, []pushdown{
			{Column: "log_desc", Field: "logdesc"},
			{Column: "user_name", Field: "user"},
			{Column: "ui", Field: "ui"},
			{Column: "srcip", Field: "srcip"},
			{Column: "action", Field: "action"},
			{Column: "status", Field: "status"},
			{Column: "cfg_path", Field: "cfgpath"},
		}),
	}
}
