package fortianalyzer

import (
	"context"
	"fmt"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
)

// perVDOM fans tasks out over the VDOM qual's values.
func perVDOM(tasks []*taskQuery, vdoms []string) []*taskQuery {
	return fanOut(tasks, vdoms, func(t *taskQuery, v string) { t.VDOM = v })
}

// fanOut copies each task once per value; set applies the value to the copy.
func fanOut(tasks []*taskQuery, values []string, set func(*taskQuery, string)) []*taskQuery {
	out := make([]*taskQuery, 0, len(tasks)*len(values))
	for _, t := range tasks {
		for _, v := range values {
			tt := *t
			set(&tt, v)
			out = append(out, &tt)
		}
	}
	return out
}

// selectors resolves the task's device and VDOM quals to the appliance's device list, once
// per task; nil means all devices.
func (t *taskQuery) selectors(ctx context.Context, c *faz.Client) ([]faz.Device, error) {
	if t.devs != nil {
		return *t.devs, nil
	}
	var out []faz.Device
	switch {
	case t.VDOM != "" && isAllDevices(t.Device):
		rows, err := c.Devices(ctx, t.ADOM)
		if err != nil {
			return nil, fmt.Errorf("vdom %q: reading the devices of ADOM %s: %w", t.VDOM, t.ADOM, err)
		}
		for _, r := range rows {
			if sn, _ := toString(r["sn"]).(string); sn != "" && hasVDOM(r, t.VDOM) {
				out = append(out, faz.Device{Serial: sn, VDOM: t.VDOM})
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("vdom %q: no device of ADOM %s has this VDOM (fortianalyzer_device lists their vdoms)", t.VDOM, t.ADOM)
		}
	case t.VDOM != "":
		if strings.Contains(t.Device, "[") {
			return nil, fmt.Errorf("device %q: give the VDOM either in device (device[vdom]) or in vdom, not both", t.Device)
		}
		d, err := resolveDevice(ctx, c, t.ADOM, t.Device+"["+t.VDOM+"]")
		if err != nil {
			return nil, err
		}
		out = []faz.Device{d}
	default:
		d, err := resolveDevice(ctx, c, t.ADOM, t.Device)
		if err != nil {
			return nil, err
		}
		if d != (faz.Device{}) {
			out = []faz.Device{d}
		}
	}
	t.devs = &out
	return out, nil
}

func isAllDevices(qual string) bool { return qual == "" || allDevicesAliases[strings.ToLower(qual)] }

// resolveDevice maps a device qual to the appliance's selector. It accepts a serial, a
// device name, and either with a VDOM as serial[vdom] or name[vdom] (the spec's devid[vdom]
// form); the all-devices spellings select everything. The device is looked up in the
// ADOM's device list and sent as its serial under devid, because the appliance answers a
// device name it does not know with no rows rather than an error.
func resolveDevice(ctx context.Context, c *faz.Client, adom, qual string) (faz.Device, error) {
	if isAllDevices(qual) {
		return faz.Device{}, nil
	}
	name, vdom := qual, ""
	if i := strings.IndexByte(qual, '['); i >= 0 {
		if i == 0 || !strings.HasSuffix(qual, "]") || i == len(qual)-2 {
			return faz.Device{}, fmt.Errorf("device %q: want a serial, a device name, serial[vdom] or name[vdom]", qual)
		}
		name, vdom = qual[:i], qual[i+1:len(qual)-1]
	}
	rows, err := c.Devices(ctx, adom)
	if err != nil {
		return faz.Device{}, fmt.Errorf("device %q: reading the devices of ADOM %s: %w", qual, adom, err)
	}
	for _, r := range rows {
		sn, _ := toString(r["sn"]).(string)
		dn, _ := toString(r["name"]).(string)
		if !strings.EqualFold(sn, name) && dn != name {
			continue
		}
		if vdom != "" && !hasVDOM(r, vdom) {
			return faz.Device{}, fmt.Errorf("device %q: %s has no VDOM %q (its VDOMs: %s)", qual, name, vdom, strings.Join(vdomNames(r), ", "))
		}
		if sn == "" {
			return faz.Device{Name: dn, VDOM: vdom}, nil
		}
		return faz.Device{Serial: sn, VDOM: vdom}, nil
	}
	return faz.Device{}, fmt.Errorf("device %q: no such device in ADOM %s (give a serial, a device name, serial[vdom] or name[vdom]; fortianalyzer_device lists them)", qual, adom)
}

func vdomNames(r faz.Row) []string {
	names, _ := deviceVDOMs(&viewRow{Row: r}).([]string)
	return names
}

func hasVDOM(r faz.Row, vdom string) bool {
	for _, v := range vdomNames(r) {
		if v == vdom {
			return true
		}
	}
	return false
}
