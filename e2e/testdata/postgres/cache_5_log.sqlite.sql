select count(*) from fortianalyzer_log where log_type = 'attack'
