// Package fortianalyzer is a Steampipe plugin that answers SQL with FortiAnalyzer tasks: each
// table's list hydrate turns the query's quals into FortiView or log-search tasks, runs them
// through internal/faz and streams the rows.
package fortianalyzer

import (
	"context"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// Options tune a plugin instance for in-process users (the fazsql CLI, tests, benchmarks).
// Steampipe itself uses Plugin, which is New with zero Options.
type Options struct {
	// Progress, when set, is called on every poll of every task, e.g. to draw a progress line.
	Progress func(faz.Progress)
	// Now replaces the wall clock that default time windows end at (tests).
	Now func() time.Time
	// PollPolicy, when set, replaces the client's adaptive polling (benchmarks compare it
	// with fixed-interval polling).
	PollPolicy faz.PollPolicy
	// Warn, when set, also receives the warnings the plugin logs about risky settings
	// (insecure_skip_verify), for hosts whose logs are off by default (fazsql).
	Warn func(msg string)
}

// Plugin is the entry point Steampipe calls (see main.go).
func Plugin(ctx context.Context) *plugin.Plugin {
	return New(Options{})(ctx)
}

// New returns a PluginFunc for a plugin instance with the given options.
func New(opts Options) plugin.PluginFunc {
	f, _ := NewWithCloser(opts)
	return f
}

// NewWithCloser is New plus a function that logs out the sessions the instance opened, for
// in-process users that end before the appliance's idle timeout would (the CLI): a FAZ caps
// concurrent admin sessions, and one left per run adds up.
func NewWithCloser(opts Options) (plugin.PluginFunc, func(context.Context) error) {
	st := newPluginState(opts)
	return func(ctx context.Context) *plugin.Plugin {
		setFreeMemInterval()
		tables := st.tables()
		return &plugin.Plugin{
			Name:             "steampipe-plugin-fortianalyzer",
			DefaultTransform: transform.FromGo(),
			ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
				NewInstance: ConfigInstance,
			},
			// The table map never depends on the connection; going through TableMapFunc lets
			// a bad connection config fail when the connection is set, naming the option,
			// instead of at the first query. The dynamic schema mode is what makes the SDK
			// call it for every connection and every config change: in static mode it
			// builds the table map of the first connection only and reuses it.
			SchemaMode: plugin.SchemaModeDynamic,
			TableMapFunc: func(ctx context.Context, d *plugin.TableMapData) (map[string]*plugin.Table, error) {
				if err := st.load(ctx, d.Connection); err != nil {
					return nil, err
				}
				return tables, nil
			},
		}
	}, st.close
}

// tables is the plugin's table map. FortiView tables are declarations (fortiView values);
// the others are ordinary Steampipe tables.
func (p *pluginState) tables() map[string]*plugin.Table {
	m := map[string]*plugin.Table{}
	for _, v := range fortiViews() {
		m[v.Table] = v.table(p)
	}
	for _, lt := range logTables() {
		m[lt.Name] = lt.table(p)
	}
	for _, e := range []*eventList{alertList(), incidentList()} {
		m[e.Table] = e.table(p)
	}
	m["fortianalyzer_adom"] = p.adomTable()
	m["fortianalyzer_device"] = p.deviceTable()
	m["fortianalyzer_fortiview_task"] = p.fortiViewTaskTable()
	m["fortianalyzer_device_log_status"] = p.deviceLogStatusTable()
	m["fortianalyzer_ueba_endpoint"] = p.uebaEndpointTable()
	m["fortianalyzer_ueba_end_user"] = p.uebaEndUserTable()
	return m
}

// fortiViews lists every FortiView-backed table.
func fortiViews() []*fortiView {
	return []*fortiView{
		topSourceView(),
		iocThreatView(),
		topDestinationView(),
		topApplicationView(),
		topWebsiteView(),
		topCountryView(),
		policyHitView(),
		fortiViewAny(),
		compromisedHostView(),
		threatEndpointView(),
		failedAuthenticationView(),
		adminLoginView(),
		systemEventView(),
		siteToSiteVPNView(),
		dialupVPNView(),
		topCloudApplicationView(),
		timelineView(),
	}
}
