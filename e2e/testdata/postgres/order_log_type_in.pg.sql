-- pgcheck: ordered
-- log_type IN (...) is split by the SDK into one scan per value; sorting in a materialized CTE keeps the answer right.
with l as materialized (
  select log_time, log_type, log_id from fortianalyzer_log where log_type in ('traffic', 'event') and log_time > now() - interval '10 minutes'
)
select log_time, log_type, log_id from l order by log_time desc, log_id limit 10;
