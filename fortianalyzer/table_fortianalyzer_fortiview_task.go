package fortianalyzer

import (
	"context"
	"errors"
	"fmt"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// taskStatusRow is one row of fortianalyzer_fortiview_task.
type taskStatusRow struct {
	ADOM string
	faz.TaskStatus
}

// fortiViewTaskTable is fortianalyzer_fortiview_task: a FortiView task's state, read with
// one get (the seed documents' task-id workflow asks "is it done yet?" without waiting).
func (p *pluginState) fortiViewTaskTable() *plugin.Table {
	col := func(name string, t proto.ColumnType, field, desc string) *plugin.Column {
		return &plugin.Column{Name: name, Type: t, Description: desc, Transform: transform.FromField(field)}
	}
	return &plugin.Table{
		Name:        "fortianalyzer_fortiview_task",
		Description: "State and percentage of existing FortiView tasks by task id, read without waiting (one request per tid).",
		// A task's state changes from one second to the next: a cached answer would be a
		// wrong one.
		Cache: &plugin.TableCacheOptions{Enabled: false},
		List: &plugin.ListConfig{
			Hydrate: p.listFortiViewTasks,
			KeyColumns: plugin.KeyColumnSlice{
				{Name: colTID, Require: plugin.Required, Operators: []string{"="}},
				{Name: "view", Require: plugin.Required, Operators: []string{"="}},
				{Name: colADOM, Require: plugin.Optional, Operators: []string{"="}},
			},
		},
		Columns: []*plugin.Column{
			col(colTID, proto.ColumnType_INT, "TID", "Task id (required qual: = or IN)."),
			col("view", proto.ColumnType_STRING, "View", "FortiView view the task runs, part of its url (required qual: =)."),
			col(colADOM, proto.ColumnType_STRING, "ADOM", "ADOM the task belongs to (qual: =; default: the connection's adom)."),
			col("state", proto.ColumnType_STRING, "State", "running, done, failed, expired (the plugin saw the task before; it is gone now) or unknown (the appliance does not know the tid: never created, or expired before the plugin saw it)."),
			{Name: "percentage", Type: proto.ColumnType_INT, Description: "Progress the appliance reports, 0-100 (NULL when it reports none, and for expired or unknown tasks).", Transform: transform.From(taskPercentage)},
			{Name: "total_count", Type: proto.ColumnType_INT, Description: "Rows the appliance says the result has (a floor on some builds; NULL when not reported).", Transform: transform.From(taskTotal)},
			col("rows", proto.ColumnType_INT, "Rows", "Rows in the answer to this read (partial while the task runs)."),
			col("message", proto.ColumnType_STRING, "Message", "Why the task failed or is gone, as the appliance said it."),
		},
	}
}

func taskPercentage(_ context.Context, d *transform.TransformData) (any, error) {
	if r := d.HydrateItem.(*taskStatusRow); r.Percentage >= 0 {
		return r.Percentage, nil
	}
	return nil, nil
}

func taskTotal(_ context.Context, d *transform.TransformData) (any, error) {
	if r := d.HydrateItem.(*taskStatusRow); r.TotalCount >= 0 {
		return r.TotalCount, nil
	}
	return nil, nil
}

// listFortiViewTasks reads each tid once. A tid the appliance no longer knows is a row
// with state expired or unknown rather than an error: telling the live tids from the dead
// ones is what the table is for.
func (p *pluginState) listFortiViewTasks(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	c, s, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	tids, err := qualTIDs(d)
	if err != nil {
		return nil, err
	}
	views := qualStrings(d, "view")
	if len(views) != 1 {
		return nil, errors.New("view: give the task's view, e.g. view = 'top-sources' (it is part of the task's url)")
	}
	adom := s.ADOM
	if a := qualStrings(d, colADOM); len(a) == 1 {
		adom = a[0]
	}
	for _, tid := range tids {
		st, err := c.FortiViewTaskStatus(ctx, adom, views[0], int(tid))
		if err != nil {
			plugin.Logger(ctx).Error("fortianalyzer_fortiview_task.list", "api_error", err)
			return nil, fmt.Errorf("tid %d: %w", tid, err)
		}
		d.StreamListItem(ctx, &taskStatusRow{ADOM: adom, TaskStatus: st})
		if d.RowsRemaining(ctx) == 0 {
			break
		}
	}
	return nil, nil
}

// qualTIDs returns the tid qual's values (one, or the members of an IN list), each checked
// to be a task id.
func qualTIDs(d *plugin.QueryData) ([]int64, error) {
	var out []int64
	seen := map[int64]bool{}
	if kq := d.Quals[colTID]; kq != nil {
		for _, q := range kq.Quals {
			for _, v := range qualValues(q.Value) {
				tid := v.GetInt64Value()
				if tid <= 0 {
					return nil, fmt.Errorf("tid: %d is not a task id (a positive whole number returned by a FortiView add)", tid)
				}
				if !seen[tid] {
					seen[tid] = true
					out = append(out, tid)
				}
			}
		}
	}
	return out, nil
}
