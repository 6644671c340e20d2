package fortianalyzer

import (
	"context"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// fortianalyzer_ueba_end_user: the UEBA end-user (identity) inventory of an ADOM
// (get /ueba/adom/{adom}/endusers, detail-level standard). Fields: the ones
// rstierli/fortianalyzer-mcp shows on live records (euid, euname, epids, importance,
// socialid); see internal/faz/ueba.go.
var uebaEndUserColumns = []viewColumn{
	{Name: "end_user_id", Type: proto.ColumnType_STRING, Description: "End-user id (euid), the key fortianalyzer_ueba_endpoint.end_user_id and fortianalyzer_compromised_host.end_user_id refer to (qual: = or IN, sent as euids).", Fields: []string{"euid"}},
	{Name: "name", Type: proto.ColumnType_STRING, Description: "End-user name (euname): a login name, or an address for an endpoint with no identified user.", Fields: []string{"euname"}},
	{Name: "endpoint_ids", Type: proto.ColumnType_JSON, Description: "Ids of the endpoints the end user was seen on (epids), as fortianalyzer_ueba_endpoint.endpoint_id values.", Value: func(r *viewRow) any { return toList(r.field("epids")) }},
	{Name: "importance", Type: proto.ColumnType_STRING, Description: "Importance the appliance gives the end user (importance), as it sends it.", Fields: []string{"importance"}},
}

func (p *pluginState) uebaEndUserTable() *plugin.Table {
	return p.uebaTable("fortianalyzer_ueba_end_user", "end_user_id",
		"End users (identities) of FortiAnalyzer's UEBA inventory: name, endpoints, importance.",
		uebaEndUserColumns, func(ctx context.Context, c *faz.Client, adom string, ids []int64) ([]faz.Row, error) {
			return c.UEBAEndUsers(ctx, adom, ids)
		})
}
