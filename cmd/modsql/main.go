// Command modsql checks the Powerpipe mod and writes each of its queries and controls as
// NAME.pg.sql, parameters substituted, for running through PostgreSQL and the Steampipe
// FDW (e.g. QUERIES_DIR=DIR run.sh with the project's postgres-fdw tools).
//
//	go run ./cmd/modsql -mod mod -out /tmp/modsql -set endpoint_ip=10.0.1.50
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/modcheck"
)

type setFlag map[string]string

func (s setFlag) String() string { return fmt.Sprint(map[string]string(s)) }

func (s setFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", v)
	}
	s[k] = val
	return nil
}

func main() {
	dir := flag.String("mod", "mod", "mod directory")
	out := flag.String("out", "", "directory to write NAME.pg.sql files into (created); empty: only check the mod")
	format := flag.Bool("fmt", false, "rewrite the mod's files in canonical HCL layout, then check")
	values := setFlag{}
	flag.Var(values, "set", "NAME=VALUE for a param: needed when it has no default, overrides the default otherwise (repeatable)")
	flag.Parse()
	if err := run(*dir, *out, *format, values); err != nil {
		fmt.Fprintln(os.Stderr, "modsql:", err)
		os.Exit(1)
	}
}

func run(dir, out string, format bool, values map[string]string) error {
	m, diags := modcheck.Load(dir)
	if diags.HasErrors() {
		return fmt.Errorf("%s is not a valid mod:\n%s", dir, modcheck.Format(diags))
	}
	if format {
		changed, err := m.Unformatted(true)
		for _, f := range changed {
			fmt.Println("formatted", f)
		}
		if err != nil {
			return err
		}
	}
	if out == "" {
		fmt.Printf("%s: %d files ok\n", dir, len(m.Files))
		return nil
	}
	stmts, err := m.Statements(values)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, s := range stmts {
		if err := os.WriteFile(filepath.Join(out, s.Name+".pg.sql"), []byte(s.SQL), 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d statements to %s\n", len(stmts), out)
	return nil
}
