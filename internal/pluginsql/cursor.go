package pluginsql

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ncruces/go-sqlite3"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// vtable is one plugin table of one connection, as a SQLite virtual table.
type vtable struct {
	db   *DB
	conn Connection
	def  *tableDef
}

// BestIndex implements sqlite3.VTab.
func (t *vtable) BestIndex(idx *sqlite3.IndexInfo) error {
	return bestIndex(t.def, idx, len(t.conn.Children) > 1)
}

// Open implements sqlite3.VTab.
func (t *vtable) Open() (sqlite3.VTabCursor, error) { return &cursor{t: t}, nil }

// cursor reads one scan at a time; each Filter starts a new execution.
type cursor struct {
	t     *vtable
	ex    *execution
	scan  ScanInfo
	row   *proto.ExecuteResponse
	rowid int64
	eof   bool
}

var callSeq atomic.Int64

// Filter implements sqlite3.VTabCursor: it runs once per scan, i.e. once per
// outer row of a join, and always starts a fresh plugin execution with its
// own context and stream.
func (c *cursor) Filter(_ int, idxStr string, args ...sqlite3.Value) error {
	c.stop()
	c.row, c.rowid, c.eof = nil, 0, false
	p, err := decodePlan(idxStr)
	if err != nil {
		return err
	}
	quals, limit, empty, err := c.buildQuals(p, args)
	if err != nil {
		return c.fail(err)
	}
	c.scan = ScanInfo{Connection: c.t.conn.Name, Table: c.t.def.Name, Quals: describeQuals(quals), Limit: -1, Columns: p.Cols, Sort: describeSort(p.Sort)}
	if limit != nil {
		c.scan.Limit = limit.Value
	}
	if empty {
		// a NULL or empty IN list on the right of a comparison matches nothing
		c.eof = true
		return nil
	}
	req := &proto.ExecuteRequest{
		Table:      c.t.def.Name,
		Connection: c.t.conn.Name,
		CallId:     "pluginsql-" + strconv.FormatInt(callSeq.Add(1), 10),
		QueryContext: &proto.QueryContext{
			Columns: p.Cols,
			Quals:   quals,
			Limit:   limit, //nolint:staticcheck // deprecated in the proto, still what the SDK reads
			// The SDK keeps the rows in the plugin's order only when told one (QueryData
			// buildRowsAsync), and its query cache keys on it (IndexItem.satisfiesSortOrder).
			SortOrder: sortOrder(p.Sort),
		},
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{},
	}
	targets := []string{c.t.conn.Name}
	if c.t.conn.IsAggregator() {
		targets = c.t.conn.Children
	}
	for _, name := range targets {
		req.ExecuteConnectionData[name] = &proto.ExecuteConnectionData{Limit: limit, CacheEnabled: c.t.db.host.cacheTTL > 0, CacheTtl: int64(c.t.db.host.cacheTTL.Seconds())}
	}
	c.ex = startExecution(c.t.db.queryContext(), c.t.db.host.server, req)
	return c.Next()
}

// buildQuals converts the Filter arguments into the plugin's quals and limit.
// empty is true when a qual can match nothing (NULL, empty IN list).
func (c *cursor) buildQuals(p *plan, args []sqlite3.Value) (quals map[string]*proto.Quals, limit *proto.NullableInt, empty bool, err error) {
	quals = map[string]*proto.Quals{}
	arg := func(pos int) (sqlite3.Value, error) {
		if pos < 1 || pos > len(args) {
			return sqlite3.Value{}, fmt.Errorf("pluginsql: plan wants argument %d of %d", pos, len(args))
		}
		return args[pos-1], nil
	}
	for i, q := range p.Quals {
		col := c.t.def.Columns[c.t.def.byName[q.Col]]
		v, err := arg(i + 1)
		if err != nil {
			return nil, nil, false, err
		}
		var qv *proto.QualValue
		if q.In {
			var list []*proto.QualValue
			for el, err := v.InFirst(); ; el, err = v.InNext() {
				if isDone(err) {
					break // end of the list
				}
				if err != nil {
					return nil, nil, false, fmt.Errorf("pluginsql: read IN list of %s: %w", q.Col, err)
				}
				one, ok, cerr := qualValue(col, el)
				if cerr != nil {
					return nil, nil, false, cerr
				}
				if ok {
					list = append(list, one)
				}
			}
			switch len(list) {
			case 0:
				return nil, nil, true, nil
			case 1:
				qv = list[0]
			default:
				qv = &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: &proto.QualValueList{Values: list}}}
			}
		} else {
			one, ok, cerr := qualValue(col, v)
			if cerr != nil {
				return nil, nil, false, cerr
			}
			if !ok {
				return nil, nil, true, nil
			}
			qv = one
		}
		if quals[q.Col] == nil {
			quals[q.Col] = &proto.Quals{}
		}
		quals[q.Col].Quals = append(quals[q.Col].Quals, &proto.Qual{
			FieldName: q.Col,
			Operator:  &proto.Qual_StringValue{StringValue: q.Op},
			Value:     qv,
		})
	}
	if p.Limit > 0 {
		v, err := arg(p.Limit)
		if err != nil {
			return nil, nil, false, err
		}
		n := v.Int64()
		if p.Offset > 0 {
			if o, err := arg(p.Offset); err == nil && o.Int64() > 0 {
				n += o.Int64() // SQLite skips OFFSET rows itself
			}
		}
		if n >= 0 {
			limit = &proto.NullableInt{Value: n}
		}
	}
	return quals, limit, false, nil
}

// Next implements sqlite3.VTabCursor.
func (c *cursor) Next() error {
	if c.ex == nil {
		c.eof = true
		return nil
	}
	r, err := c.ex.next()
	if err != nil {
		return c.fail(err)
	}
	if r == nil {
		c.eof = true
		c.stop()
		return nil
	}
	c.row = r
	c.rowid++
	return nil
}

// fail records a scan error for the caller and returns it for SQLite.
func (c *cursor) fail(err error) error {
	perr := &PluginError{Table: c.t.def.Name, Connection: c.t.conn.Name, Msg: cleanError(err).Error()}
	c.scan.Err = perr
	c.stop()
	c.t.db.setScanError(perr)
	return perr
}

// EOF implements sqlite3.VTabCursor.
func (c *cursor) EOF() bool { return c.eof }

// Column implements sqlite3.VTabCursor.
func (c *cursor) Column(ctx sqlite3.Context, n int) error {
	col, err := c.t.def.column(n)
	if err != nil {
		return err
	}
	if c.row == nil {
		ctx.ResultNull()
		return nil
	}
	if col.Name == colConnectionName {
		if v, ok := c.row.Row.Columns[col.Name]; ok && v.GetStringValue() != "" {
			setResult(ctx, v)
			return nil
		}
		name := c.row.Connection
		if name == "" {
			name = c.t.conn.Name
		}
		ctx.ResultText(name)
		return nil
	}
	setResult(ctx, c.row.Row.Columns[col.Name])
	return nil
}

// RowID implements sqlite3.VTabCursor.
func (c *cursor) RowID() (int64, error) { return c.rowid, nil }

// Close implements io.Closer: closing a cursor early (LIMIT met by SQLite,
// an error) cancels the plugin's context and waits for it to return.
func (c *cursor) Close() error {
	c.stop()
	return nil
}

// stop ends the current execution, if any, and reports the scan.
func (c *cursor) stop() {
	if c.ex == nil {
		return
	}
	ex := c.ex
	c.ex = nil
	if err := ex.stop(c.t.db.opts.CancelWait); err != nil {
		c.t.db.logger.Warn("scan did not stop", "table", c.t.def.Name, "connection", c.t.conn.Name, "error", err)
	}
	c.scan.Rows = ex.n
	if fn := c.t.db.opts.OnScan; fn != nil {
		fn(c.scan)
	}
}

// sqliteDone is SQLITE_DONE, which sqlite3_vtab_in_next returns at the end
// of an IN list (the package does not export it).
const sqliteDone = sqlite3.ErrorCode(101)

func isDone(err error) bool {
	var serr *sqlite3.Error
	if errors.As(err, &serr) {
		return serr.Code() == sqliteDone
	}
	var code sqlite3.ErrorCode
	return errors.As(err, &code) && code == sqliteDone
}

// sortOrder is the plan's ORDER BY as the SDK's QueryContext.SortOrder, built as the
// FDW's getSortColumns builds it.
func sortOrder(sorts []planSort) []*proto.SortColumn {
	var out []*proto.SortColumn
	for _, s := range sorts {
		o := proto.SortOrder_Asc
		if s.Desc {
			o = proto.SortOrder_Desc
		}
		out = append(out, &proto.SortColumn{Column: s.Col, Order: o})
	}
	return out
}

// describeSort renders the plan's ORDER BY for ScanInfo.
func describeSort(sorts []planSort) []string {
	var out []string
	for _, s := range sorts {
		dir := "asc"
		if s.Desc {
			dir = "desc"
		}
		out = append(out, s.Col+" "+dir)
	}
	return out
}

// describeQuals renders quals for ScanInfo.
func describeQuals(quals map[string]*proto.Quals) []QualInfo {
	var out []QualInfo
	for _, qs := range quals {
		for _, q := range qs.Quals {
			out = append(out, QualInfo{Column: q.FieldName, Operator: q.GetStringValue(), Value: qualText(q.Value)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Column != out[j].Column {
			return out[i].Column < out[j].Column
		}
		return out[i].Operator < out[j].Operator
	})
	return out
}

// qualText renders a qual value as text.
func qualText(v *proto.QualValue) string {
	switch x := v.GetValue().(type) {
	case *proto.QualValue_StringValue:
		return x.StringValue
	case *proto.QualValue_Int64Value:
		return strconv.FormatInt(x.Int64Value, 10)
	case *proto.QualValue_DoubleValue:
		return strconv.FormatFloat(x.DoubleValue, 'g', -1, 64)
	case *proto.QualValue_BoolValue:
		return strconv.FormatBool(x.BoolValue)
	case *proto.QualValue_TimestampValue:
		return x.TimestampValue.AsTime().UTC().Format(TimeLayout)
	case *proto.QualValue_InetValue:
		return x.InetValue.GetCidr()
	case *proto.QualValue_LtreeValue:
		return x.LtreeValue
	case *proto.QualValue_ListValue:
		parts := make([]string, len(x.ListValue.GetValues()))
		for i, el := range x.ListValue.GetValues() {
			parts[i] = qualText(el)
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return ""
}
