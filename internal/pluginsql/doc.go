// Package pluginsql exposes every table of a Steampipe plugin (SDK v5) as a
// SQLite virtual table, running the plugin in-process.
//
// It is the project's own SQL front end: the Steampipe CLI and its Postgres
// FDW are not available everywhere, and tests need real SQL (joins, GROUP BY,
// LIMIT) against the plugin. The engine follows the Postgres FDW's rules so a
// query behaves the same under both:
//
//   - one virtual table per plugin table, with the hidden columns
//     sp_connection_name, sp_ctx and _ctx;
//   - only key-column constraints with a declared operator reach the plugin,
//     and SQLite re-checks every constraint on the rows it gets back;
//   - IN lists reach the plugin as one list qual when SQLite allows it;
//   - an ORDER BY whose every term is a column declaring that direction
//     (plugin.Column.Sort: SortAsc, SortDesc or SortAll) is the plugin's: SQLite
//     is told the rows come sorted (orderByConsumed) and the plugin gets the
//     terms in QueryContext.SortOrder, as the FDW's goFdwCanSort and
//     getSortColumns decide; any other ORDER BY (an undeclared column or
//     direction, a mixed list, an expression, a COLLATE, an aggregator of
//     several connections, whose rows the SDK interleaves) SQLite sorts itself
//     and the plugin gets no order;
//   - LIMIT (+OFFSET) is passed only when every predicate went to the plugin
//     and there is no ORDER BY or the plugin took it;
//   - a plan missing a required key column costs so much that SQLite feeds
//     the key from another table of a join when it can;
//   - every Filter call (once per outer row of a join) gets its own context and
//     its own stream; closing a cursor cancels that context and waits for the
//     plugin to return, so no goroutine outlives its query;
//   - only the columns SQLite uses are requested, so per-row hydrates run only
//     for selected columns.
//
// Plugin calls go through the SDK's own server (plugin.Server): connection
// configs via SetAllConnectionConfigs, schemas via GetSchema, scans via
// PluginServer.Execute on a stream of the engine's own (execution.go)
// rather than CallExecuteAsync with a LocalPluginStream, because Execute
// returning tells the engine the scan is over; the SDK's query cache is
// disabled so every query runs.
//
// Logs: plugin.Server points a logger at stderr and takes over the std log
// package; Open redirects both to Options.LogOutput (discarded when nil).
// The std log package stays redirected for the life of the process.
//
// Limits: SQLite attaches at most 10 schemas, so at most 10 connections
// (aggregators included). A DB runs one statement at a time; close every
// Rows before the next Query and before Close.
//
// Connections: each connection (and each aggregator) is attached as its own
// schema, so `faz_a.fortianalyzer_top_source` names one connection's table;
// the default connection (the first aggregator, else the first connection)
// also answers unqualified names, like Steampipe's search path.
package pluginsql
