package faz

import (
	"regexp"
	"strings"
)

// pathSegment is what may be interpolated into a FAZ url: ADOM, view and
// device names are plain tokens, so nothing can add path segments.
var pathSegment = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)

// checkSegment validates a url path component, naming the parameter.
func checkSegment(param, v string) error {
	if !pathSegment.MatchString(v) || strings.Trim(v, ".") == "" {
		return paramErr(param, "want a name of letters, digits, '_', '-' or '.', got %q", v)
	}
	return nil
}

// Device selects one device for a task. The zero value means all devices.
type Device struct {
	Serial string // e.g. FGT60F0000000001; sent as devid
	Name   string // device name; sent as devname
	VDOM   string // one VDOM of the device: sent as devid[vdom] / devname[vdom] (the spec's form)
}

// fortiviewDevices renders devices for FortiView: all devices is
// [{"devname":"All_Device"}] (the only spelling every release honours).
func fortiviewDevices(ds []Device) []map[string]string {
	return renderDevices(ds, map[string]string{"devname": "All_Device"})
}

// logviewDevices renders devices for log searches: all is All_FortiGate.
func logviewDevices(ds []Device) []map[string]string {
	return renderDevices(ds, map[string]string{"devid": "All_FortiGate"})
}

func renderDevices(ds []Device, all map[string]string) []map[string]string {
	var out []map[string]string
	for _, d := range ds {
		switch {
		case d.Serial != "":
			out = append(out, map[string]string{"devid": withVDOM(d.Serial, d.VDOM)})
		case d.Name != "":
			out = append(out, map[string]string{"devname": withVDOM(d.Name, d.VDOM)})
		default:
			return []map[string]string{all} // one "all" entry subsumes the rest
		}
	}
	if len(out) == 0 {
		return []map[string]string{all}
	}
	return out
}

func withVDOM(dev, vdom string) string {
	if vdom == "" {
		return dev
	}
	return dev + "[" + vdom + "]"
}
