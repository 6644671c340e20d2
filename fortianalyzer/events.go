package fortianalyzer

import (
	"context"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// eventList declares a table over one of the appliance's synchronous, paged v3 lists
// (alerts, incidents): per ADOM, within a time window, with an optional raw filter.
type eventList struct {
	Table       string
	Description string
	Columns     []viewColumn
	// Fetch streams the list's rows for one ADOM and window.
	Fetch func(ctx context.Context, c *faz.Client, adom string, start, end time.Time, filter string, limit int, fn func(faz.Row) error) error
}

func (e *eventList) table(p *pluginState) *plugin.Table {
	keys := taskKeyColumns(nil, colADOM, colStartTime, colEndTime, colFilter)
	cols := buildColumns(p, e.Columns)
	for _, c := range taskColumns() {
		switch c.Name {
		case colADOM, colStartTime, colEndTime, colFilter, "raw":
			cols = append(cols, c)
		}
	}
	return &plugin.Table{
		Name:        e.Table,
		Description: e.Description,
		List:        &plugin.ListConfig{Hydrate: p.listEvents(e), KeyColumns: keys},
		Columns:     cols,
	}
}

func (p *pluginState) listEvents(e *eventList) plugin.HydrateFunc {
	return func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
		c, s, err := p.client(ctx, d)
		if err != nil {
			return nil, err
		}
		tasks, err := planTasks(d, s, nil, func() (window, error) {
			return resolveWindow(timeQuals(d, colStartTime), timeQuals(d, colEndTime), p.now(), s.DefaultTimeRange, s.MaxTimeRange)
		})
		if err != nil {
			return nil, err
		}
		limit := pushedLimit(d)
		return nil, streamTasks(ctx, d, e.Table, tasks, nil, func(ctx context.Context, t *taskQuery, emit func(faz.Record) error) error {
			return e.Fetch(ctx, c, t.ADOM, t.Window.Start, t.Window.End, t.Filter, limit, rowsOnly(emit))
		})
	}
}
