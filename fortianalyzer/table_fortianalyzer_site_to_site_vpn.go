package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_site_to_site_vpn: FortiView "Site to site IPsec" (site-to-site-ipsec), per
// tunnel. Fields: the FAZ 7.6.7 spec's sortable fields of the view, plus vpntunnel (a live
// row key: ../shared/faz-api.md's view catalogue [L], rstierli/fortianalyzer-mcp
// masking/fields.py).
func siteToSiteVPNView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_site_to_site_vpn",
		View:        "site-to-site-ipsec",
		Description: "Site-to-site IPsec VPN tunnels with their traffic (FortiView Site to Site IPsec) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "vpn_name", Field: "vpnname"},
			{Column: "local_ip", Field: "locip"},
			{Column: "remote_ip", Field: "remip"},
		},
		Columns: []viewColumn{
			{Name: "vpn_name", Type: proto.ColumnType_STRING, Description: "Phase 1 name of the VPN (vpnname; qual: = or IN, pushed into the task's filter).", Fields: []string{"vpnname"}},
			{Name: "tunnel", Type: proto.ColumnType_STRING, Description: "Tunnel name (vpntunnel); NULL when the appliance sends none.", Fields: []string{"vpntunnel"}},
			{Name: "local_ip", Type: proto.ColumnType_INET, Description: "Local gateway address (locip; qual: = or IN, pushed down).", Fields: []string{"locip"}},
			{Name: "remote_ip", Type: proto.ColumnType_INET, Description: "Remote gateway address (remip; qual: = or IN, pushed down).", Fields: []string{"remip"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Bytes through the tunnel in the window (bandwidth), in and out.", Fields: []string{"bandwidth"}},
			{Name: "bytes_in", Type: proto.ColumnType_INT, Description: "Bytes received through the tunnel (traffic_in).", Fields: []string{"traffic_in"}},
			{Name: "bytes_out", Type: proto.ColumnType_INT, Description: "Bytes sent through the tunnel (traffic_out).", Fields: []string{"traffic_out"}},
			{Name: "duration", Type: proto.ColumnType_INT, Description: "Time the tunnel was up, as the appliance reports it (duration); NULL when it sends none.", Fields: []string{"duration"}},
		},
	}
}
