-- Issue 13: a week of traffic logs counted (36,759 rows on the simulator, 37 keyset slices):
-- the same count in both engines; `pgcheck -v` prints both engines' times (BENCHMARKS.md).
select count(*) from (select log_id from fortianalyzer_log where log_type = 'traffic' and log_time >= now() - interval '7 days') s
