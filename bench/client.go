package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
)

// clientResult is one log stream read by the client alone (internal/faz, no SQL):
// SearchLogRecords over the streaming simulator's window, with one pager.
type clientResult struct {
	Pager    string // "keyset" (the default) or "offset" (the pager before it)
	Rows     int64
	Wall     time.Duration
	CPU      time.Duration // this process's CPU time during the stream
	Searches int
	Slices   int
	PeakRSS  int64
	PeakHeap uint64
}

// RowsPerSec is the client's throughput.
func (r clientResult) RowsPerSec() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.Rows) / r.Wall.Seconds()
}

// decoderResult is the row decoder alone on one 1000-row log page of the simulator.
type decoderResult struct {
	Name       string
	RowsPerSec float64
}

// clientPagers are measured side by side at every size, interleaved.
var clientPagers = []string{"offset", "keyset"}

// runClient streams each size through the client with each pager against one simulator
// (the streaming section's data), then measures the decoder on one page of it.
func runClient(ctx context.Context, start simStarter, sizes []int, progress func(string)) ([]clientResult, []decoderResult, error) {
	if len(sizes) == 0 {
		return nil, nil, nil
	}
	maxN := 0
	for _, n := range sizes {
		maxN = max(maxN, n)
	}
	total := rowsForTraffic(maxN)
	progress(fmt.Sprintf("client: starting a simulator with %d log rows", total))
	sim, err := start(ctx, total)
	if err != nil {
		return nil, nil, err
	}
	defer sim.Close()
	clients := map[string]*faz.Client{}
	for _, p := range clientPagers {
		c, err := faz.New(faz.Config{URL: sim.URL, Username: "admin", Password: "fortinet", LogPaging: p})
		if err != nil {
			return nil, nil, err
		}
		defer func() { _ = c.Close(context.WithoutCancel(ctx)) }()
		clients[p] = c
		// Warm-up: the session, the appliance zone, one page.
		if _, err := streamClient(ctx, c, 2000); err != nil {
			return nil, nil, fmt.Errorf("client warm-up (%s): %w", p, sim.Explain(err))
		}
	}
	var out []clientResult
	for _, n := range sizes {
		for _, p := range clientPagers {
			r, err := measureClient(ctx, clients[p], n)
			if err != nil {
				return nil, nil, fmt.Errorf("client %s pager, %d rows: %w", p, n, sim.Explain(err))
			}
			r.Pager = p
			if r.Rows != int64(n) {
				return nil, nil, fmt.Errorf("client %s pager: %d rows, want %d", p, r.Rows, n)
			}
			progress(fmt.Sprintf("client %s pager, %d rows: %v, %.0f rows/s, %d searches, peak RSS %.1f MB",
				p, n, r.Wall.Round(time.Millisecond), r.RowsPerSec(), r.Searches, mb(r.PeakRSS)))
			out = append(out, r)
		}
	}
	page, err := logPage(ctx, sim.URL)
	if err != nil {
		return nil, nil, fmt.Errorf("fetching a page for the decoder: %w", err)
	}
	dec := measureDecoders(page)
	for _, d := range dec {
		progress(fmt.Sprintf("decoder %s: %.0f rows/s", d.Name, d.RowsPerSec))
	}
	return out, dec, nil
}

// streamWindowSpec is root's traffic logs over the streaming window, newest first.
func streamWindowSpec(limit int) faz.LogSearchSpec {
	return faz.LogSearchSpec{ADOM: "root", LogType: "traffic", Start: streamEnd.Add(-streamWindow), End: streamEnd, Limit: limit}
}

func streamClient(ctx context.Context, c *faz.Client, n int) (faz.SearchInfo, error) {
	return c.SearchLogRecords(ctx, streamWindowSpec(n), func(r faz.Record) error {
		if len(r.Raw) == 0 || r.Row == nil {
			return fmt.Errorf("empty record")
		}
		return nil
	})
}

func measureClient(ctx context.Context, c *faz.Client, n int) (clientResult, error) {
	var r clientResult
	if err := resetPeakRSS(); err != nil {
		return r, err
	}
	cpu0 := selfCPU()
	h := startHeapSampler(10 * time.Millisecond)
	t0 := time.Now()
	info, err := streamClient(ctx, c, n)
	r.Wall = time.Since(t0)
	r.PeakHeap = h.Stop()
	r.CPU = selfCPU() - cpu0
	if err != nil {
		return r, err
	}
	if r.PeakRSS, err = peakRSS(); err != nil {
		return r, err
	}
	r.Rows, r.Searches, r.Slices = int64(info.Rows), info.Searches, info.Slices
	return r, nil
}

// logPage fetches one 1000-row log-search answer over JSON-RPC, the bytes the client
// decodes for every page.
func logPage(ctx context.Context, base string) ([]byte, error) {
	post := func(body string) ([]byte, error) {
		rq, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/jsonrpc", strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		rq.Header.Set("Authorization", "Bearer fazsim-api-key")
		resp, err := http.DefaultClient.Do(rq)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	tr := fmt.Sprintf(`{"start":%q,"end":%q,"tz":"UTC"}`, streamEnd.Add(-streamWindow).UTC().Format(time.DateTime), streamEnd.UTC().Format(time.DateTime))
	add, err := post(`{"id":1,"jsonrpc":"2.0","method":"add","params":[{"url":"/logview/adom/root/logsearch","apiver":3,"logtype":"traffic","limit":1000,"offset":0,"time-range":` + tr + `}]}`)
	if err != nil {
		return nil, err
	}
	var a struct {
		Result struct {
			TID int `json:"tid"`
		} `json:"result"`
	}
	if err := json.Unmarshal(add, &a); err != nil || a.Result.TID == 0 {
		return nil, fmt.Errorf("add: %v: %.200s", err, add)
	}
	page, err := post(fmt.Sprintf(`{"id":2,"jsonrpc":"2.0","method":"get","params":[{"url":"/logview/adom/root/logsearch/%d","apiver":3,"limit":1000,"offset":0}]}`, a.Result.TID))
	if err != nil {
		return nil, err
	}
	if n := bytes.Count(page, []byte(`"itime"`)); n != 1000 {
		return nil, fmt.Errorf("the page holds %d rows, want 1000", n)
	}
	return page, nil
}

// measureDecoders times the client's decoder (faz.DecodeLogRecords: rows and their Raw
// bytes) and, for comparison, encoding/json into maps with json.Number (the decoder
// before it, which then re-marshalled a row for raw) on the same page, for about a
// second each.
func measureDecoders(page []byte) []decoderResult {
	run := func(decode func() int) float64 {
		rows, t0 := 0, time.Now()
		for time.Since(t0) < time.Second {
			rows += decode()
		}
		return float64(rows) / time.Since(t0).Seconds()
	}
	client := run(func() int {
		n := 0
		_ = faz.DecodeLogRecords(page, func(faz.Record) error { n++; return nil })
		return n
	})
	std := run(func() int {
		dec := json.NewDecoder(bytes.NewReader(page))
		dec.UseNumber()
		var v struct {
			Result struct {
				Data []map[string]any `json:"data"`
			} `json:"result"`
		}
		_ = dec.Decode(&v)
		for _, row := range v.Result.Data {
			_, _ = json.Marshal(row)
		}
		return len(v.Result.Data)
	})
	return []decoderResult{{Name: "client (faz.DecodeLogRecords, rows + Raw)", RowsPerSec: client}, {Name: "encoding/json into maps + re-marshal (before)", RowsPerSec: std}}
}
