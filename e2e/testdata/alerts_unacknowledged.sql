select alert_id, alert_time, severity_level, trigger_name, device_name
from fortianalyzer_alert
where not acknowledged
order by alert_time desc, alert_id
limit 5
