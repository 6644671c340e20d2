package fortianalyzer

import (
	"context"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// fortianalyzer_incident: incidents of the Incidents & Events module.
func incidentList() *eventList {
	return &eventList{
		Table:       "fortianalyzer_incident",
		Description: "Security incidents tracked in FortiAnalyzer (Incidents & Events) in a time window.",
		Fetch: func(ctx context.Context, c *faz.Client, adom string, start, end time.Time, filter string, limit int, fn func(faz.Row) error) error {
			return c.Incidents(ctx, faz.IncidentQuery{ADOM: adom, Start: start, End: end, Filter: filter, Limit: limit}, fn)
		},
		Columns: []viewColumn{
			{Name: "incident_id", Type: proto.ColumnType_STRING, Description: "Incident id, e.g. IN00000001.", Fields: []string{"incid"}},
			{Name: "name", Type: proto.ColumnType_STRING, Description: "Incident name.", Fields: []string{"name"}},
			{Name: "severity", Type: proto.ColumnType_STRING, Description: "Severity: critical, high, medium or low.", Fields: []string{"severity"}},
			{Name: "status", Type: proto.ColumnType_STRING, Description: "Status, e.g. new, analysis, response, closed.", Fields: []string{"status"}},
			{Name: "category", Type: proto.ColumnType_STRING, Description: "Incident category.", Fields: []string{"category"}},
			{Name: "description", Type: proto.ColumnType_STRING, Description: "Incident description.", Fields: []string{"description"}},
			{Name: "create_time", Type: proto.ColumnType_TIMESTAMP, Description: "When the incident was created.", Value: epochTime("createtime")},
			{Name: "last_update", Type: proto.ColumnType_TIMESTAMP, Description: "When the incident last changed.", Value: epochTime("lastupdate")},
			{Name: "endpoint", Type: proto.ColumnType_STRING, Description: "Endpoint the incident is about.", Fields: []string{"endpoint"}},
			{Name: "reporter", Type: proto.ColumnType_STRING, Description: "Who reported the incident.", Fields: []string{"reporter"}},
			{Name: "assigned_to", Type: proto.ColumnType_STRING, Description: "Analyst the incident is assigned to.", Fields: []string{"assigned_to"}},
			{Name: "title", Type: proto.ColumnType_STRING, Description: "Title of the resource: the incident's name.", Fields: []string{"name"}},
		},
	}
}
