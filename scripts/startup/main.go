// Command startup measures how long `fazsql "select 1"` takes with a cold compilation cache
// (an empty cache directory: SQLite's WebAssembly is compiled) and a warm one (compiled
// code read back), alternating the two so that both see the same machine load. It needs
// no appliance: "select 1" touches no table, and the connection config only has to be
// valid. `make bench-startup` runs it; figures go to BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	bin := flag.String("fazsql", "bin/fazsql", "fazsql binary")
	runs := flag.Int("runs", 5, "runs of each kind")
	flag.Parse()
	if err := run(*bin, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(bin string, runs int) error {
	tmp, err := os.MkdirTemp("", "fazsql-startup-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	warmHome := filepath.Join(tmp, "warm")
	if _, err := once(bin, warmHome); err != nil { // fills the warm cache
		return err
	}
	var cold, warm []time.Duration
	for i := range runs {
		c, err := once(bin, filepath.Join(tmp, fmt.Sprintf("cold%d", i)))
		if err != nil {
			return err
		}
		w, err := once(bin, warmHome)
		if err != nil {
			return err
		}
		cold, warm = append(cold, c), append(warm, w)
	}
	mc, mw := median(cold), median(warm)
	fmt.Printf("fazsql \"select 1\", %d runs each, alternating:\n", runs)
	fmt.Printf("  cold cache  median %6.2f s  (%v)\n", mc.Seconds(), cold)
	fmt.Printf("  warm cache  median %6.2f s  (%v)\n", mw.Seconds(), warm)
	fmt.Printf("  cold / warm %.1fx\n", mc.Seconds()/mw.Seconds())
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("  load average %s", b)
	}
	return nil
}

// once runs fazsql with home (and its cache directory) under dir.
func once(bin, home string) (time.Duration, error) {
	if err := os.MkdirAll(home, 0o755); err != nil {
		return 0, err
	}
	cmd := exec.Command(bin, "-o", "csv", "select 1 as one")
	cmd.Env = append(os.Environ(),
		"HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "LocalAppData="+filepath.Join(home, "AppData"),
		"FORTIANALYZER_URL=https://127.0.0.1:1", "FORTIANALYZER_API_KEY=startup-benchmark")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start).Round(10 * time.Millisecond)
	if err != nil || string(out) != "one\n1\n" {
		return 0, fmt.Errorf("%s: %v: %q", bin, err, out)
	}
	return d, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
