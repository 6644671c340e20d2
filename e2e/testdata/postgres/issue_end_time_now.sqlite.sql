select srcip from fortianalyzer_top_source where end_time = datetime('now')
