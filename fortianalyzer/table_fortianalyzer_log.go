package fortianalyzer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"google.golang.org/protobuf/types/known/timestamppb"
)

const (
	colLogType = "log_type"
	colLogTime = "log_time"
	// defaultLogType is searched when a query names no log_type: the log type most
	// questions are about.
	defaultLogType = "traffic"
)

// logPushdown lists the columns whose `=` / IN quals go into the log search's filter.
var logPushdown = []pushdown{
	{Column: "srcip", Field: "srcip"},
	{Column: "dstip", Field: "dstip"},
	{Column: "srcport", Field: "srcport"},
	{Column: "dstport", Field: "dstport"},
	{Column: "action", Field: "action"},
	{Column: "policy_id", Field: "policyid"},
	{Column: "service", Field: "service"},
	{Column: "user_name", Field: "user"},
	{Column: "app", Field: "app"},
	{Column: "subtype", Field: "subtype"},
	{Column: "level", Field: "level"},
}

// logThreatField is the FortiOS field that names the threat in each log type the `threat`
// column reads (there is no generic "threat" log field); a `threat` qual is pushed into
// the search when the query names one of these log types.
var logThreatField = map[string]string{"attack": "attack", "virus": "virus", "traffic": "threats"}

// logColumns are the fields common to FortiGate logs; everything else is in raw.
var logColumns = []viewColumn{
	{Name: colLogTime, Type: proto.ColumnType_TIMESTAMP, Description: "When the FortiAnalyzer received the log (itime). Range quals narrow the search window.", Value: logTime},
	{Name: "log_id", Type: proto.ColumnType_STRING, Description: "Log record id on the appliance.", Fields: []string{"id"}},
	{Name: "log_type", Type: proto.ColumnType_STRING, Description: "Log type searched: traffic (default), event, attack, virus, webfilter, app-ctrl, dns, ... (qual: = or IN).", Value: func(r *viewRow) any { return r.Task.LogType }},
	{Name: "subtype", Type: proto.ColumnType_STRING, Description: "Log subtype, e.g. forward, local, system (qual: =, pushed down).", Fields: []string{"subtype"}},
	{Name: "level", Type: proto.ColumnType_STRING, Description: "Log level, e.g. notice, warning, alert (qual: =, pushed down).", Fields: []string{"level"}},
	{Name: "device_id", Type: proto.ColumnType_STRING, Description: "Serial number of the FortiGate that sent the log.", Fields: []string{"devid"}},
	{Name: "device_name", Type: proto.ColumnType_STRING, Description: "Name of the FortiGate that sent the log.", Fields: []string{"devname"}},
	{Name: "vdom", Type: proto.ColumnType_STRING, Description: "VDOM that logged the event.", Fields: []string{"vd"}},
	{Name: "srcip", Type: proto.ColumnType_INET, Description: "Source IP address (qual: = or IN, pushed down).", Fields: []string{"srcip"}},
	{Name: "srcport", Type: proto.ColumnType_INT, Description: "Source port (qual: =, pushed down).", Fields: []string{"srcport"}},
	{Name: "dstip", Type: proto.ColumnType_INET, Description: "Destination IP address (qual: = or IN, pushed down).", Fields: []string{"dstip"}},
	{Name: "dstport", Type: proto.ColumnType_INT, Description: "Destination port (qual: =, pushed down).", Fields: []string{"dstport"}},
	{Name: "proto", Type: proto.ColumnType_INT, Description: "IP protocol number.", Fields: []string{"proto"}},
	{Name: "service", Type: proto.ColumnType_STRING, Description: "Service name, e.g. HTTPS (qual: =, pushed down).", Fields: []string{"service"}},
	{Name: "action", Type: proto.ColumnType_STRING, Description: "Action taken, e.g. accept, deny, blocked, dropped (qual: = or IN, pushed down).", Fields: []string{"action"}},
	{Name: "policy_id", Type: proto.ColumnType_INT, Description: "Firewall policy id (qual: =, pushed down).", Fields: []string{"policyid"}},
	{Name: "policy_name", Type: proto.ColumnType_STRING, Description: "Firewall policy name.", Fields: []string{"policyname"}},
	{Name: "user_name", Type: proto.ColumnType_STRING, Description: "Authenticated user (qual: =, pushed down).", Fields: []string{"user"}},
	{Name: "app", Type: proto.ColumnType_STRING, Description: "Application name (qual: =, pushed down).", Fields: []string{"app"}},
	{Name: "sent_bytes", Type: proto.ColumnType_INT, Description: "Bytes sent by the source.", Fields: []string{"sentbyte"}},
	{Name: "received_bytes", Type: proto.ColumnType_INT, Description: "Bytes received by the source.", Fields: []string{"rcvdbyte"}},
	{Name: "src_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the source.", Fields: []string{"srccountry"}},
	{Name: "dst_country", Type: proto.ColumnType_STRING, Description: "GeoIP country of the destination.", Fields: []string{"dstcountry"}},
	{Name: "hostname", Type: proto.ColumnType_STRING, Description: "Host name requested (web filter, DNS and some traffic logs).", Fields: []string{"hostname", "qname"}},
	{Name: "url", Type: proto.ColumnType_STRING, Description: "URL requested (web filter logs).", Fields: []string{"url"}},
	{Name: "threat", Type: proto.ColumnType_STRING, Description: "Threat name: the attack of IPS logs, the virus of antivirus logs, the threats of traffic logs (qual: =, pushed down when log_type is one of these).", Fields: []string{"attack", "virus", "threats"}},
	{Name: "threat_level", Type: proto.ColumnType_INT, Description: "Threat level from the log's crlevel: 0 (info) to 4 (critical).", Value: logThreatLevel},
	{Name: "message", Type: proto.ColumnType_STRING, Description: "Log message or description.", Fields: []string{"msg", "logdesc"}},
}

func logTime(r *viewRow) any {
	if s, ok := toInt(r.field("itime")).(int64); ok && s > 0 {
		return time.Unix(s, 0).UTC()
	}
	return nil
}

// logTable is fortianalyzer_log: FortiAnalyzer log search as a table. Each page of up to
// 1000 rows is its own search on the appliance (tids are single-use), run by the client's
// pager while the previous page streams.
func (p *pluginState) logTable() *plugin.Table {
	keys := taskKeyColumns(append(append([]pushdown(nil), logPushdown...), pushdown{Column: "threat"}), colLogType, colADOM, colDevice, colStartTime, colEndTime, colFilter, colCaseSensitive)
	// log_time is a row's own time, but its ranges set the search window (listLogs).
	keys = append(keys, taskKey(colLogTime, rangeOps...))
	cols := buildColumns(p, logColumns)
	for _, c := range taskColumns() {
		if c.Name != colTID { // log-search tids are single-use: nothing to read back
			cols = append(cols, c)
		}
	}
	return &plugin.Table{
		Name:        "fortianalyzer_log",
		Description: "FortiAnalyzer logs (traffic, event, attack, virus, webfilter, app-ctrl, dns, ...) found by a log search, newest first.",
		List:        &plugin.ListConfig{Hydrate: p.listLogs, KeyColumns: keys},
		Columns:     cols,
	}
}

func (p *pluginState) listLogs(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	c, s, err := p.client(ctx, d)
	if err != nil {
		return nil, err
	}
	logTypes := qualStrings(d, colLogType)
	if len(logTypes) == 0 {
		logTypes = []string{defaultLogType}
	}
	for _, lt := range logTypes {
		if strings.EqualFold(lt, "utm") {
			// FAZ silently treats "utm" as every log type; say so instead of surprising.
			return nil, fmt.Errorf("log_type: %q is not a log type (the appliance would search every type); use traffic, event, attack, virus, webfilter, app-ctrl, dns, ...", lt) //nolint:staticcheck // the list goes on
		}
	}
	pushdowns := logPushdown
	if len(logTypes) == 1 {
		if f, ok := logThreatField[logTypes[0]]; ok {
			pushdowns = append(append([]pushdown(nil), logPushdown...), pushdown{Column: "threat", Field: f})
		}
	}
	tasks, err := planTasks(d, s, pushdowns, func() (window, error) {
		// log_time filters rows, so its bounds set the search window: the latest lower bound
		// is where the window starts, earlier than the default start if need be (keeping
		// the default would silently drop the older rows asked for), and upper bounds pull
		// the end in. Rows outside the bounds would be dropped by the engine's re-check.
		startQ, endQ := timeQuals(d, colStartTime), timeQuals(d, colEndTime)
		var from *proto.QualValue
		for _, q := range timeQuals(d, colLogTime) {
			switch q.Operator {
			case quals.QualOperatorGreater, quals.QualOperatorGreaterOrEqual, quals.QualOperatorEqual:
				if from == nil || q.Value.GetTimestampValue().AsTime().After(from.GetTimestampValue().AsTime()) {
					from = q.Value
				}
				if q.Operator == quals.QualOperatorEqual {
					endQ = append(endQ, &quals.Qual{Column: colEndTime, Operator: quals.QualOperatorLessOrEqual, Value: plusSecond(q.Value)})
				}
			case quals.QualOperatorLess, quals.QualOperatorLessOrEqual:
				endQ = append(endQ, q)
			}
		}
		if from != nil {
			startQ = append(startQ, &quals.Qual{Column: colStartTime, Operator: quals.QualOperatorEqual, Value: from})
		}
		return resolveWindow(startQ, endQ, p.now(), s.DefaultTimeRange, s.MaxTimeRange)
	})
	if err != nil {
		return nil, err
	}
	var all []*taskQuery
	for _, lt := range logTypes {
		for _, t := range tasks {
			tt := *t
			tt.LogType = lt
			all = append(all, &tt)
		}
	}
	limit := pushedLimit(d)
	return nil, streamTasks(ctx, d, "fortianalyzer_log", all, nil, func(ctx context.Context, t *taskQuery, emit func(faz.Row) error) error {
		spec := faz.LogSearchSpec{
			ADOM:      t.ADOM,
			LogType:   t.LogType,
			Start:     t.Window.Start,
			End:       t.Window.End,
			Filter:    t.Filter,
			TimeOrder: "desc",
			Limit:     limit,
		}
		if t.CaseSensitive != nil {
			spec.CaseSensitive = *t.CaseSensitive
		}
		var err error
		if spec.Devices, err = t.selectors(ctx, c); err != nil {
			return err
		}
		_, err = c.SearchLogs(ctx, spec, emit)
		return err
	})
}

// plusSecond returns a timestamp qual value one second later (the end of a one-second
// window around `log_time = X`).
func plusSecond(v *proto.QualValue) *proto.QualValue {
	t := v.GetTimestampValue().AsTime().Add(time.Second)
	return &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(t)}}
}

// crLevels are FortiOS's crlevel words, indexed by threat level.
var crLevels = []string{"info", "low", "medium", "high", "critical"}

func logThreatLevel(r *viewRow) any {
	s, _ := toString(r.field("crlevel")).(string)
	for i, w := range crLevels {
		if strings.EqualFold(w, s) {
			return int64(i)
		}
	}
	return nil
}
