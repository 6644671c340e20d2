// Package sqldocs reads the runnable SQL examples of the project's Markdown docs: under each
// `### Title`, a ```sql+postgres block (or a plain ```sql block, Steampipe's own dialect) and
// the ```sql+sqlite twin that follows it. The docs tests and the Postgres check both run
// them, so the two engines are always asked the same questions.
package sqldocs

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Example is one titled example. Either query may be empty when the doc has no such block.
type Example struct {
	File     string // path as given
	Title    string // the nearest heading above the block
	Postgres string
	SQLite   string
}

// Name is "file: title", for test names and reports.
func (e Example) Name() string { return filepath.Base(e.File) + ": " + e.Title }

// Files returns dir/index.md (when present) and dir/tables/*.md, the docs that hold examples.
func Files(dir string) ([]string, error) {
	var out []string
	if _, err := os.Stat(filepath.Join(dir, "index.md")); err == nil {
		out = append(out, filepath.Join(dir, "index.md"))
	}
	tables, err := filepath.Glob(filepath.Join(dir, "tables", "*.md"))
	if err != nil {
		return nil, err
	}
	return append(out, tables...), nil
}

// Read returns the examples of one Markdown file, in order.
func Read(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out     []Example
		title   = "(no heading)"
		block   *strings.Builder
		dialect string
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if block != nil {
			if strings.TrimSpace(l) == "```" {
				sql := block.String()
				switch dialect {
				case "postgres":
					out = append(out, Example{File: path, Title: title, Postgres: sql})
				case "sqlite":
					if n := len(out); n > 0 && out[n-1].Title == title && out[n-1].SQLite == "" {
						out[n-1].SQLite = sql
					} else {
						out = append(out, Example{File: path, Title: title, SQLite: sql})
					}
				}
				block = nil
				continue
			}
			block.WriteString(l + "\n")
			continue
		}
		if strings.HasPrefix(l, "#") {
			title = strings.TrimSpace(strings.TrimLeft(l, "#"))
			continue
		}
		switch strings.TrimSpace(l) {
		case "```sql+postgres", "```sql":
			block, dialect = &strings.Builder{}, "postgres"
		case "```sql+sqlite":
			block, dialect = &strings.Builder{}, "sqlite"
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if block != nil {
		return nil, fmt.Errorf("%s: a ```sql block under %q is never closed", path, title)
	}
	return out, nil
}

// ReadDir returns the examples of every file Files lists.
func ReadDir(dir string) ([]Example, error) {
	files, err := Files(dir)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, f := range files {
		ex, err := Read(f)
		if err != nil {
			return nil, err
		}
		out = append(out, ex...)
	}
	return out, nil
}

// StripComments drops whole-line -- comments, so a query can be wrapped or searched for
// keywords without its commentary.
func StripComments(sql string) string {
	var b strings.Builder
	for _, l := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
