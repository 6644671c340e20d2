select * from fortianalyzer_top_source where start_time = '2026-09-01 00:00:00'
