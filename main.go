// Command steampipe-plugin-fortianalyzer is the plugin binary Steampipe runs.
package main

import (
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

func main() {
	plugin.Serve(&plugin.ServeOpts{PluginFunc: fortianalyzer.Plugin})
}
