select incident_id, name, severity, status
from fortianalyzer_incident
where start_time = '2026-10-25 00:00:00' and status <> 'closed'
order by incident_id
