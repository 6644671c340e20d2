package pluginsql

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a goroutine-safe bytes.Buffer.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// captureStderr runs fn with os.Stderr pointed at a pipe and returns what
// was written to it.
func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	out := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		out <- string(b)
	}()
	func() {
		defer func() { os.Stderr = old }()
		fn()
	}()
	_ = w.Close()
	return <-out
}

func TestPluginLogsQuietByDefault(t *testing.T) {
	conns := []Connection{{Name: "toy", Config: `region = "eu"`}}
	stderr := captureStderr(t, func() {
		db, err := Open(context.Background(), newToy().pluginFunc(), conns, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, _ = db.QueryAll(context.Background(), `select * from toy_fail`)
	})
	if stderr != "" {
		t.Errorf("plugin wrote to stderr with logs off: %q", stderr)
	}
}

func TestPluginLogsToLogOutput(t *testing.T) {
	conns := []Connection{{Name: "toy", Config: `region = "eu"`}}
	var buf syncBuffer
	db, err := Open(context.Background(), newToy().pluginFunc(), conns, Options{LogOutput: &buf, LogLevel: "warn"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, _ = db.QueryAll(context.Background(), `select * from toy_fail`)
	if !strings.Contains(buf.String(), "toy_fail.list") {
		t.Errorf("plugin log missing from LogOutput: %q", buf.String())
	}
}

func TestTablesDescribesSchema(t *testing.T) {
	db, _, _ := openToy(t, "")
	tables := db.Tables("")
	var names []string
	for _, ti := range tables {
		names = append(names, ti.Name)
	}
	if strings.Join(names, ",") != "toy_block,toy_child,toy_event,toy_fail,toy_host,toy_rank" {
		t.Fatalf("tables = %v", names)
	}
	var host TableInfo
	for _, ti := range tables {
		if ti.Name == "toy_child" {
			host = ti
		}
	}
	found := false
	for _, c := range host.Columns {
		if c.Name == "host" {
			found = true
			if c.KeyColumn != "required =" || c.Type != "TEXT" {
				t.Errorf("host column = %+v", c)
			}
		}
		if c.Name == "sp_connection_name" && !c.Hidden {
			t.Errorf("sp_connection_name not hidden")
		}
	}
	if !found {
		t.Error("no host column")
	}
	for _, ti := range tables {
		if ti.Name != "toy_rank" {
			continue
		}
		sorts := map[string]string{}
		for _, c := range ti.Columns {
			sorts[c.Name] = c.Sort
		}
		if sorts["score"] != "asc desc" || sorts["up"] != "asc" || sorts["down"] != "desc" || sorts["name"] != "" {
			t.Errorf("toy_rank sorts = %v", sorts)
		}
	}
	if db.Tables("nope") != nil {
		t.Error("unknown connection should give nil")
	}
}
