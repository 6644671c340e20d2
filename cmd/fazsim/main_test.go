package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestHelpDocumentsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	if _, err := parseFlags([]string{"-h"}, &out); err == nil {
		t.Fatal("-h did not stop")
	}
	for _, f := range []string{"-listen", "-tls", "-dialect", "-data-seed", "-seed", "-end", "-window", "-rows", "-users", "-api-keys", "-timezone",
		"-task-scale", "-task-throughput", "-register-delay", "-task-ttl", "-session-idle", "-session-max-requests", "-slots", "-faults", "premature100"} {
		if !strings.Contains(out.String(), f) {
			t.Errorf("help lacks %s", f)
		}
	}
}

func TestFlagErrorsNameTheFlag(t *testing.T) {
	for args, want := range map[string]string{
		"-listen 0.0.0.0:1":        "-listen",
		"-end yesterday":           "-end",
		"-users admin":             "-users",
		"-faults explode,nth=1":    "-faults",
		"-listen 127.0.0.1:1 junk": "unexpected argument",
	} {
		_, err := parseFlags(strings.Fields(args), io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", args, err)
		}
	}
}

// lineWriter hands run's output lines to a channel, so the test waits on
// the printed URL instead of sleeping.
type lineWriter struct{ lines chan string }

func (w lineWriter) Write(p []byte) (int, error) {
	sc := bufio.NewScanner(bytes.NewReader(p))
	for sc.Scan() {
		w.lines <- sc.Text()
	}
	return len(p), nil
}

func TestRunServesAndStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := lineWriter{lines: make(chan string, 100)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-rows", "1000", "-task-scale", "0", "-api-keys", "k"}, out, io.Discard)
	}()
	var url string
	var sawKey bool
	for url == "" || !sawKey {
		line := <-out.lines
		if u, ok := strings.CutPrefix(line, "URL:"); ok {
			url = strings.TrimSpace(u)
		}
		sawKey = sawKey || strings.Contains(line, "API key:  k")
	}
	resp, err := http.Post(url, "application/json", strings.NewReader(`{"id":1,"method":"exec","params":[{"url":"/sys/login/user","data":{"user":"admin","passwd":"fortinet"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"session"`) {
		t.Fatalf("login answer %s", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}
