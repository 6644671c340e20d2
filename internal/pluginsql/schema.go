package pluginsql

import (
	"sort"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// TableInfo describes one plugin table, for shells and documentation.
type TableInfo struct {
	Connection  string
	Name        string
	Description string
	Columns     []TableColumn
}

// TableColumn describes one column of a plugin table.
type TableColumn struct {
	Name        string
	Type        string // SQL declared type: TEXT, BIGINT, JSON, TIMESTAMP...
	Description string
	Hidden      bool
	// KeyColumn says how the plugin uses quals on the column, e.g.
	// "required =" or "optional = < >"; empty when it does not.
	KeyColumn string
	// Sort is the order the plugin can return rows in by this column, so that an
	// ORDER BY on it (with its LIMIT) goes to the plugin: "asc", "desc", "asc desc",
	// or empty.
	Sort string
}

// Tables lists the tables of a connection ("" for the default one), sorted
// by name. It returns nil for an unknown connection.
func (db *DB) Tables(connection string) []TableInfo {
	if connection == "" {
		connection = db.def.Name
	}
	s := db.host.schemas[connection]
	if s == nil {
		return nil
	}
	var out []TableInfo
	for _, name := range db.tableNames(connection) {
		ts := s.GetSchema()[name]
		def := newTableDef(name, ts)
		ti := TableInfo{Connection: connection, Name: name, Description: ts.Description}
		for i, c := range ts.Columns {
			col := def.Columns[i]
			tc := TableColumn{Name: c.Name, Type: strings.Fields(declType(c.Type))[0], Description: c.Description, Hidden: col.Hidden}
			if k := def.Keys[c.Name]; k != nil && c.Name != colConnectionName {
				ops := make([]string, 0, len(k.Ops))
				for op := range k.Ops {
					ops = append(ops, op)
				}
				sort.Strings(ops)
				req := k.Require
				if !k.List {
					req = "get"
				}
				if req == "" {
					req = "required"
				}
				tc.KeyColumn = req + " " + strings.Join(ops, " ")
			}
			tc.Sort = map[proto.SortOrder]string{proto.SortOrder_Asc: "asc", proto.SortOrder_Desc: "desc", proto.SortOrder_All: "asc desc"}[c.SortOrder]
			ti.Columns = append(ti.Columns, tc)
		}
		out = append(out, ti)
	}
	return out
}
