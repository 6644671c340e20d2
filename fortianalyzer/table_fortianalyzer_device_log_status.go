package fortianalyzer

import (
	"context"
	"fmt"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// Fields: the logstats answer of the FAZ 7.6.7 logview spec (data.devs[] and their vdoms[]).
var logStatusColumns = []viewColumn{
	{Name: "device_serial", Type: proto.ColumnType_STRING, Description: "Serial number of the device (devid) (qual: =, sent to the appliance as the device to report on).", Fields: []string{"devid"}},
	{Name: "device_name", Type: proto.ColumnType_STRING, Description: "Device name (devname).", Fields: []string{"devname"}},
	{Name: "vdom", Type: proto.ColumnType_STRING, Description: "VDOM the statistics are of.", Fields: []string{"vdom"}},
	{Name: "last_log_time", Type: proto.ColumnType_TIMESTAMP, Description: "When the appliance received the VDOM's last log (last-log-timestamp); NULL when it has none.", Value: epochTime("last-log-timestamp")},
	{Name: "log_rate", Type: proto.ColumnType_DOUBLE, Description: "Logs per second the VDOM sends (lograte).", Fields: []string{"lograte"}},
	{Name: "log_db_size", Type: proto.ColumnType_INT, Description: "Size of the VDOM's logs in the database (log-db-size); NULL when not reported.", Fields: []string{"log-db-size"}},
	{Name: "log_disk_size", Type: proto.ColumnType_INT, Description: "Size of the VDOM's logs on disk (log-disk-size); NULL when not reported.", Fields: []string{"log-disk-size"}},
	{Name: "adom_quota_mb", Type: proto.ColumnType_INT, Description: "Log quota of the ADOM, in MB (adom-quota-MB).", Fields: []string{"adom-quota-MB"}},
	{Name: "logging_mode", Type: proto.ColumnType_STRING, Description: "How the device sends logs: realtime or store-and-upload (logging-mode).", Value: loggingMode},
	{Name: "is_ha", Type: proto.ColumnType_BOOL, Description: "Whether the device is an HA member (is-ha).", Fields: []string{"is-ha"}},
	{Name: "encrypted_logging", Type: proto.ColumnType_BOOL, Description: "Whether the device sends logs encrypted (encrypted-logging); NULL when not reported.", Fields: []string{"encrypted-logging"}},
	{Name: "status", Type: proto.ColumnType_INT, Description: "Device status as the appliance reports it (status).", Fields: []string{"status"}},
}

// loggingMode reads the spec's boolean: "store and upload" (1) or "realtime" (0).
func loggingMode(r *viewRow) any {
	switch v := r.field("logging-mode").(type) {
	case bool:
		if v {
			return "store-and-upload"
		}
		return "realtime"
	case nil:
		return nil
	default:
		if n, ok := toInt(v).(int64); ok {
			if n != 0 {
				return "store-and-upload"
			}
			return "realtime"
		}
	}
	return nil
}

// deviceLogStatusTable is fortianalyzer_device_log_status: per device and VDOM, the last log
// received and the log rate (logstats), so "which FortiGates stopped logging?" is a where.
func (p *pluginState) deviceLogStatusTable() *plugin.Table {
	cols := []*plugin.Column{{Name: colADOM, Type: proto.ColumnType_STRING, Description: "ADOM of the device (qual: = or IN; default: the connection's adom).",
		Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
			return d.HydrateItem.(*viewRow).Task.ADOM, nil
		})}}
	cols = append(cols, buildColumns(p, logStatusColumns)...)
	cols = append(cols, rawColumn("The appliance's device record merged with the VDOM's, as returned."))
	return &plugin.Table{
		Name:        "fortianalyzer_device_log_status",
		Description: "Logging health per device and VDOM (FortiAnalyzer log statistics): last log received, log rate, logging mode.",
		// The last log time moves every second: a cached answer would hide a device that
		// just went silent.
		Cache: &plugin.TableCacheOptions{Enabled: false},
		List: &plugin.ListConfig{
			Hydrate: p.listDeviceLogStatus,
			KeyColumns: plugin.KeyColumnSlice{
				{Name: colADOM, Require: plugin.Optional, Operators: []string{"="}},
				{Name: "device_serial", Require: plugin.Optional, Operators: []string{"="}},
			},
		},
		Columns: cols,
	}
}

func (p *pluginState) listDeviceLogStatus(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	c, s, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	adoms := qualStrings(d, colADOM)
	if len(adoms) == 0 {
		adoms = []string{s.ADOM}
	}
	serials := qualStrings(d, "device_serial")
	for _, a := range adoms {
		var devs []faz.Device
		for _, sn := range serials {
			t := &taskQuery{ADOM: a, Device: sn}
			sel, err := t.selectors(ctx, c)
			if err != nil {
				return nil, fmt.Errorf("device_serial: %w", err)
			}
			devs = append(devs, sel...)
		}
		rows, err := c.LogStats(ctx, a, devs)
		if err != nil {
			plugin.Logger(ctx).Error("fortianalyzer_device_log_status.list", "api_error", err)
			return nil, fmt.Errorf("adom %s: %w", a, err)
		}
		task := &taskQuery{ADOM: a}
		for _, dev := range rows {
			vdoms, _ := dev["vdoms"].([]any)
			for _, v := range vdoms {
				vm, ok := v.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("adom %s: logstats: a vdom entry is %T, want an object", a, v)
				}
				row := faz.Row{}
				for k, x := range dev {
					if k != "vdoms" {
						row[k] = x
					}
				}
				for k, x := range vm {
					row[k] = x
				}
				d.StreamListItem(ctx, &viewRow{Row: row, Task: task})
				if d.RowsRemaining(ctx) == 0 {
					return nil, nil
				}
			}
		}
	}
	return nil, nil
}
