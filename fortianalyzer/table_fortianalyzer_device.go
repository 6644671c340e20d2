package fortianalyzer

import (
	"context"
	"fmt"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

var deviceColumns = []viewColumn{
	{Name: "name", Type: proto.ColumnType_STRING, Description: "Device name, usable as the device qual of the FortiView and log tables.", Fields: []string{"name"}},
	{Name: "serial", Type: proto.ColumnType_STRING, Description: "Serial number, usable as the device qual of the FortiView and log tables.", Fields: []string{"sn"}},
	{Name: "ip", Type: proto.ColumnType_INET, Description: "Management IP address.", Fields: []string{"ip"}},
	{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name configured on the device.", Fields: []string{"hostname"}},
	{Name: "platform", Type: proto.ColumnType_STRING, Description: "Hardware or VM platform, e.g. FortiGate-60F.", Fields: []string{"platform_str"}},
	{Name: "os_version", Type: proto.ColumnType_STRING, Description: "Firmware version, e.g. 7.4.3.", Value: deviceVersion},
	{Name: "build", Type: proto.ColumnType_INT, Description: "Firmware build number.", Fields: []string{"build"}},
	{Name: "connection_status", Type: proto.ColumnType_STRING, Description: "Connection to the FortiAnalyzer: up, down or unknown.", Value: connStatus},
	{Name: "ha_mode", Type: proto.ColumnType_STRING, Description: "HA mode of the device.", Fields: []string{"ha_mode"}},
	{Name: "vdoms", Type: proto.ColumnType_JSON, Description: "VDOM names of the device.", Value: deviceVDOMs},
	{Name: "description", Type: proto.ColumnType_STRING, Description: "Device description.", Fields: []string{"desc"}},
	{Name: "latitude", Type: proto.ColumnType_DOUBLE, Description: "Latitude of the device's location, when set.", Fields: []string{"latitude"}},
	{Name: "longitude", Type: proto.ColumnType_DOUBLE, Description: "Longitude of the device's location, when set.", Fields: []string{"longitude"}},
	{Name: "last_checked", Type: proto.ColumnType_TIMESTAMP, Description: "When the FortiAnalyzer last checked the device.", Value: epochTime("last_checked")},
	{Name: "adom", Type: proto.ColumnType_STRING, Description: "ADOM the device belongs to (qual: = or IN; default: every ADOM).", Value: func(r *viewRow) any { return r.Task.ADOM }},
	{Name: "title", Type: proto.ColumnType_STRING, Description: "Title of the resource: the device's name.", Fields: []string{"name"}},
	{Name: "akas", Type: proto.ColumnType_JSON, Description: "Unique identifiers of the resource: fortigate:<serial> (a serial is unique to one device, whichever appliance logs it).", Value: deviceAkas},
}

func deviceAkas(r *viewRow) any {
	if sn, ok := toString(r.field("sn")).(string); ok && sn != "" {
		return []string{"fortigate:" + sn}
	}
	return nil
}

func deviceVersion(r *viewRow) any {
	v, ok := toInt(r.field("os_ver")).(int64)
	if !ok {
		return nil
	}
	mr, _ := toInt(r.field("mr")).(int64)
	patch, ok := toInt(r.field("patch")).(int64)
	if !ok {
		patch = -1
	}
	return formatVersion(v, mr, patch)
}

func connStatus(r *viewRow) any {
	switch v := r.field("conn_status").(type) {
	case string:
		if n, ok := toInt(v).(int64); ok {
			return connStatusName(n)
		}
		return v
	default:
		if n, ok := toInt(v).(int64); ok {
			return connStatusName(n)
		}
	}
	return nil
}

func connStatusName(n int64) string {
	switch n {
	case 1:
		return "up"
	case 2:
		return "down"
	}
	return "unknown"
}

func deviceVDOMs(r *viewRow) any {
	list, ok := r.Row["vdom"].([]any)
	if !ok {
		return nil
	}
	names := []string{}
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			if n, ok := toString(m["name"]).(string); ok {
				names = append(names, n)
			}
		}
	}
	return names
}

// deviceTable is fortianalyzer_device: the devices registered in each ADOM.
func (p *pluginState) deviceTable() *plugin.Table {
	cols := buildColumns(p, deviceColumns)
	cols = append(cols, rawColumn("The appliance's record as returned."))
	return &plugin.Table{
		Name:        "fortianalyzer_device",
		Description: "Devices (FortiGates and others) registered on the FortiAnalyzer, per ADOM.",
		// No key columns on purpose: the device list of every ADOM is small, and a key column
		// gives Postgres a cheap parameterised path into this table, so that in a join with
		// a task table (t.device = d.serial) it scans the task table unqualified on the outer
		// side, whose rows (all devices, device NULL) the join then drops: a silent empty
		// answer. Without one, this table is the outer side and each task gets its device.
		List:    &plugin.ListConfig{Hydrate: p.listDevices},
		Columns: cols,
	}
}

func (p *pluginState) listDevices(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	c, _, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	// Device rows do not name their ADOM, so list per ADOM to say which each is in.
	var adoms []string
	rows, err := c.ADOMs(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if n, ok := toString(r["name"]).(string); ok {
			adoms = append(adoms, n)
		}
	}
	for _, a := range adoms {
		rows, err := c.Devices(ctx, a)
		if err != nil {
			plugin.Logger(ctx).Error("fortianalyzer_device.list", "adom", a, "api_error", err)
			return nil, fmt.Errorf("fortianalyzer_device (adom %s): %w", a, err)
		}
		t := &taskQuery{ADOM: a}
		for _, r := range rows {
			d.StreamListItem(ctx, &viewRow{Row: r, Task: t})
			if d.RowsRemaining(ctx) == 0 {
				return nil, nil
			}
		}
	}
	return nil, nil
}
