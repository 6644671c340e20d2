with l as materialized (
  select log_time, log_type, log_id from fortianalyzer_log where log_type in ('traffic', 'event') and log_time > datetime('now', '-10 minutes')
)
select log_time, log_type, log_id from l order by log_time desc, log_id limit 10;
