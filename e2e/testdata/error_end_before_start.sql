select * from fortianalyzer_ioc_threat where start_time = '2026-11-20 00:00:00' and end_time = '2026-11-19 00:00:00'
