package fortianalyzer

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

var adomColumns = []viewColumn{
	{Name: "name", Type: proto.ColumnType_STRING, Description: "ADOM name, the value the other tables' adom column takes.", Fields: []string{"name"}},
	{Name: "oid", Type: proto.ColumnType_INT, Description: "Object id of the ADOM.", Fields: []string{"oid"}},
	{Name: "description", Type: proto.ColumnType_STRING, Description: "ADOM description.", Fields: []string{"desc"}},
	{Name: "state", Type: proto.ColumnType_INT, Description: "ADOM state (1 = enabled).", Fields: []string{"state"}},
	{Name: "os_version", Type: proto.ColumnType_STRING, Description: "FortiOS version of the ADOM, e.g. 7.4.", Value: adomVersion},
	{Name: "restricted_products", Type: proto.ColumnType_STRING, Description: "Device types the ADOM holds, e.g. fos.", Fields: []string{"restricted_prds"}},
	{Name: "timezone", Type: proto.ColumnType_INT, Description: "Time zone index of the ADOM.", Fields: []string{"tz"}},
	{Name: "create_time", Type: proto.ColumnType_TIMESTAMP, Description: "When the ADOM was created.", Value: epochTime("create_time")},
	{Name: "log_db_retention_hours", Type: proto.ColumnType_INT, Description: "How long analytics (database) logs are kept, in hours.", Fields: []string{"log_db_retention_hours"}},
	{Name: "log_file_retention_hours", Type: proto.ColumnType_INT, Description: "How long archived log files are kept, in hours.", Fields: []string{"log_file_retention_hours"}},
	{Name: "log_disk_quota", Type: proto.ColumnType_INT, Description: "Disk quota for the ADOM's logs, in MB.", Fields: []string{"log_disk_quota"}},
	{Name: "uuid", Type: proto.ColumnType_STRING, Description: "ADOM UUID.", Fields: []string{"uuid"}},
	{Name: "title", Type: proto.ColumnType_STRING, Description: "Title of the resource: the ADOM's name.", Fields: []string{"name"}},
}

func adomVersion(r *viewRow) any {
	v, ok := toInt(r.field("os_ver")).(int64)
	if !ok {
		return nil
	}
	mr, _ := toInt(r.field("mr")).(int64)
	return formatVersion(v, mr, -1)
}

// adomTable is fortianalyzer_adom: the administrative domains of the appliance.
func (p *pluginState) adomTable() *plugin.Table {
	cols := buildColumns(p, adomColumns)
	cols = append(cols, rawColumn("The appliance's record as returned."))
	return &plugin.Table{
		Name:        "fortianalyzer_adom",
		Description: "Administrative domains (ADOMs) of the FortiAnalyzer.",
		List:        &plugin.ListConfig{Hydrate: p.listADOMs},
		Columns:     cols,
	}
}

func (p *pluginState) listADOMs(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	c, _, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	rows, err := c.ADOMs(ctx)
	if err != nil {
		plugin.Logger(ctx).Error("fortianalyzer_adom.list", "api_error", err)
		return nil, err
	}
	for _, r := range rows {
		d.StreamListItem(ctx, &viewRow{Row: r, Task: &taskQuery{}})
		if d.RowsRemaining(ctx) == 0 {
			break
		}
	}
	return nil, nil
}
