package main

import (
	"context"
	"fmt"

	"github.com/faz-sql/steampipe-plugin-fortianalyzer/fortianalyzer"
	"github.com/faz-sql/steampipe-plugin-fortianalyzer/internal/faz"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// pluginWiring is the only FortiAnalyzer-specific part of the CLI.
func pluginWiring() wiring {
	return wiring{
		Name:       "fortianalyzer",
		DefaultSPC: ".steampipe/config/fortianalyzer.spc",
		Attrs: []attrFlag{
			{Flag: "url", Attr: "url", Help: "FortiAnalyzer base URL, e.g. https://faz.example.com (env FORTIANALYZER_URL)"},
			{Flag: "api-key", Attr: "api_key", Help: "API key (env FORTIANALYZER_API_KEY; prefer the env var: flags show in ps)"},
			{Flag: "username", Attr: "username", Help: "user for a JSON-RPC session (env FORTIANALYZER_USERNAME)"},
			{Flag: "password", Attr: "password", Help: "password (env FORTIANALYZER_PASSWORD; prefer the env var)"},
			{Flag: "adom", Attr: "adom", Help: "default ADOM (env FORTIANALYZER_ADOM; default root)"},
			{Flag: "ca-file", Attr: "ca_file", Help: "PEM CA bundle to trust (env FORTIANALYZER_CA_FILE)"},
			{Flag: "tls-fingerprint", Attr: "tls_fingerprint", Help: "SHA-256 fingerprint of the appliance certificate to pin (env FORTIANALYZER_TLS_FINGERPRINT)"},
			{Flag: "insecure", Attr: "insecure_skip_verify", Bool: true, Help: "skip TLS verification (env FORTIANALYZER_INSECURE_SKIP_VERIFY)"},
			{Flag: "timezone", Attr: "timezone", Help: "appliance time zone override, IANA name (env FORTIANALYZER_TIMEZONE)"},
		},
		New: func(progress func(progressEvent), warn func(string)) (plugin.PluginFunc, func(context.Context) error) {
			opts := fortianalyzer.Options{Warn: warn}
			if progress != nil {
				opts.Progress = func(p faz.Progress) {
					progress(progressEvent{
						ID:         fmt.Sprintf("%s/%s/%s/%d", p.Kind, p.ADOM, p.View, p.TID),
						Label:      fmt.Sprintf("%s %s (adom %s)", p.Kind, p.View, p.ADOM),
						Percentage: p.Percentage,
						Done:       p.Done,
					})
				}
			}
			// The closer logs the sessions out and waits for task deletes in flight, so a
			// short CLI run leaves neither on the appliance.
			return fortianalyzer.NewWithCloser(opts)
		},
		Examples: `  export FORTIANALYZER_URL=https://faz.example.com FORTIANALYZER_API_KEY=...
  fazsql "select * from fortianalyzer_adom"
  fazsql -o json "select srcip, sessions from fortianalyzer_top_source where adom = 'root' limit 10"
  fazsql --config ~/.steampipe/config/fortianalyzer.spc \
    "select sp_connection_name, count(*) from fortianalyzer_device group by 1"
  fazsql --url https://127.0.0.1:8443 --username admin --insecure     # interactive shell
`,
	}
}
