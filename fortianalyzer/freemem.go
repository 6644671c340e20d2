package fortianalyzer

import (
	"os"
	"strconv"
)

// FreeMemEnv is the SDK's setting of how many streamed rows pass between its forced full
// garbage collections that return memory to the OS (plugin.GetFreeMemInterval: 100 when
// unset, 0 is never); the SDK reads it at every scan.
const FreeMemEnv = "STEAMPIPE_FREE_MEM_INTERVAL"

// DefaultFreeMemInterval is what the plugin sets FreeMemEnv to when its process has not
// set it, in every host (Steampipe's plugin process, the standalone FDW, fazsql). A log
// query streams hundreds of thousands of rows, and at the SDK's 100 each forced collection
// cost more CPU than the rest of the plugin. Measured (BENCHMARKS.md, "Logs: plugin and
// client side by side"): in PostgreSQL a 36,759-row log count took 5.9 s at 100 and 2.0 s
// at 10000; through the embedded engine 1M rows read at 0.85x the client's rate, peak RSS
// growing 14 MB from 100k to 1M rows (flat).
const DefaultFreeMemInterval = 10000

// setFreeMemInterval applies DefaultFreeMemInterval unless the user chose a value (0
// included). It sets the process environment, which the SDK reads at every scan.
func setFreeMemInterval() {
	if _, ok := os.LookupEnv(FreeMemEnv); !ok {
		_ = os.Setenv(FreeMemEnv, strconv.Itoa(DefaultFreeMemInterval))
	}
}
