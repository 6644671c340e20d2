connection "fortianalyzer" {
  plugin = "local/fortianalyzer"

  # Base URL of the FortiAnalyzer (JSON-RPC is served at <url>/jsonrpc). No user:password@
  # in it. The TLS options below need an https:// URL: with http:// they are an error.
  # Env: FORTIANALYZER_URL
  # url = "https://faz.example.com"

  # Credentials: an API key (FAZ 7.2.2+, sent as "Authorization: Bearer"), or a username and
  # password (a JSON-RPC session, re-established automatically when it expires). Not both.
  # Env: FORTIANALYZER_API_KEY, FORTIANALYZER_USERNAME, FORTIANALYZER_PASSWORD
  # api_key  = "0123456789abcdef"
  # username = "steampipe"
  # password = "..."

  # ADOM queried when a query has no `adom` qual. Default: "root".
  # Env: FORTIANALYZER_ADOM
  # adom = "root"

  # TLS. Verification is on. The appliance's stock certificate has its serial number as CN
  # and no SAN, so no CA bundle can make it verify by IP or name: pin it instead with
  # tls_fingerprint (SHA-256 of the leaf certificate, hex, colons and a "sha256:" prefix
  # allowed), e.g. from
  #   openssl s_client -connect faz:443 </dev/null | openssl x509 -noout -fingerprint -sha256
  # ca_file trusts a private CA (a PEM file, read when the connection loads); tls_server_name
  # verifies against another name than the URL's host. insecure_skip_verify = true disables
  # verification (a warning in the plugin log; fazsql prints it on stderr); it cannot be
  # combined with tls_fingerprint.
  # Env: FORTIANALYZER_CA_FILE, FORTIANALYZER_TLS_SERVER_NAME, FORTIANALYZER_TLS_FINGERPRINT,
  #      FORTIANALYZER_INSECURE_SKIP_VERIFY
  # ca_file              = "/etc/ssl/faz-ca.pem"
  # tls_server_name      = "FAZ-VM0000000001"
  # tls_fingerprint      = "AB:CD:..."
  # insecure_skip_verify = false

  # Time zone the appliance reads time ranges in (IANA name). Default: read from the
  # appliance's /sys/status; set it only if that is wrong or unavailable.
  # Env: FORTIANALYZER_TIMEZONE
  # timezone = "Europe/Brussels"

  # Window used when a query gives no start_time: the last default_time_range before
  # end_time (or now). Durations: 90s, 15m, 24h, 7d. Default: 24h.
  # Env: FORTIANALYZER_DEFAULT_TIME_RANGE
  # default_time_range = "24h"

  # Window of the log tables (fortianalyzer_log and the typed fortianalyzer_*_log tables)
  # when a query bounds neither start_time nor log_time from below: the last
  # default_log_time_range before end_time (or now). Raw logs are many, so it is shorter
  # than FortiView's default_time_range. Same durations. Default: 1h.
  # Env: FORTIANALYZER_DEFAULT_LOG_TIME_RANGE
  # default_log_time_range = "1h"

  # Longest window a query may ask for; longer ones fail with an error rather than load the
  # appliance for minutes. "0" removes the limit. Default: 31d.
  # Env: FORTIANALYZER_MAX_TIME_RANGE
  # max_time_range = "31d"

  # Tasks (FortiView and log searches) this connection runs on the appliance at once, shared
  # by all queries, so SQL cannot exhaust the appliance's search slots. 1-64. Default: 4.
  # Env: FORTIANALYZER_MAX_CONCURRENT_TASKS
  # max_concurrent_tasks = 4

  # How long one task may run before the query fails (the task is then deleted). Default: 5m.
  # A task waiting for a free search slot on the appliance waits up to this long first.
  # Env: FORTIANALYZER_TASK_TIMEOUT
  # task_timeout = "5m"

  # Timeout of one HTTP request to the appliance; a request without an answer by then
  # fails the query (it is not sent again). Default: 30s.
  # Env: FORTIANALYZER_REQUEST_TIMEOUT
  # request_timeout = "30s"
}
