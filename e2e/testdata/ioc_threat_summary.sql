-- Daily threat summary by severity.
select severity, count(*) as threats, sum(incidents) as incidents, sum(blocked) as blocked
from fortianalyzer_ioc_threat
where start_time = '2026-11-19 00:00:00' and end_time = '2026-11-20 00:00:00'
group by severity
order by max(threat_level) desc
