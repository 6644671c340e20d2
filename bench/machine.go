package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// machine describes where the benchmark ran: figures mean little without it.
type machine struct {
	CPUs  int
	Model string
	MemMB int64
	Go    string
	OS    string
}

func (m machine) String() string {
	s := fmt.Sprintf("%d CPUs (%s), %s/%s, %s", m.CPUs, m.Model, m.OS, runtime.GOARCH, m.Go)
	if m.MemMB > 0 {
		s += fmt.Sprintf(", %d MB RAM", m.MemMB)
	}
	return s
}

// thisMachine reads the CPU model and memory size from /proc where it can.
func thisMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), Model: "unknown CPU", Go: runtime.Version(), OS: runtime.GOOS}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.Model = v
	}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		var kb int64
		if _, err := fmt.Sscanf(v, "%d", &kb); err == nil {
			m.MemMB = kb / 1024
		}
	}
	return m
}

// procField returns the value of the first "key : value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// loadAverage is the 1-minute load average, or "unknown": a loaded machine (other builds
// sharing the CPUs) slows the CPU-bound streaming figures, so the report records it.
func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if f := strings.Fields(string(raw)); len(f) > 0 {
		return f[0]
	}
	return "unknown"
}
