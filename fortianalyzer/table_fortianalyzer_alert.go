package fortianalyzer

import (
	"context"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_alert: event-handler alerts (Event Monitor).
func alertList() *eventList {
	return &eventList{
		Table:       "fortianalyzer_alert",
		Description: "Alerts raised by FortiAnalyzer event handlers (Event Monitor) in a time window.",
		Fetch: func(ctx context.Context, c *faz.Client, adom string, start, end time.Time, filter string, limit int, fn func(faz.Row) error) error {
			return c.Alerts(ctx, faz.AlertQuery{ADOM: adom, Start: start, End: end, Filter: filter, Limit: limit}, fn)
		},
		Columns: []viewColumn{
			{Name: "alert_id", Type: proto.ColumnType_STRING, Description: "Alert id.", Fields: []string{"alertid"}},
			{Name: "alert_time", Type: proto.ColumnType_TIMESTAMP, Description: "When the alert was raised.", Value: epochTime("alerttime")},
			{Name: "last_log_time", Type: proto.ColumnType_TIMESTAMP, Description: "Time of the latest log that fed the alert.", Value: epochTime("lastlogtime")},
			{Name: "severity_level", Type: proto.ColumnType_INT, Description: "Severity as the event handler set it, the appliance's number (higher is more severe; its filter takes it, e.g. severity >= 3).", Fields: []string{"severity"}},
			{Name: "acknowledged", Type: proto.ColumnType_BOOL, Description: "Whether an analyst acknowledged the alert.", Fields: []string{"ackflag"}},
			{Name: "event_type", Type: proto.ColumnType_STRING, Description: "Event type, e.g. ips, virus, webfilter, event.", Fields: []string{"eventtype"}},
			{Name: "trigger_name", Type: proto.ColumnType_STRING, Description: "Event handler that raised the alert.", Fields: []string{"triggername"}},
			{Name: "subject", Type: proto.ColumnType_STRING, Description: "Alert subject line.", Fields: []string{"subject"}},
			{Name: "description", Type: proto.ColumnType_STRING, Description: "Description of the logs behind the alert.", Fields: []string{"logdesc"}},
			{Name: "device_name", Type: proto.ColumnType_STRING, Description: "FortiGate that logged the event.", Fields: []string{"devname"}},
			{Name: "device_id", Type: proto.ColumnType_STRING, Description: "Serial of the FortiGate that logged the event.", Fields: []string{"devid"}},
			{Name: "endpoint_ip", Type: proto.ColumnType_INET, Description: "Endpoint involved, when known.", Fields: []string{"epip"}},
			{Name: "endpoint_name", Type: proto.ColumnType_STRING, Description: "Name of the endpoint involved, when known.", Fields: []string{"epname"}},
			{Name: "event_details", Type: proto.ColumnType_JSON, Description: "Details of the event (source, destination, host, URL...).", Fields: []string{"event_details"}},
			{Name: "title", Type: proto.ColumnType_STRING, Description: "Title of the resource: the alert's subject.", Fields: []string{"subject"}},
		},
	}
}
