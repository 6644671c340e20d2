package sqldocs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadPairsTwinsUnderTheirHeading(t *testing.T) {
	md := "# Table\n\n```sql\nselect 0\n```\n\n### First\nText.\n\n```sql+postgres\nselect 1\n```\n\n```sql+sqlite\nselect 'one'\n```\n\n" +
		"### Only SQLite\n```sql+sqlite\nselect 2\n```\n\n```sh\nmake demo\n```\n"
	p := filepath.Join(t.TempDir(), "t.md")
	if err := os.WriteFile(p, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	ex, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{File: p, Title: "Table", Postgres: "select 0\n"},
		{File: p, Title: "First", Postgres: "select 1\n", SQLite: "select 'one'\n"},
		{File: p, Title: "Only SQLite", SQLite: "select 2\n"},
	}
	if len(ex) != len(want) {
		t.Fatalf("got %d examples %+v, want %d", len(ex), ex, len(want))
	}
	for i := range want {
		if ex[i] != want[i] {
			t.Errorf("example %d: got %+v, want %+v", i, ex[i], want[i])
		}
	}
}

func TestReadRefusesAnUnclosedBlock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.md")
	if err := os.WriteFile(p, []byte("### X\n```sql+sqlite\nselect 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(p); err == nil {
		t.Fatal("an unclosed block must be an error, not a lost example")
	}
}

func TestStripComments(t *testing.T) {
	if got := StripComments("-- a note\nselect 1 -- kept\n  -- indented\nfrom t"); got != "select 1 -- kept\nfrom t\n" {
		t.Fatalf("got %q", got)
	}
}
