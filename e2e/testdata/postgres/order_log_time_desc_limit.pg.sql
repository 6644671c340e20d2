-- pgcheck: searches=1 ordered
-- Issue 13: the FDW hands `order by log_time desc` and the limit to the plugin: one search of 10 rows.
select log_time, srcip, dstip, log_id from fortianalyzer_traffic_log order by log_time desc limit 10;
