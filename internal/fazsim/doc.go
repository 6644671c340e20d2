// Package fazsim is an in-memory FortiAnalyzer (FAZ) simulator that speaks the
// appliance's JSON-RPC API over HTTP.
//
// It exists because no FortiAnalyzer is reachable from the project's
// development and CI machines, and because mocking at function level hides
// the behaviours that broke other FAZ clients on real appliances: single-use
// log-search task ids, "100% but empty" pages, -11 on session expiry, a finite
// pool of search slots, the two response dialects. The simulator reproduces
// them at the HTTP level so the client, the plugin, the demo and the
// benchmarks all run against the same wire behaviour.
//
// The package deliberately imports neither the FAZ client nor the plugin, so
// it cannot share their assumptions.
//
// Use it from tests with net/http/httptest:
//
//	srv := fazsim.New(fazsim.Options{Seed: 1})
//	ts := httptest.NewServer(srv)
//	defer ts.Close()
//
// and from the command line with cmd/fazsim.
package fazsim
