select severity, count(*) as threats, sum(incidents) as incidents, sum(blocked) as blocked
from fortianalyzer_ioc_threat
where start_time = 'yesterday' and end_time = 'today'
group by severity
