package pluginsql

import (
	"fmt"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// Hidden columns the SDK adds to every table.
const (
	colConnectionName = "sp_connection_name"
	colCtx            = "sp_ctx"
	colDeprecatedCtx  = "_ctx"
)

// column is one virtual table column.
type column struct {
	Name   string
	Type   proto.ColumnType
	Hidden bool
	// Hydrate is non-empty when the column needs a per-row hydrate call.
	Hydrate string
	// Sort is the order the plugin can return rows in by this column
	// (Column.Sort in the SDK): none, asc, desc or all.
	Sort proto.SortOrder
}

// keyColumn is what the plugin accepts as a qual on one column.
type keyColumn struct {
	Ops     map[string]bool // SDK operators: = <> < <= > >=
	Require string          // required, optional, any_of (list call)
	List    bool            // a list key column
	Get     bool            // a get key column
}

// tableDef is a plugin table as the engine sees it.
type tableDef struct {
	Name    string
	Columns []column
	Keys    map[string]*keyColumn
	// list-call requirements, for planning
	Required []string // every one must have a qual
	AnyOf    []string // at least one must have a qual
	GetKeys  []string // all must have an = qual for a get call
	byName   map[string]int
}

// newTableDef builds the engine's view of a plugin table schema.
func newTableDef(name string, s *proto.TableSchema) *tableDef {
	t := &tableDef{Name: name, Keys: map[string]*keyColumn{}, byName: map[string]int{}}
	for _, c := range s.Columns {
		hidden := c.Name == colConnectionName || c.Name == colCtx || c.Name == colDeprecatedCtx
		t.byName[c.Name] = len(t.Columns)
		t.Columns = append(t.Columns, column{Name: c.Name, Type: c.Type, Hidden: hidden, Hydrate: c.Hydrate, Sort: c.SortOrder})
	}
	if _, ok := t.byName[colConnectionName]; !ok {
		// older SDKs: still offer the column, the engine fills it
		t.byName[colConnectionName] = len(t.Columns)
		t.Columns = append(t.Columns, column{Name: colConnectionName, Type: proto.ColumnType_STRING, Hidden: true})
	}
	key := func(name string) *keyColumn {
		k := t.Keys[name]
		if k == nil {
			k = &keyColumn{Ops: map[string]bool{}}
			t.Keys[name] = k
		}
		return k
	}
	for _, kc := range s.ListCallKeyColumnList {
		k := key(kc.Name)
		k.List = true
		k.Require = kc.Require
		for _, op := range kc.Operators {
			k.Ops[op] = true
		}
		switch kc.Require {
		case "required", "":
			t.Required = append(t.Required, kc.Name)
		case "any_of":
			t.AnyOf = append(t.AnyOf, kc.Name)
		}
	}
	for _, kc := range s.GetCallKeyColumnList {
		k := key(kc.Name)
		k.Get = true
		for _, op := range kc.Operators {
			k.Ops[op] = true
		}
		// The SDK adds sp_connection_name as an optional get key column
		// to every table; only required ones make a get call.
		if kc.Require == "required" || kc.Require == "" {
			t.GetKeys = append(t.GetKeys, kc.Name)
		}
	}
	return t
}

// declareSQL is the CREATE TABLE statement given to sqlite3_declare_vtab.
func (t *tableDef) declareSQL() string {
	var sb strings.Builder
	sb.WriteString("CREATE TABLE x(")
	for i, c := range t.Columns {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(quoteIdent(c.Name))
		sb.WriteString(" ")
		sb.WriteString(declType(c.Type))
		if c.Hidden {
			sb.WriteString(" HIDDEN")
		}
	}
	sb.WriteString(")")
	return sb.String()
}

// declType names a Steampipe column type in SQL. The names keep SQLite's
// affinity rules sensible (BIGINT integer, DOUBLE real, TEXT text) and let
// output code recognise BOOLEAN, JSON and TIMESTAMP columns.
func declType(t proto.ColumnType) string {
	switch t {
	case proto.ColumnType_BOOL:
		return "BOOLEAN"
	case proto.ColumnType_INT:
		return "BIGINT"
	case proto.ColumnType_DOUBLE:
		return "DOUBLE"
	case proto.ColumnType_JSON:
		return "JSON"
	case proto.ColumnType_DATETIME, proto.ColumnType_TIMESTAMP: //nolint:staticcheck // plugins may still declare DATETIME
		// TEXT affinity turns a unix-seconds literal into text, which the
		// column's collation then compares as a time.
		return "TIMESTAMP TEXT COLLATE " + timeCollation
	case proto.ColumnType_IPADDR, proto.ColumnType_INET:
		return "INET"
	case proto.ColumnType_CIDR:
		return "CIDR"
	case proto.ColumnType_LTREE:
		return "LTREE"
	default:
		return "TEXT"
	}
}

// scalar reports whether quals on a column of type t can go to the plugin.
func scalar(t proto.ColumnType) bool {
	return t != proto.ColumnType_JSON && t != proto.ColumnType_UNKNOWN
}

// quoteIdent quotes a SQL identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// column returns the column at SQLite column index i (-1 is the rowid).
func (t *tableDef) column(i int) (column, error) {
	if i < 0 || i >= len(t.Columns) {
		return column{}, fmt.Errorf("pluginsql: %s: no column %d", t.Name, i)
	}
	return t.Columns[i], nil
}
