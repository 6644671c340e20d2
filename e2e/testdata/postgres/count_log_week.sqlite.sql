select count(*) from (select log_id from fortianalyzer_log where log_type = 'traffic' and log_time >= datetime('now', '-7 days'))
