-- Attack logs of a window grouped by threat: the search pages through every row.
select threat, count(*) as events, count(distinct srcip) as sources
from fortianalyzer_log
where log_type = 'attack' and start_time = '2026-11-20 00:00:00' and end_time = '2026-11-20 12:00:00'
group by threat
order by events desc, threat
