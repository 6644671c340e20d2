package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesStatements(t *testing.T) {
	out := t.TempDir()
	if err := run("../../internal/modcheck/testdata/good", out, false, map[string]string{"ip": "10.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	want := "control_inline.pg.sql control_over.pg.sql query_hits.pg.sql query_ips.pg.sql query_over.pg.sql"
	if strings.Join(got, " ") != want {
		t.Fatalf("files %v, want %s", got, want)
	}
	sql, _ := os.ReadFile(filepath.Join(out, "query_hits.pg.sql"))
	if !strings.Contains(string(sql), "srcip = '10.0.0.1'") {
		t.Errorf("query_hits.pg.sql lacks the -set value:\n%s", sql)
	}
}

func TestRunRefusesInvalidMod(t *testing.T) {
	err := run("../../internal/modcheck/testdata/typo_attribute", t.TempDir(), false, nil)
	if err == nil || !strings.Contains(err.Error(), `mod.pp:7:5: unsupported attribute "widht"`) {
		t.Fatalf("err = %v, want the typo with its file and line", err)
	}
}

func TestRunNeedsValueForParamWithoutDefault(t *testing.T) {
	err := run("../../internal/modcheck/testdata/good", t.TempDir(), false, nil)
	if err == nil || !strings.Contains(err.Error(), "-set ip=VALUE") {
		t.Fatalf("err = %v, want one telling how to give the param", err)
	}
}
