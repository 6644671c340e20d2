select srcip, adom, device from fortianalyzer_top_source
