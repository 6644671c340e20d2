// Package faz is a FortiAnalyzer JSON-RPC client: authentication (API key or
// session with transparent re-login), TLS (CA file, server-name override,
// certificate pinning), one decoder for the real and seed response dialects,
// typed errors, bounded retries, a FortiView task runner with adaptive
// polling, a log-search pager, a per-client limit on concurrent server tasks,
// appliance time zones and a filter builder.
//
// Every server task the client creates is deleted on every exit path, including
// context cancellation, so a cancelled SQL query leaves nothing behind on the
// appliance.
package faz
