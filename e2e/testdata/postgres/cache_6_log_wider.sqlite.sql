select count(*) from fortianalyzer_log where log_type = 'attack' and log_time >= datetime('now', '-48 hours')
