package fortianalyzer

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"sync"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// fortianalyzer_ioc_threat: the IOC analysis of the seed documents. FAZ has no IOC listing
// endpoint; its "IOC" requests call FortiView top-threats, so this table is that view.
func iocThreatView() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_ioc_threat",
		View:        "top-threats",
		Description: "Threats and indicators of compromise seen in a time window (FortiView Top Threats), with the endpoints that hit them.",
		DefaultSort: []faz.Sort{{Field: "threatweight", Order: "desc"}},
		Pushdown: []pushdown{
			{Column: "threat", Field: "threat"},
			// The spec's top-threats filter names the type threattype_s.
			{Column: "threat_type", Field: "threattype_s"},
		},
		Columns: []viewColumn{
			{Name: "threat", Type: proto.ColumnType_STRING, Description: "Threat name: signature, malware, URL category or domain (qual: = or IN, pushed into the task's filter).", Fields: []string{"threat"}},
			{Name: "threat_type", Type: proto.ColumnType_STRING, Description: "Kind of threat, e.g. ips, malware-detected, Malicious Websites (qual: = or IN, pushed down).", Fields: []string{"threattype"}},
			{Name: "severity", Type: proto.ColumnType_STRING, Description: "Severity: critical, high, medium, low or info.", Value: threatSeverity, Local: true},
			{Name: "threat_level", Type: proto.ColumnType_INT, Description: "Numeric threat level: 4 critical, 3 high, 2 medium, 1 low, 0 info.", Value: threatLevel, Local: true},
			{Name: "threat_weight", Type: proto.ColumnType_INT, Description: "Threat score the appliance ranks threats by.", Fields: []string{"threatweight"}, Local: true},
			{Name: "incidents", Type: proto.ColumnType_INT, Description: "Number of incidents (log events) of the threat in the window.", Fields: []string{"incidents"}, Local: true},
			{Name: "detected", Type: proto.ColumnType_INT, Description: "Incidents detected, blocked or not.", Fields: []string{"detected", "incidents"}, Local: true},
			{Name: "blocked", Type: proto.ColumnType_INT, Description: "Incidents the FortiGate blocked.", Fields: []string{"blocked", "incident_block"}, Local: true},
			{Name: "incident_block", Type: proto.ColumnType_INT, Description: "Blocked incidents, as the appliance counts them (NULL in the seed dialect).", Fields: []string{"incident_block"}},
			{Name: "incident_pass", Type: proto.ColumnType_INT, Description: "Incidents let through (NULL in the seed dialect).", Fields: []string{"incident_pass"}},
			{Name: "threat_block", Type: proto.ColumnType_INT, Description: "Blocked threat weight (NULL in the seed dialect).", Fields: []string{"threat_block"}},
			{Name: "threat_pass", Type: proto.ColumnType_INT, Description: "Threat weight let through (NULL in the seed dialect).", Fields: []string{"threat_pass"}},
			{Name: "sources", Type: proto.ColumnType_JSON, Description: "Endpoint IP addresses that hit the threat; from the row when the appliance sends it, else from a log search run only when this column is selected.",
				Hydrate: func(p *pluginState) plugin.HydrateFunc { return p.threatSources }},
			{Name: "cve_list", Type: proto.ColumnType_JSON, Description: "CVE identifiers associated with the threat.", Value: func(r *viewRow) any { return toList(r.field("cve_list")) }},
			{Name: "app_id", Type: proto.ColumnType_INT, Description: "Application id associated with the threat, when there is one.", Fields: []string{"appid"}},
			{Name: "log_type", Type: proto.ColumnType_STRING, Description: "Log type the threat was counted from, e.g. traffic, attack, virus.", Fields: []string{"logtype_str"}},
			{Name: "fortigates", Type: proto.ColumnType_JSON, Description: "FortiGates (serials or names) that saw the threat.", Value: func(r *viewRow) any { return toList(r.field("fortigate")) }},
			{Name: "vdoms", Type: proto.ColumnType_JSON, Description: "Device VDOMs that saw the threat, as DEVICE[vdom].", Value: func(r *viewRow) any { return toList(r.field("devvds")) }},
		},
	}
}

// severityNames indexes FAZ threat levels (0-4) to the seed documents' severity words.
var severityNames = []string{"info", "low", "medium", "high", "critical"}

func threatSeverity(r *viewRow) any {
	if s, ok := toString(r.field("severity", "level_s")).(string); ok {
		return strings.ToLower(s)
	}
	if l, ok := threatLevel(r).(int64); ok && l >= 0 && int(l) < len(severityNames) {
		return severityNames[l]
	}
	return nil
}

func threatLevel(r *viewRow) any {
	if l := toInt(r.field("threatlevel")); l != nil {
		return l
	}
	s, _ := toString(r.field("severity", "level_s")).(string)
	for i, n := range severityNames {
		if strings.EqualFold(n, s) {
			return int64(i)
		}
	}
	return nil
}

// threatLogField is the log field that names a top-threats threat in logs of its log
// type: FortiOS has no generic "threat" log field. IPS logs name it `attack`, antivirus
// logs `virus`, web-filter logs the `hostname` (a domain threat), DNS-filter logs the
// `qname`, application-control logs the `app`, and traffic logs list it in `threats`
// (FortiOS log reference; a FortiGate traffic log shows threats={blocked-connection}).
func threatLogField(logType string) string {
	switch logType {
	case "attack":
		return "attack"
	case "virus":
		return "virus"
	case "webfilter":
		return "hostname"
	case "dns":
		return "qname"
	case "app-ctrl":
		return "app"
	}
	return "threats"
}

// threatSources is the per-row hydrate of `sources`. The seed dialect sends the list on the
// row; FAZ 7.4-8.0 do not, so it reads the sources of every threat of the task from one
// threat-src-dst run in the same ADOM, device and window (threatSourcesFromView), and
// searches the threat's logs for the distinct source addresses only where the appliance
// does not serve that view or the view lacks the threat. It only runs when the column is
// selected.
func (p *pluginState) threatSources(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	if plugin.IsCancelled(ctx) {
		return nil, nil // the scan is stopping: SQL will not read this row
	}
	r := h.Item.(*viewRow)
	if v, ok := r.Row["sources"]; ok {
		return toList(v), nil
	}
	name, _ := toString(r.field("threat")).(string)
	if name == "" || !r.Task.HasWindow {
		return nil, nil
	}
	c, _, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	if srcs, ok, err := threatSourcesFromView(ctx, c, r.Task, name); err != nil || ok {
		return srcs, err
	}
	logType, _ := toString(r.field("logtype_str")).(string)
	if logType == "" {
		logType = "traffic"
	}
	spec := faz.LogSearchSpec{
		ADOM:    r.Task.ADOM,
		LogType: logType,
		Start:   r.Task.Window.Start,
		End:     r.Task.Window.End,
	}
	if spec.Devices, err = r.Task.selectors(ctx, c); err != nil {
		return nil, err
	}
	sources, err := c.DistinctLogValues(ctx, spec, faz.Cond{Field: threatLogField(logType), Op: "==", Values: []string{name}}, "srcip")
	if err != nil {
		plugin.Logger(ctx).Error("fortianalyzer_ioc_threat.threatSources", "api_error", err)
		return nil, fmt.Errorf("sources of threat %q: %w", name, err)
	}
	return sources, nil
}

// taskMemo is computed once per task for its rows' hydrates.
type taskMemo struct {
	once    sync.Once
	sources map[string][]string // threat -> source addresses, from threat-src-dst
	err     error
}

// threatSourcesFromView answers a threat's sources from one threat-src-dst run per task
// (shared by the task's rows): ok is false when the appliance does not serve the view or
// its answer lacks the threat, and the caller then searches the logs.
func threatSourcesFromView(ctx context.Context, c *faz.Client, t *taskQuery, threat string) ([]string, bool, error) {
	if t.memo == nil {
		return nil, false, nil
	}
	m := t.memo
	m.once.Do(func() {
		spec := faz.FortiViewSpec{ADOM: t.ADOM, View: "threat-src-dst", Start: t.Window.Start, End: t.Window.End}
		if spec.Devices, m.err = t.selectors(ctx, c); m.err != nil {
			return
		}
		seen := map[string]map[string]bool{}
		srcs := map[string][]string{}
		_, err := c.RunFortiView(ctx, spec, func(row faz.Row) error {
			th, _ := toString(row["threat"]).(string)
			ip, _ := toString(row["srcip"]).(string)
			if th == "" || ip == "" {
				return nil
			}
			if seen[th] == nil {
				seen[th] = map[string]bool{}
			}
			if !seen[th][ip] {
				seen[th][ip] = true
				srcs[th] = append(srcs[th], ip)
			}
			return nil
		})
		switch {
		case faz.IsViewNotServed(err):
			// Not served (another build): every row falls back to its log search.
		case err != nil:
			m.err = fmt.Errorf("sources from threat-src-dst: %w", err)
		default:
			for _, l := range srcs {
				sortAddresses(l)
			}
			m.sources = srcs
		}
	})
	if m.err != nil {
		return nil, false, m.err
	}
	l, ok := m.sources[threat]
	return l, ok, nil
}

// sortAddresses orders IP addresses numerically (text that is no address last).
func sortAddresses(l []string) {
	sort.Slice(l, func(i, j int) bool {
		a, errA := netip.ParseAddr(l[i])
		b, errB := netip.ParseAddr(l[j])
		if errA != nil || errB != nil {
			return errA == nil || (errB != nil && l[i] < l[j])
		}
		return a.Less(b)
	})
}
