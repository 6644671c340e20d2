package fortianalyzer

import (
	"context"
	"fmt"
	"strconv"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// fortianalyzer_ueba_endpoint: the UEBA endpoint (asset) inventory of an ADOM
// (get /ueba/adom/{adom}/endpoints). Fields: the ones rstierli/fortianalyzer-mcp shows on
// live 7.6.7/8.0.0 records (epid, epname, epip, euid, user, detectkey, risk_score) and
// ../shared/faz-api.md lists (importance [C: PM]); see internal/faz/ueba.go.
var uebaEndpointColumns = []viewColumn{
	{Name: "endpoint_id", Type: proto.ColumnType_STRING, Description: "Endpoint id (epid), the key fortianalyzer_compromised_host.endpoint_id and alerts' epid refer to (qual: = or IN, sent as epids).", Fields: []string{"epid"}},
	{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Endpoint name (epname); some builds put an address here.", Fields: []string{"epname"}},
	{Name: "ip", Type: proto.ColumnType_INET, Description: "Endpoint address (epip), the key to srcip in fortianalyzer_top_source, fortianalyzer_compromised_host and fortianalyzer_ioc_threat.sources; NULL when the appliance sends none.", Fields: []string{"epip"}},
	{Name: "end_user_id", Type: proto.ColumnType_STRING, Description: "Id of the endpoint's end user (euid), the key of fortianalyzer_ueba_end_user.", Fields: []string{"euid"}},
	{Name: "user_names", Type: proto.ColumnType_JSON, Description: "Names of the end users seen on the endpoint (user[].euname).", Value: uebaUserNames},
	{Name: "users", Type: proto.ColumnType_JSON, Description: "End users seen on the endpoint as the appliance lists them (user: [{euid, euname}]).", Fields: []string{"user"}},
	{Name: "detecting_unit", Type: proto.ColumnType_STRING, Description: "Serial of the device that detected the endpoint (detectkey).", Fields: []string{"detectkey"}},
	{Name: "risk_score", Type: proto.ColumnType_DOUBLE, Description: "UEBA risk score of the endpoint (risk_score; the appliance sends a decimal, often well below 1).", Fields: []string{"risk_score"}},
	{Name: "importance", Type: proto.ColumnType_STRING, Description: "Importance the appliance gives the endpoint (importance), as it sends it; NULL when none.", Fields: []string{"importance"}},
}

// uebaUserNames reads the euname of each entry of the user list.
func uebaUserNames(r *viewRow) any {
	list, ok := r.field("user").([]any)
	if !ok {
		return nil
	}
	out := []string{}
	for _, u := range list {
		if m, ok := u.(map[string]any); ok {
			if s, ok := toString(m["euname"]).(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func (p *pluginState) uebaEndpointTable() *plugin.Table {
	return p.uebaTable("fortianalyzer_ueba_endpoint", "endpoint_id",
		"Endpoints (assets) of FortiAnalyzer's UEBA inventory: name, address, end users, detecting unit, risk score.",
		uebaEndpointColumns, func(ctx context.Context, c *faz.Client, adom string, ids []int64) ([]faz.Row, error) {
			return c.UEBAEndpoints(ctx, adom, ids)
		})
}

// uebaTable builds a UEBA inventory table: an ADOM qual, an id qual sent to the appliance,
// the declared columns, adom and raw.
func (p *pluginState) uebaTable(name, idCol, desc string, decls []viewColumn,
	read func(ctx context.Context, c *faz.Client, adom string, ids []int64) ([]faz.Row, error)) *plugin.Table {
	cols := []*plugin.Column{{Name: colADOM, Type: proto.ColumnType_STRING, Description: "ADOM of the inventory (qual: = or IN; default: the connection's adom).",
		Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
			return d.HydrateItem.(*viewRow).Task.ADOM, nil
		})}}
	cols = append(cols, buildColumns(p, decls)...)
	cols = append(cols, rawColumn("The appliance's record as returned."))
	return &plugin.Table{
		Name:        name,
		Description: desc,
		List: &plugin.ListConfig{
			Hydrate: func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
				c, s, err := p.client(ctx, d)
				if err != nil {
					return nil, err
				}
				var ids []int64
				for _, v := range qualStrings(d, idCol) {
					n, err := strconv.ParseInt(v, 10, 64)
					if err != nil || n <= 0 {
						return nil, fmt.Errorf("%s: %q is not an id (a positive whole number such as '1025')", idCol, v)
					}
					ids = append(ids, n)
				}
				adoms := qualStrings(d, colADOM)
				if len(adoms) == 0 {
					adoms = []string{s.ADOM}
				}
				for _, a := range adoms {
					rows, err := read(ctx, c, a, ids)
					if err != nil {
						plugin.Logger(ctx).Error(name+".list", "api_error", err)
						return nil, fmt.Errorf("adom %s: %w", a, err)
					}
					task := &taskQuery{ADOM: a}
					for _, r := range rows {
						d.StreamListItem(ctx, &viewRow{Row: r, Task: task})
						if d.RowsRemaining(ctx) == 0 {
							return nil, nil
						}
					}
				}
				return nil, nil
			},
			KeyColumns: plugin.KeyColumnSlice{
				// Parameters of the request, not filters on its rows (see taskKeyColumns).
				taskKey(colADOM, "="),
				taskKey(idCol, "="),
			},
		},
		Columns: cols,
	}
}
