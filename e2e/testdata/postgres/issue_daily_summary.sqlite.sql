select severity, count(*) as threats, sum(incidents) as incidents, sum(blocked) as blocked
from fortianalyzer_ioc_threat
where start_time = datetime('now', 'start of day', '-1 day') and end_time = datetime('now', 'start of day')
group by severity
