mod "fortianalyzer_insights" {
  title         = "FortiAnalyzer Insights"
  description   = "Dashboards and detections over FortiAnalyzer threats, traffic, devices, alerts, incidents, logins and policies, through the FortiAnalyzer Steampipe plugin."
  color         = "#DA291C"
  documentation = file("./docs/index.md")
  categories    = ["fortianalyzer", "security", "network"]

  opengraph {
    title       = "Powerpipe mod for FortiAnalyzer insights"
    description = "Threat, traffic, device-health, alert, login and policy dashboards plus a detections benchmark for FortiAnalyzer."
  }

  require {
    # A plugin built from this repository and installed by `make install` lives at
    # ~/.steampipe/plugins/local/fortianalyzer; local plugins skip the version check.
    plugin "local/fortianalyzer" {
      min_version = "0.1.0"
    }
  }
}

locals {
  fortianalyzer_common_tags = {
    category = "FortiAnalyzer"
    plugin   = "fortianalyzer"
    service  = "Fortinet/FortiAnalyzer"
  }
}
