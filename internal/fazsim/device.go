package fazsim

import "strings"

// devSel is a parsed "device" parameter: nil devs means every device of the
// ADOM; otherwise device index -> VDOM set (nil set = every VDOM).
type devSel struct {
	devs map[int]map[string]bool
}

func (d devSel) matches(r *LogRow) bool {
	if d.devs == nil {
		return true
	}
	v, ok := d.devs[r.dev]
	if !ok {
		return false
	}
	return v == nil || v[r.vdom]
}

// key renders the selection canonically for cache keys.
func (d devSel) key(ds *Dataset) string {
	if d.devs == nil {
		return "*"
	}
	var b strings.Builder
	for i := range ds.devices {
		v, ok := d.devs[i]
		if !ok {
			continue
		}
		b.WriteString(ds.devices[i].Serial)
		for _, vd := range ds.devices[i].VDOMs {
			if v != nil && v[vd] {
				b.WriteString("[" + vd + "]")
			}
		}
		b.WriteByte(',')
	}
	return b.String()
}

// isAllSelector recognises every "all devices" spelling clients send:
// All_FortiGate, All_Devices, All_Device (FortiView's own) and the like.
func isAllSelector(v string) bool {
	return strings.HasPrefix(strings.ToLower(v), "all_")
}

// parseDevices reads the "device" list of an ADOM-scoped request. It
// accepts devid (serial, "serial[vdom]" or an All_* group), devname (a
// device name or All_Device; a serial there matches nothing, as on the
// appliance) and csfname (the fabric: every device). present is false when
// no usable selector was given.
func (s *Server) parseDevices(adom int, raw any) (sel devSel, present bool, err *rpcError) {
	list, ok := raw.([]any)
	if !ok {
		if m, isMap := raw.(map[string]any); isMap {
			list = []any{m}
		} else {
			return devSel{}, false, nil
		}
	}
	a := &s.data.adoms[adom]
	sel.devs = map[int]map[string]bool{}
	all := false
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		devid, _ := m["devid"].(string)
		devname, _ := m["devname"].(string)
		csf, _ := m["csfname"].(string)
		vdom, _ := m["vdom"].(string)
		switch {
		case devid != "":
			present = true
			if isAllSelector(devid) {
				all = true
				continue
			}
			// The spec: "Format: devid[vdom]. e.g. 'FGT60C0000000001[root]'".
			serial, vd := splitVDOM(devid)
			if vd != "" {
				vdom = vd
			}
			idx, ok := s.data.bySerial[serial]
			if !ok || s.data.devices[idx].ADOM != a.Name || (vdom != "" && !contains(s.data.devices[idx].VDOMs, vdom)) {
				return devSel{}, true, errDevNotFound
			}
			sel.add(idx, vdom)
		case devname != "":
			present = true
			if isAllSelector(devname) {
				all = true
				continue
			}
			// The spec: "Format: devname[vdom]. e.g. 'FGT-vancouver[root]'".
			name, vd := splitVDOM(devname)
			if vd != "" {
				vdom = vd
			}
			for _, d := range a.Devices {
				if d.Name == name && (vdom == "" || contains(d.VDOMs, vdom)) {
					sel.add(s.data.bySerial[d.Serial], vdom)
				}
			}
			// Unknown names (and serials under devname) select nothing.
		case csf != "":
			present = true
			all = true
		}
	}
	if all {
		return devSel{}, true, nil
	}
	return sel, present, nil
}

func (d *devSel) add(idx int, vdom string) {
	if vdom == "" {
		d.devs[idx] = nil
		return
	}
	v, ok := d.devs[idx]
	if ok && v == nil {
		return // already every VDOM
	}
	if v == nil {
		v = map[string]bool{}
		d.devs[idx] = v
	}
	v[vdom] = true
}

// splitVDOM splits "device[vdom]" into the device and the VDOM ("" when the
// value has no VDOM suffix).
func splitVDOM(v string) (dev, vdom string) {
	if i := strings.IndexByte(v, '['); i > 0 && strings.HasSuffix(v, "]") {
		return v[:i], v[i+1 : len(v)-1]
	}
	return v, ""
}
