select * from fortianalyzer_top_source where tid = 5 and start_time = '2026-11-19 00:00:00'
