package fazsim

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// specViewsJSON is the FortiView appendix of Fortinet's FAZ 7.6.7 JSON-API
// specification (Alski-MPLS/4tLog, api-info/"FortiAnalyzer 7.6.7 FortiAnalyzer
// Modules fortiview.json"), parsed into
// [platform, [view, title, "Filterable Field" list, "Sortable Field" list]].
// The simulator's view names, filter and sort-by acceptance come from it.
//
//go:embed spec/fortiview-views.json
var specViewsJSON []byte

// SpecView is one view of the specification's appendix.
type SpecView struct {
	Name, Title string
	Filterable  []string
	Sortable    []string
}

// specViews parses the appendix for one platform (the simulator manages
// FortiGates only).
func specViews(platform string) (map[string]SpecView, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal(specViewsJSON, &raw); err != nil {
		return nil, fmt.Errorf("fazsim: spec/fortiview-views.json: %w", err)
	}
	out := map[string]SpecView{}
	for _, item := range raw {
		if len(item) != 2 {
			return nil, fmt.Errorf("fazsim: spec entry %s: want [platform, view]", item)
		}
		var p string
		var v []string
		if err := json.Unmarshal(item[0], &p); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(item[1], &v); err != nil || len(v) != 4 {
			return nil, fmt.Errorf("fazsim: spec entry %s: want [view, title, filterable, sortable]", item[1])
		}
		if p != platform {
			continue
		}
		out[v[0]] = SpecView{Name: v[0], Title: strings.TrimSpace(v[1]), Filterable: splitList(v[2]), Sortable: splitList(v[3])}
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// SpecCatalogue returns the FortiGate views of the specification, for tests
// that compare it with what the simulator serves.
func SpecCatalogue() map[string]SpecView {
	v, err := specViews("FortiGate")
	if err != nil {
		panic(err)
	}
	return v
}

// ServedView is what the simulator serves for one view: the fields its
// filter and sort-by accept and the keys its rows carry.
type ServedView struct {
	Name       string
	Filterable []string
	Sortable   []string
	RowFields  []string // keys of every row (empty views: the fields a row would have)
	SeedFields []string // keys of a row in the seed documents' dialect
	HasRows    bool     // false for views served as an empty, well-formed answer
}

// ServedCatalogue returns the simulator's FortiView catalogue.
func ServedCatalogue() map[string]ServedView {
	out := map[string]ServedView{}
	for n, v := range views {
		out[n] = ServedView{Name: n, Filterable: v.filterFields, Sortable: v.columns, RowFields: v.rowFields, SeedFields: v.seedColumns, HasRows: v.rows != nil}
	}
	return out
}
