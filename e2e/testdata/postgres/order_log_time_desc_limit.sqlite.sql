select log_time, srcip, dstip, log_id from fortianalyzer_traffic_log order by log_time desc limit 10;
