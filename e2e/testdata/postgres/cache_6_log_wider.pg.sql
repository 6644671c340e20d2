select count(*) from fortianalyzer_log where log_type = 'attack' and log_time >= now() - interval '48 hours'
