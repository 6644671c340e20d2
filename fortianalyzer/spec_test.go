package fortianalyzer

import (
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestColumnsReadSpecFields: every field a FortiView table's columns read is a field of the
// view's rows in FAZ 7.6.7's specification (its sortable fields), a field a cited live
// capture shows, or a field of the seed documents' dialect; every pushed-down field is one
// the spec lets the view filter on, and every ranking field one it lets it sort by. The
// simulator's catalogue is the reference (TestCatalogueFollowsTheSpec ties it to the spec).
// Columns computed by Value funcs are checked by review: their fields are listed here.
func TestColumnsReadSpecFields(t *testing.T) {
	served := fazsim.ServedCatalogue()
	valueFields := map[string][]string{ // fields read inside Value funcs, per view
		"top-sources":                    {"bytes", "bandwidth", "traffic_in", "traffic_out", "srcip_hostname", "hostname", "srcip", "fortigate", "devvds"},
		"top-destinations":               {"bytes", "bandwidth", "traffic_in", "traffic_out", "dstip_hostname", "hostname", "dstip", "agg_app", "fortigate", "devvds"},
		"top-applications":               {"bytes", "bandwidth", "traffic_in", "traffic_out", "risk", "fortigate"},
		"top-websites":                   {"bytes", "bandwidth", "traffic_in", "traffic_out", "fortigate"},
		"top-countries":                  {"bytes", "bandwidth", "traffic_in", "traffic_out", "fortigate", "devvds"},
		"policy-hits":                    {"bytes", "bandwidth", "traffic_in", "traffic_out", "device_info", "device", "time_stamp"},
		"top-threats":                    {"severity", "level_s", "threatlevel", "threat", "logtype_str", "sources", "cve_list", "fortigate", "devvds"},
		"threat-detect-summary":          {"last_detected_time", "vd", "fortigate"},
		"threat-src-dst":                 {"threatlevel", "fortigate", "devid"},
		"failed-authentication-attempts": {"fortigate"},
		"admin-logins":                   {"fortigate"},
		"system-events":                  {"fortigate"},
		"site-to-site-ipsec":             {},
		"ssl-dialup-ipsec":               {"end_time"},
		"top-cloud-applications":         {"fortigate"},
	}
	for _, v := range fortiViews() {
		if v.ViewQual != "" {
			continue // any view: no columns of its own
		}
		sv, ok := served[v.View]
		if !ok {
			t.Errorf("%s: view %q is not in the spec", v.Table, v.View)
			continue
		}
		allowed := map[string]bool{}
		for _, l := range [][]string{sv.RowFields, sv.SeedFields} {
			for _, f := range l {
				allowed[f] = true
			}
		}
		for _, c := range v.Columns {
			for _, f := range c.Fields {
				if !allowed[f] {
					t.Errorf("%s.%s reads %q, which %s rows do not have (spec, cited captures, seed documents)", v.Table, c.Name, f, v.View)
				}
			}
		}
		for _, f := range valueFields[v.View] {
			if !allowed[f] {
				t.Errorf("%s: a computed column reads %q, which %s rows do not have", v.Table, f, v.View)
			}
		}
		if _, ok := valueFields[v.View]; !ok {
			t.Errorf("%s: list the fields its computed columns read", v.Table)
		}
		filterable := map[string]bool{}
		for _, f := range sv.Filterable {
			filterable[f] = true
		}
		for _, pd := range v.Pushdown {
			if !filterable[pd.Field] {
				t.Errorf("%s.%s is pushed down as %q, which %s does not accept in its filter", v.Table, pd.Column, pd.Field, v.View)
			}
		}
		sortable := map[string]bool{}
		for _, f := range sv.Sortable {
			sortable[f] = true
		}
		for _, s := range v.DefaultSort {
			if !sortable[s.Field] {
				t.Errorf("%s ranks by %q, which %s cannot sort by", v.Table, s.Field, v.View)
			}
		}
	}
}

// TestSortableFieldsFollowTheSpec: every field a view's columns may be sorted by (the
// view's sort-by) is one of the spec's sortable fields of that view, and every column
// that declares a sort order reads it.
func TestSortableFieldsFollowTheSpec(t *testing.T) {
	served := fazsim.ServedCatalogue()
	for view, fields := range viewSortable {
		sv, ok := served[view]
		if !ok {
			t.Errorf("viewSortable: %q is not a view of the spec", view)
			continue
		}
		for _, f := range fields {
			if !slices.Contains(sv.Sortable, f) {
				t.Errorf("viewSortable[%q]: %q is not one of its sortable fields %v", view, f, sv.Sortable)
			}
		}
	}
	p := &pluginState{}
	declared := 0
	for _, v := range fortiViews() {
		tbl := v.table(p)
		for _, c := range tbl.Columns {
			if c.Sort == plugin.SortNone {
				continue
			}
			declared++
			var vc *viewColumn
			for i := range v.Columns {
				if v.Columns[i].Name == c.Name {
					vc = &v.Columns[i]
				}
			}
			if vc == nil || !slices.Contains(viewSortable[v.View], v.sortField(vc)) {
				t.Errorf("%s.%s declares a sort the view cannot serve", v.Table, c.Name)
			}
		}
	}
	if declared == 0 {
		t.Error("no FortiView column declares a sort order")
	}
}
