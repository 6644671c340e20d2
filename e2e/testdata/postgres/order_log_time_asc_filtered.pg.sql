-- pgcheck: searches=1 ordered
select log_time, srcip, action, log_id from fortianalyzer_log where log_type = 'traffic' and action = 'deny' order by log_time asc limit 10;
