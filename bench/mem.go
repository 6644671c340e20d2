package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// procStatusKB reads one "Name:   123 kB" line of /proc/self/status.
func procStatusKB(name string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, name+":"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				break
			}
			return strconv.ParseInt(fields[0], 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/self/status has no %s line", name)
}

// resetPeakRSS returns memory to the OS and resets the kernel's resident-set high-water
// mark (VmHWM) to the current RSS, so the next reading is the peak of what follows.
// Writing "5" to clear_refs is Linux's documented way to reset VmHWM.
func resetPeakRSS() error {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS is the resident-set high-water mark since the last reset, in bytes.
func peakRSS() (int64, error) {
	kb, err := procStatusKB("VmHWM")
	return kb * 1024, err
}

// currentRSS is the resident set size now, in bytes.
func currentRSS() (int64, error) {
	kb, err := procStatusKB("VmRSS")
	return kb * 1024, err
}

// heapSampler records the peak of the Go heap's live-and-unswept object bytes, sampled
// on a ticker. runtime/metrics is read instead of runtime.ReadMemStats because it does
// not stop the world, so sampling does not slow the stream it measures.
type heapSampler struct {
	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	peak uint64
}

const heapMetric = "/memory/classes/heap/objects:bytes"

// startHeapSampler samples every interval until Stop.
func startHeapSampler(interval time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		v := sample[0].Value.Uint64()
		h.mu.Lock()
		if v > h.peak {
			h.peak = v
		}
		h.mu.Unlock()
	}
	read()
	go func() {
		defer close(h.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				read()
			case <-h.stop:
				read()
				return
			}
		}
	}()
	return h
}

// Stop ends sampling and returns the peak heap bytes seen.
func (h *heapSampler) Stop() uint64 {
	close(h.stop)
	<-h.done
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peak
}
