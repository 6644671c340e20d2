package modcheck

// The blocks and attributes Powerpipe accepts, per block type, transcribed from the hcl
// tags and explicit schemas of github.com/turbot/pipe-fittings v1.6 (modconfig/*.go,
// parse/schema.go, parse/decode_body.go), the library Powerpipe parses mods with. Block
// types this mod does not use (graph, flow, hierarchy, node, edge, category, with) are
// left out on purpose: using one fails with a message saying the table needs extending,
// rather than passing unchecked.

// blockSchema is what one block type may contain.
type blockSchema struct {
	labels   int                     // number of labels the block takes
	attrs    map[string]bool         // allowed attribute names
	anyAttrs bool                    // any attribute (locals)
	blocks   map[string]*blockSchema // allowed nested block types
	required []string                // attributes the block must set
}

func set(lists ...[]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, s := range l {
			m[s] = true
		}
	}
	return m
}

var (
	// HclResourceImpl
	resourceAttrs = []string{"title", "description", "documentation", "tags", "max_concurrency"}
	// ModTreeItemImpl
	treeAttrs = []string{"database", "search_path", "search_path_prefix"}
	// QueryProviderImpl (plus args, which the decoder adds for every provider but query)
	providerAttrs = []string{"sql", "query", "args"}
)

var paramSchema = &blockSchema{labels: 1, attrs: set([]string{"description", "default"})}

// elementSchemas builds the dashboard element types with the given label count: 1 at the
// top level of a file, 0 when nested in a dashboard or container (inputs always take a name).
func elementSchemas(labels int) map[string]*blockSchema {
	axis := &blockSchema{attrs: set([]string{"min", "max"}), blocks: map[string]*blockSchema{
		"title":  {attrs: set([]string{"display", "align", "value"})},
		"labels": {attrs: set([]string{"display", "format"})},
	}}
	params := map[string]*blockSchema{"param": paramSchema}
	with := func(m map[string]*blockSchema, k string, v *blockSchema) map[string]*blockSchema {
		out := map[string]*blockSchema{k: v}
		for kk, vv := range m {
			out[kk] = vv
		}
		return out
	}
	return map[string]*blockSchema{
		"card": {labels: labels, blocks: params,
			attrs: set(resourceAttrs, treeAttrs, providerAttrs, []string{"label", "value", "icon", "href", "width", "type", "display", "base"})},
		"chart": {labels: labels,
			attrs: set(resourceAttrs, treeAttrs, providerAttrs, []string{"width", "type", "display", "grouping", "transform", "base"}),
			blocks: with(with(with(params, "legend", &blockSchema{attrs: set([]string{"display", "position"})}),
				"series", &blockSchema{labels: 1, attrs: set([]string{"title", "color"}), blocks: map[string]*blockSchema{
					"point": {labels: 1, attrs: set([]string{"color"})},
				}}),
				"axes", &blockSchema{blocks: map[string]*blockSchema{"x": axis, "y": axis}})},
		"table": {labels: labels,
			attrs:  set(resourceAttrs, treeAttrs, providerAttrs, []string{"width", "type", "display", "base"}),
			blocks: with(params, "column", &blockSchema{labels: 1, attrs: set([]string{"display", "wrap", "href"})})},
		"input": {labels: 1,
			attrs:  set(resourceAttrs, treeAttrs, providerAttrs, []string{"label", "placeholder", "width", "type", "display", "base"}),
			blocks: with(params, "option", &blockSchema{labels: 1, attrs: set([]string{"label"})})},
		"text": {labels: labels,
			attrs: set(resourceAttrs, treeAttrs, []string{"value", "width", "type", "display", "base"})},
		"image": {labels: labels, blocks: params,
			attrs: set(resourceAttrs, treeAttrs, providerAttrs, []string{"src", "alt", "width", "display", "base"})},
	}
}

// topLevel is the schema of a mod file: WorkspaceBlockSchema's resource types.
var topLevel = func() map[string]*blockSchema {
	nestedElems := elementSchemas(0)
	container := &blockSchema{attrs: set(resourceAttrs, treeAttrs, []string{"width", "display"}), blocks: map[string]*blockSchema{}}
	dashboard := &blockSchema{labels: 1, attrs: set(resourceAttrs, treeAttrs, []string{"width", "display", "base"}), blocks: map[string]*blockSchema{}}
	control := &blockSchema{labels: 1, blocks: map[string]*blockSchema{"param": paramSchema},
		attrs: set(resourceAttrs, treeAttrs, providerAttrs, []string{"severity", "width", "type", "display", "base"})}
	// BenchmarkBlockSchema: decoded with an explicit schema, so nothing else is accepted.
	benchmark := &blockSchema{labels: 1, attrs: set([]string{"children", "description", "documentation", "tags", "title", "width", "base", "type", "display"})}
	for _, parent := range []*blockSchema{dashboard, container} {
		for k, v := range nestedElems {
			parent.blocks[k] = v
		}
		parent.blocks["container"] = container
		parent.blocks["param"] = paramSchema
		parent.blocks["benchmark"] = &blockSchema{attrs: benchmark.attrs}
		parent.blocks["control"] = &blockSchema{attrs: control.attrs, blocks: control.blocks}
	}
	dashboard.blocks["dashboard"] = &blockSchema{attrs: dashboard.attrs, blocks: dashboard.blocks}

	minVersion := &blockSchema{attrs: set([]string{"min_version"})}
	m := map[string]*blockSchema{
		"mod": {labels: 1, attrs: set(resourceAttrs, treeAttrs, []string{"color", "icon", "categories"}), blocks: map[string]*blockSchema{
			"require": {attrs: set([]string{"steampipe"}), blocks: map[string]*blockSchema{
				// PluginVersion.Initialise fails on an empty min_version (not semver).
				"plugin":    {labels: 1, attrs: set([]string{"min_version"}), required: []string{"min_version"}},
				"mod":       {labels: 1, attrs: set(treeAttrs, []string{"version", "args", "path", "branch", "tag"})},
				"steampipe": minVersion,
				"powerpipe": minVersion,
				"flowpipe":  minVersion,
			}},
			"opengraph": {attrs: set([]string{"title", "description", "image"})},
		}},
		"variable": {labels: 1, attrs: set([]string{"title", "description", "default", "type", "sensitive", "tags", "enum", "format"}), blocks: map[string]*blockSchema{
			"validation": {attrs: set([]string{"condition", "error_message"})},
		}},
		"locals": {anyAttrs: true},
		// A query takes neither `query` nor `args` (decode_body.go removes them).
		"query":     {labels: 1, attrs: set(resourceAttrs, treeAttrs, []string{"sql"}), blocks: map[string]*blockSchema{"param": paramSchema}},
		"control":   control,
		"benchmark": benchmark,
		"dashboard": dashboard,
		"container": {labels: 1, attrs: container.attrs, blocks: container.blocks},
	}
	for k, v := range elementSchemas(1) {
		m[k] = v
	}
	return m
}()

// unsupported are block types Powerpipe knows that this table does not describe yet.
var unsupported = set([]string{"graph", "flow", "hierarchy", "node", "edge", "category", "with", "detection", "detection_benchmark"})

func names(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func blockNames(m map[string]*blockSchema) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// suggest returns the candidate closest to s by edit distance, when it is close enough to
// be a typo (at most 2 edits, and fewer than half of s's letters).
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := distance(s, c)
		if d*2 >= len(s) {
			continue
		}
		if d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
