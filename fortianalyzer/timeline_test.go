package fortianalyzer

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestTimelineViews: fortianalyzer_timeline serves exactly the spec's *-line views whose
// measures (sortable fields) are all columns of the table, and every column reads a measure
// one of those views has.
func TestTimelineViews(t *testing.T) {
	v := timelineView()
	read := map[string]bool{"time": true} // the time column's Value reads time
	for _, c := range v.Columns {
		for _, f := range c.Fields {
			read[f] = true
		}
	}
	used := map[string]bool{"time": true}
	var want []string
	for name, sv := range fazsim.SpecCatalogue() {
		if !strings.HasSuffix(name, "-line") || !slices.Contains(sv.Sortable, "time") {
			continue
		}
		covered := true
		for _, f := range sv.Sortable {
			if !read[f] {
				covered = false
			}
		}
		if covered {
			want = append(want, name)
			for _, f := range sv.Sortable {
				used[f] = true
			}
		}
	}
	sort.Strings(want)
	if !slices.Equal(want, v.Views) {
		t.Errorf("timeline views %v, the spec's covered *-line views %v", v.Views, want)
	}
	for f := range read {
		if !used[f] {
			t.Errorf("a column reads %q, which no timeline view sends", f)
		}
	}
	for _, s := range v.DefaultSort {
		for _, n := range v.Views {
			if !slices.Contains(fazsim.SpecCatalogue()[n].Sortable, s.Field) {
				t.Errorf("%s cannot sort by %q", n, s.Field)
			}
		}
	}
}
