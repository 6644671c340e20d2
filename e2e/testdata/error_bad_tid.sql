select * from fortianalyzer_top_source where tid = 999999
