package faz

import (
	"context"
	"fmt"
)

// LogStats reads the log statistics of an ADOM's devices (get /logview/adom/{adom}/logstats,
// FAZ 7.6.7 logview spec): one Row per device as the appliance sends it (devid, devname,
// logging-mode, ..., and vdoms: per VDOM last-log-time, lograte, ...). No devices means all
// of the ADOM's devices.
func (c *Client) LogStats(ctx context.Context, adom string, devices []Device) ([]Row, error) {
	if err := checkSegment("adom", adom); err != nil {
		return nil, err
	}
	url := "/logview/adom/" + adom + "/logstats"
	p := map[string]any{"apiver": 3}
	if len(devices) > 0 {
		p["device"] = logviewDevices(devices)
	}
	resp, err := c.call(ctx, request{Method: "get", URL: url, Params: p, Replay: readReplay})
	if err != nil {
		return nil, err
	}
	data, ok := resp.Payload["data"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("faz: get %s: the answer has no data object", url)
	}
	list, ok := data["devs"].([]any)
	if !ok {
		if _, present := data["devs"]; present {
			return nil, fmt.Errorf("faz: get %s: devs is %T, want a list", url, data["devs"])
		}
		return nil, nil // no device
	}
	out := make([]Row, 0, len(list))
	for _, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("faz: get %s: a device entry is %T, want an object", url, v)
		}
		out = append(out, Row(m))
	}
	return out, nil
}
