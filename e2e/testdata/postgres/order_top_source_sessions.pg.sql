-- pgcheck: ordered
-- FortiView sort-by: the order and the limit go to the task.
select srcip, sessions from fortianalyzer_top_source order by sessions desc limit 5;
