package fortianalyzer

import "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

// threatScoreColumns are the threat score counters several views share (threatweight,
// threat_block, threat_pass); of names what the score is of.
func threatScoreColumns(of string) []viewColumn {
	return []viewColumn{
		{Name: "threat_weight", Type: proto.ColumnType_INT, Description: "Threat score of " + of + ".", Fields: []string{"threatweight"}},
		{Name: "threat_block", Type: proto.ColumnType_INT, Description: "Threat score of the blocked sessions.", Fields: []string{"threat_block"}},
		{Name: "threat_pass", Type: proto.ColumnType_INT, Description: "Threat score of the sessions let through.", Fields: []string{"threat_pass"}},
	}
}

// deviceListColumns are the fortigates and vdoms columns of the views that aggregate
// over devices.
func deviceListColumns(saw string) []viewColumn {
	return []viewColumn{
		{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials or names) that " + saw + ".", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
		{Name: "vdoms", Type: proto.ColumnType_JSON, Description: "Device VDOMs that " + saw + ", as DEVICE[vdom].", Value: func(r *viewRow) any { return toList(r.field("devvds")) }},
	}
}

func concatColumns(parts ...[]viewColumn) []viewColumn {
	var out []viewColumn
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// rowBytes reads the byte count of either dialect: the seed documents call it `bytes`;
// FAZ 7.4-8.0 call it `bandwidth` (bytes, despite the name), or split it in and out.
func rowBytes(r *viewRow) any {
	if _, seed := r.Row["bytes"]; seed {
		return toInt(r.Row["bytes"])
	}
	if b := toInt(r.Row["bandwidth"]); b != nil {
		return b
	}
	in, inOK := toInt(r.Row["traffic_in"]).(int64)
	out, outOK := toInt(r.Row["traffic_out"]).(int64)
	if !inOK && !outOK {
		return nil
	}
	return in + out
}
