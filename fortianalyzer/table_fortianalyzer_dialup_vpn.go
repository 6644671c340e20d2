package fortianalyzer

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_dialup_vpn: FortiView "SSL dial-up IPsec" (ssl-dialup-ipsec), per dial-up
// user and client address. Fields: the FAZ 7.6.7 spec's sortable fields of the view.
func dialupVPNView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_dialup_vpn",
		View:        "ssl-dialup-ipsec",
		Description: "Dial-up VPN (SSL and IPsec) users with their connections and traffic (FortiView SSL & Dialup IPsec) in a time window.",
		DefaultSort: []faz.Sort{{Field: "bandwidth", Order: "desc"}},
		Pushdown:    []pushdown{{Column: "remote_ip", Field: "remip"}},
		Columns: []viewColumn{
			{Name: "user_name", Type: proto.ColumnType_STRING, Description: "VPN user (f_user).", Fields: []string{"f_user"}},
			{Name: "remote_ip", Type: proto.ColumnType_INET, Description: "Address the user connected from (remip; qual: = or IN, pushed into the task's filter).", Fields: []string{"remip"}},
			{Name: "connections", Type: proto.ColumnType_INT, Description: "Tunnels the user brought up in the window (connections).", Fields: []string{"connections"}},
			{Name: "bytes", Type: proto.ColumnType_INT, Description: "Bytes through the user's tunnels (bandwidth), in and out.", Fields: []string{"bandwidth"}},
			{Name: "bytes_in", Type: proto.ColumnType_INT, Description: "Bytes received (traffic_in).", Fields: []string{"traffic_in"}},
			{Name: "bytes_out", Type: proto.ColumnType_INT, Description: "Bytes sent (traffic_out).", Fields: []string{"traffic_out"}},
			{Name: "duration", Type: proto.ColumnType_INT, Description: "Time connected, as the appliance reports it (duration); NULL when it sends none.", Fields: []string{"duration"}},
			{Name: "last_seen", Type: proto.ColumnType_TIMESTAMP, Description: "End of the user's last tunnel in the window (end_time); NULL when none.", Value: epochTime("end_time")},
			{Name: "vpn_type", Type: proto.ColumnType_STRING, Description: "Kind of dial-up VPN (vpn_type_group); NULL when the appliance sends none.", Fields: []string{"vpn_type_group"}},
			{Name: "device_group", Type: proto.ColumnType_STRING, Description: "Device group of the tunnels (device_group); NULL when none.", Fields: []string{"device_group"}},
		},
	}
}
