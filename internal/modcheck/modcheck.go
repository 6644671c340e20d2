// Package modcheck validates a Powerpipe mod without Powerpipe, which cannot be installed
// from the package registries CI has: every .pp/.sp file parses, every block and attribute
// is one Powerpipe knows for its block type (schema.go), every reference (query.x,
// control.x, benchmark children, dashboard.x.url_path, self.input.x.value, local.x, file
// paths) resolves, and every args/param pair and SQL placeholder matches. It also renders
// each query and control as plain SQL with its parameters substituted, so the SQL can be
// run through PostgreSQL and the Steampipe FDW.
package modcheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Mod is a loaded and checked mod.
type Mod struct {
	Dir       string
	name      string   // the mod block's label
	Files     []string // relative to Dir, sorted
	resources map[string]*Resource
	order     []*Resource
	locals    map[string]bool
	variables map[string]bool
	refs      map[string]int // how often each top-level resource is referenced
	anon      map[string]int // anonymous blocks named so far, per dashboard and type
	pending   []pendingExpr
	diags     hcl.Diagnostics
}

// Resource is a query provider (query, control, card, chart, table, input, image) or
// another named block (dashboard, benchmark, container, text).
type Resource struct {
	Kind     string // block type
	Name     string // label, or a generated name for an anonymous nested block
	Top      bool   // declared at the top level of a file
	Block    *hclsyntax.Block
	SQL      *string // nil when the block has no sql
	Query    string  // "query.NAME" when the block references a query
	Params   []*Param
	Args     *Args
	Children []string // benchmark children, "control.NAME" / "benchmark.NAME"

	sqlExpr hclsyntax.Expression
}

// Key is how other blocks reference the resource, e.g. "query.threat_count".
func (r *Resource) Key() string { return r.Kind + "." + r.Name }

// Param is a param block.
type Param struct {
	Name       string
	HasDefault bool
	Default    cty.Value // cty.NilVal when the default is not a constant
	Range      hcl.Range
}

// Args is an args attribute: named (an object) or positional (a tuple).
type Args struct {
	Named map[string]Arg
	List  []Arg
	Range hcl.Range
}

// Arg is one argument; Value is cty.NilVal when it is only known at run time
// (it references an input).
type Arg struct {
	Value cty.Value
	Range hcl.Range
}

type scope struct {
	dashboard string
	inputs    map[string]bool
}

type pendingExpr struct {
	expr  hclsyntax.Expression
	scope *scope
}

// Load parses and checks every .pp and .sp file under dir (hidden directories skipped).
// The returned diagnostics hold every problem found; the Mod is usable for rendering only
// when they have no errors.
func Load(dir string) (*Mod, hcl.Diagnostics) {
	m := &Mod{Dir: dir, resources: map[string]*Resource{}, locals: map[string]bool{}, variables: map[string]bool{}, refs: map[string]int{}, anon: map[string]int{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".pp") || strings.HasSuffix(p, ".sp")) {
			rel, _ := filepath.Rel(dir, p)
			m.Files = append(m.Files, rel)
		}
		return nil
	})
	if err != nil {
		return m, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("reading mod %s: %v", dir, err)}}
	}
	sort.Strings(m.Files)
	if len(m.Files) == 0 {
		return m, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("no .pp or .sp file under %s", dir)}}
	}
	var bodies []*hclsyntax.Body
	for _, rel := range m.Files {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: err.Error()})
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, filepath.ToSlash(rel), hcl.InitialPos)
		m.diags = append(m.diags, diags...)
		if diags.HasErrors() {
			continue
		}
		bodies = append(bodies, f.Body.(*hclsyntax.Body))
	}
	mods := 0
	for _, body := range bodies {
		for _, a := range body.Attributes {
			m.errorf(a.NameRange, "attribute %q is not allowed at the top level of a mod file", a.Name)
		}
		for _, b := range body.Blocks {
			if b.Type == "mod" {
				mods++
				if len(b.Labels) == 1 {
					m.name = b.Labels[0]
				}
			}
			m.block(b, nil, topLevel, "", nil)
		}
	}
	if len(bodies) > 0 && mods != 1 && !m.diags.HasErrors() {
		m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("a mod needs exactly one mod block, found %d", mods)})
	}
	m.evalSQL()
	for _, p := range m.pending {
		m.checkExpr(p.expr, p.scope)
	}
	for _, r := range m.order {
		m.checkProvider(r)
	}
	sort.SliceStable(m.diags, func(i, j int) bool {
		a, b := m.diags[i].Subject, m.diags[j].Subject
		if a == nil || b == nil {
			return a == nil && b != nil
		}
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return m, m.diags
}

func (m *Mod) errorf(rng hcl.Range, format string, args ...any) {
	r := rng
	m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf(format, args...), Subject: &r})
}

var providerKinds = set([]string{"query", "control", "card", "chart", "table", "input", "image"})

// block checks b against the schema allowed where it is and registers what it declares.
// parent is the enclosing block (nil at the top level), sc the enclosing dashboard.
func (m *Mod) block(b *hclsyntax.Block, parent *hclsyntax.Block, allowed map[string]*blockSchema, where string, sc *scope) {
	s, ok := allowed[b.Type]
	if !ok {
		switch {
		case unsupported[b.Type]:
			m.errorf(b.TypeRange, "block type %q is not in modcheck's schema table (internal/modcheck/schema.go): add it from pipe-fittings before using it", b.Type)
		case where == "":
			m.errorf(b.TypeRange, "unsupported block type %q at the top level%s", b.Type, hint(b.Type, blockNames(allowed)))
		default:
			m.errorf(b.TypeRange, "unsupported block type %q in %s%s", b.Type, where, hint(b.Type, blockNames(allowed)))
		}
		return
	}
	if len(b.Labels) != s.labels {
		m.errorf(b.TypeRange, "%s block takes %d label(s), has %d", b.Type, s.labels, len(b.Labels))
		return
	}
	desc := b.Type + " block"
	if len(b.Labels) > 0 {
		desc = fmt.Sprintf("%s %q", b.Type, b.Labels[0])
	}
	for _, a := range sortedAttrs(b.Body) {
		if !s.anyAttrs && !s.attrs[a.Name] {
			m.errorf(a.NameRange, "unsupported attribute %q in %s%s", a.Name, desc, hint(a.Name, names(s.attrs)))
			continue
		}
		if b.Type == "variable" && a.Name == "type" {
			continue // a type constraint such as list(string), not references
		}
		m.pending = append(m.pending, pendingExpr{a.Expr, sc})
	}
	for _, name := range s.required {
		if _, ok := b.Body.Attributes[name]; !ok {
			m.errorf(b.TypeRange, "%s needs %s", desc, name)
		}
	}

	var r *Resource
	switch {
	case b.Type == "locals":
		for name := range b.Body.Attributes {
			m.locals[name] = true
		}
	case b.Type == "variable":
		m.variables[b.Labels[0]] = true
	case b.Type == "mod":
	case where == "":
		r = &Resource{Kind: b.Type, Name: b.Labels[0], Top: true, Block: b}
	case providerKinds[b.Type] && parent != nil && isElement(parent.Type) && sc != nil:
		r = &Resource{Kind: b.Type, Block: b}
		if b.Type == "input" {
			r.Name = sc.dashboard + "." + b.Labels[0]
		} else {
			// Powerpipe names anonymous blocks <dashboard>_anonymous_<type>_<n>.
			k := sc.dashboard + "_anonymous_" + b.Type
			r.Name = fmt.Sprintf("%s_%d", k, m.anon[k])
			m.anon[k]++
		}
	}
	if r != nil {
		m.register(r)
		m.fillProvider(r)
	}
	if where == "" && (b.Type == "dashboard" || b.Type == "container") {
		sc = &scope{dashboard: b.Labels[0], inputs: map[string]bool{}}
	}
	if b.Type == "input" && sc != nil && len(b.Labels) == 1 {
		sc.inputs[b.Labels[0]] = true
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type == "param" && r != nil {
			m.param(r, nb)
		}
		m.block(nb, b, s.blocks, desc, sc)
	}
}

// isElement tells whether blocks nested in a block of this type are dashboard elements.
func isElement(t string) bool { return t == "dashboard" || t == "container" }

func hint(name string, candidates []string) string {
	if s := suggest(name, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

func sortedAttrs(body *hclsyntax.Body) []*hclsyntax.Attribute {
	var out []*hclsyntax.Attribute
	for _, a := range body.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

func (m *Mod) register(r *Resource) {
	if prev, ok := m.resources[r.Key()]; ok {
		m.errorf(r.Block.TypeRange, "duplicate %s %q: first declared at %s", r.Kind, r.Name, rangeString(prev.Block.TypeRange))
		return
	}
	m.resources[r.Key()] = r
	m.order = append(m.order, r)
}

func rangeString(r hcl.Range) string { return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line) }

// fillProvider reads sql, query, args and children of a resource.
func (m *Mod) fillProvider(r *Resource) {
	attrs := r.Block.Body.Attributes
	if a, ok := attrs["sql"]; ok {
		r.sqlExpr = a.Expr // evaluated once every dashboard and query is known (evalSQL)
	}
	if a, ok := attrs["query"]; ok {
		if ref := reference(a.Expr, "query"); ref == "" {
			m.errorf(a.Expr.Range(), "%s: query must reference a query block, as query.NAME", r.Key())
		} else {
			r.Query = ref
		}
	}
	if a, ok := attrs["args"]; ok {
		r.Args = m.args(r, a)
	}
	if a, ok := attrs["children"]; ok {
		tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr)
		if !ok {
			m.errorf(a.Expr.Range(), "%s: children must be a list of control.NAME or benchmark.NAME", r.Key())
			return
		}
		for _, e := range tuple.Exprs {
			ref := reference(e, "control", "benchmark")
			if ref == "" {
				m.errorf(e.Range(), "%s: a benchmark child must be control.NAME or benchmark.NAME", r.Key())
				continue
			}
			r.Children = append(r.Children, ref)
		}
	}
}

// evalSQL evaluates every sql attribute. Like Powerpipe, it lets SQL interpolate
// ${dashboard.NAME.url_path} ("/MOD.dashboard.NAME") and ${query.NAME.sql}.
func (m *Mod) evalSQL() {
	dashboards := map[string]cty.Value{}
	for _, r := range m.order {
		if r.Kind == "dashboard" && r.Top {
			dashboards[r.Name] = cty.ObjectVal(map[string]cty.Value{"url_path": cty.StringVal("/" + m.name + ".dashboard." + r.Name)})
		}
	}
	object := func(vals map[string]cty.Value) cty.Value {
		if len(vals) == 0 {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(vals)
	}
	// a query's sql may use another's: resolve in passes until nothing changes
	for changed := true; changed; {
		changed = false
		queries := map[string]cty.Value{}
		for _, r := range m.order {
			if r.Kind == "query" && r.Top && r.SQL != nil {
				queries[r.Name] = cty.ObjectVal(map[string]cty.Value{"sql": cty.StringVal(*r.SQL)})
			}
		}
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"dashboard": object(dashboards), "query": object(queries)}}
		for _, r := range m.order {
			if r.sqlExpr == nil || r.SQL != nil {
				continue
			}
			if v, diags := r.sqlExpr.Value(ctx); !diags.HasErrors() && v.Type() == cty.String && !v.IsNull() && v.IsKnown() {
				s := v.AsString()
				r.SQL = &s
				changed = true
			}
		}
	}
	for _, r := range m.order {
		if r.sqlExpr != nil && r.SQL == nil {
			m.errorf(r.sqlExpr.Range(), "%s: sql must be a string (it may interpolate dashboard.NAME.url_path and query.NAME.sql)", r.Key())
		}
	}
}

// reference returns "KIND.NAME" when e is exactly such a traversal with one of the kinds.
func reference(e hclsyntax.Expression, kinds ...string) string {
	t, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(t.Traversal) != 2 {
		return ""
	}
	name, ok := t.Traversal[1].(hcl.TraverseAttr)
	if !ok {
		return ""
	}
	for _, k := range kinds {
		if t.Traversal.RootName() == k {
			return k + "." + name.Name
		}
	}
	return ""
}

func (m *Mod) param(r *Resource, b *hclsyntax.Block) {
	if len(b.Labels) != 1 {
		return // reported by the schema check
	}
	p := &Param{Name: b.Labels[0], Range: b.TypeRange}
	if a, ok := b.Body.Attributes["default"]; ok {
		p.HasDefault = true
		if len(a.Expr.Variables()) == 0 {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
				p.Default = v
			}
		}
	}
	for _, o := range r.Params {
		if o.Name == p.Name {
			m.errorf(b.TypeRange, "%s: duplicate param %q", r.Key(), p.Name)
			return
		}
	}
	r.Params = append(r.Params, p)
}

func (m *Mod) args(r *Resource, a *hclsyntax.Attribute) *Args {
	value := func(e hclsyntax.Expression) Arg {
		arg := Arg{Range: e.Range()}
		if len(e.Variables()) == 0 {
			if v, diags := e.Value(nil); !diags.HasErrors() {
				arg.Value = v
			}
		}
		return arg
	}
	out := &Args{Range: a.Expr.Range()}
	switch e := a.Expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		out.Named = map[string]Arg{}
		for _, item := range e.Items {
			k, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() || k.Type() != cty.String {
				m.errorf(item.KeyExpr.Range(), "%s: args keys must be param names", r.Key())
				continue
			}
			out.Named[k.AsString()] = value(item.ValueExpr)
		}
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			out.List = append(out.List, value(x))
		}
	default:
		m.errorf(a.Expr.Range(), "%s: args must be an object of param names or a list", r.Key())
		return nil
	}
	return out
}

// checkExpr resolves every reference in an expression and checks file() paths.
func (m *Mod) checkExpr(e hclsyntax.Expression, sc *scope) {
	for _, t := range e.Variables() {
		m.checkTraversal(t, sc)
	}
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		call, ok := n.(*hclsyntax.FunctionCallExpr)
		if !ok || call.Name != "file" || len(call.Args) != 1 {
			return nil
		}
		v, diags := call.Args[0].Value(nil)
		if diags.HasErrors() || v.Type() != cty.String {
			return nil
		}
		// Powerpipe resolves file() paths against the mod's root directory.
		if _, err := os.Stat(filepath.Join(m.Dir, v.AsString())); err != nil {
			m.errorf(call.Args[0].Range(), "file(%q): no such file in the mod", v.AsString())
		}
		return nil
	})
}

var referenceKinds = set([]string{"query", "control", "benchmark", "dashboard", "card", "chart", "table", "text", "image", "container"})

func (m *Mod) checkTraversal(t hcl.Traversal, sc *scope) {
	root := t.RootName()
	step := func(i int) string {
		if i < len(t) {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	rng := t.SourceRange()
	switch {
	case referenceKinds[root]:
		name := step(1)
		if name == "" {
			m.errorf(rng, "unsupported reference %s: use %s.NAME", traversalString(t), root)
			return
		}
		key := root + "." + name
		if r, ok := m.resources[key]; !ok || !r.Top {
			var candidates []string
			for k, r := range m.resources {
				if r.Kind == root && r.Top {
					candidates = append(candidates, strings.TrimPrefix(k, root+"."))
				}
			}
			m.errorf(rng, "reference to undefined %s%s", key, hint(name, candidates))
			return
		}
		m.refs[key]++
		if len(t) > 2 && !(len(t) == 3 && (root == "dashboard" && step(2) == "url_path" || root == "query" && step(2) == "sql")) {
			m.errorf(rng, "unsupported reference %s: only dashboard.NAME.url_path and query.NAME.sql reach into a resource", traversalString(t))
		}
	case root == "self":
		if step(1) != "input" || step(2) == "" || step(3) != "value" || len(t) != 4 {
			m.errorf(rng, "unsupported reference %s: use self.input.NAME.value", traversalString(t))
			return
		}
		if sc == nil {
			m.errorf(rng, "%s outside a dashboard", traversalString(t))
			return
		}
		if !sc.inputs[step(2)] {
			m.errorf(rng, "dashboard %q has no input %q%s", sc.dashboard, step(2), hint(step(2), names(sc.inputs)))
		}
	case root == "local":
		if !m.locals[step(1)] {
			m.errorf(rng, "reference to undefined local.%s%s", step(1), hint(step(1), names(m.locals)))
		}
	case root == "var":
		if !m.variables[step(1)] {
			m.errorf(rng, "reference to undefined variable var.%s", step(1))
		}
	default:
		m.errorf(rng, "unknown reference %s", traversalString(t))
	}
}

func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		default:
			if i > 0 {
				b.WriteString("[...]")
			}
		}
	}
	return b.String()
}

// target returns the SQL and params a provider runs: its own, or its query's.
func (m *Mod) target(r *Resource) (sql *string, params []*Param, from *Resource) {
	if r.Query != "" {
		if q, ok := m.resources[r.Query]; ok {
			return q.SQL, q.Params, q
		}
		return nil, nil, nil
	}
	return r.SQL, r.Params, r
}

func (m *Mod) checkProvider(r *Resource) {
	if !providerKinds[r.Kind] {
		return
	}
	rng := r.Block.TypeRange
	if r.SQL != nil && r.Query != "" {
		m.errorf(rng, "%s sets both sql and query", r.Key())
	}
	needsSQL := r.Kind == "query" || r.Kind == "control" || r.Kind == "chart" || r.Kind == "table"
	if needsSQL && r.SQL == nil && r.Query == "" {
		m.errorf(rng, "%s defines neither sql nor query", r.Key())
	}
	if r.Query != "" && len(r.Params) > 0 {
		m.errorf(r.Params[0].Range, "%s references %s: declare params on the query, not here", r.Key(), r.Query)
	}
	if r.SQL != nil && len(r.Params) > 0 {
		used := placeholders(*r.SQL)
		for n := range used {
			if n > len(r.Params) {
				m.errorf(rng, "%s: sql uses $%d but declares %d param(s)", r.Key(), n, len(r.Params))
			}
		}
		for i, p := range r.Params {
			if !used[i+1] {
				m.errorf(p.Range, "%s: param %q is $%d, which the sql never uses", r.Key(), p.Name, i+1)
			}
		}
	}
	sql, params, from := m.target(r)
	if r.Query != "" && from == nil {
		return // reported as an undefined reference
	}
	if len(params) == 0 {
		// Without param blocks Powerpipe passes positional args as they are, and drops
		// named ones; the SQL's highest $N says how many it needs.
		need := 0
		if sql != nil {
			for n := range placeholders(*sql) {
				need = max(need, n)
			}
		}
		switch {
		case r.Args != nil && r.Args.Named != nil:
			m.errorf(r.Args.Range, "%s: named args, but %s declares no param blocks: Powerpipe would pass none of them", r.Key(), from.Key())
		case r.Args != nil && len(r.Args.List) != need:
			m.errorf(r.Args.Range, "%s: %d positional arg(s) for the $1..$%d of %s", r.Key(), len(r.Args.List), need, from.Key())
		case r.Args == nil && need > 0 && r.Kind != "query":
			m.errorf(rng, "%s: %s uses $%d and no arg gives it", r.Key(), from.Key(), need)
		}
		return
	}
	byName := map[string]bool{}
	var pnames []string
	for _, p := range params {
		byName[p.Name] = true
		pnames = append(pnames, p.Name)
	}
	given := map[string]bool{}
	if a := r.Args; a != nil {
		if a.Named != nil {
			for k, v := range a.Named {
				if !byName[k] {
					m.errorf(v.Range, "%s: arg %q matches no param of %s (params: %s)%s", r.Key(), k, from.Key(), listOrNone(pnames), hint(k, pnames))
				}
				given[k] = true
			}
		} else {
			if len(a.List) > len(params) {
				m.errorf(a.Range, "%s: %d positional args for %d param(s) of %s", r.Key(), len(a.List), len(params), from.Key())
			}
			for i := range a.List {
				if i < len(params) {
					given[params[i].Name] = true
				}
			}
		}
	}
	if r.Kind == "query" {
		return // a query is run through its users, which give the args
	}
	for _, p := range params {
		if !p.HasDefault && !given[p.Name] {
			m.errorf(rng, "%s: param %q of %s has no default and no arg gives it", r.Key(), p.Name, from.Key())
		}
	}
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// Unreferenced lists top-level queries nothing references: dead SQL.
func (m *Mod) Unreferenced() []string {
	var out []string
	for _, r := range m.order {
		if r.Kind == "query" && m.refs[r.Key()] == 0 {
			out = append(out, r.Key())
		}
	}
	return out
}

// Resources returns the resources in declaration order.
func (m *Mod) Resources() []*Resource { return m.order }

// Format renders diagnostics one per line as FILE:LINE:COL: message.
func Format(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Subject != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		b.WriteString(d.Summary)
		if d.Detail != "" {
			b.WriteString(": " + d.Detail)
		}
		b.WriteString("\n")
	}
	return b.String()
}
