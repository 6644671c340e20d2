package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/fazsim"
)

// TestFortiAnalyzerWiring runs the real plugin against the simulator: the
// flags become a connection. (The progress line itself is tested in
// units_test.go: with instant simulator tasks there may be no poll to show.)
func TestFortiAnalyzerWiring(t *testing.T) {
	srv := httptest.NewServer(fazsim.New(fazsim.Options{}))
	defer srv.Close()
	var out, errb bytes.Buffer
	e := env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		StderrTTY: true, // progress, if any, is drawn into errb
		Getenv:    func(string) string { return "" },
		Home:      t.TempDir(),
	}
	code := run(context.Background(), []string{
		"--url", srv.URL, "--api-key", "fazsim-api-key", "-o", "csv",
		"select count(*) > 0 as some from fortianalyzer_top_source where adom = 'root'",
	}, e, pluginWiring())
	if code != 0 || out.String() != "some\n1\n" {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	if strings.Contains(errb.String(), "fazsim-api-key") {
		t.Error("the API key reached stderr")
	}
}
