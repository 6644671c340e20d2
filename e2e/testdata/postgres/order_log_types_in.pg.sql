-- pgcheck: ordered
-- Two log types merged in time order: right in both engines.
select log_time, log_type from fortianalyzer_log where log_type in ('traffic','event') order by log_time desc limit 10;
