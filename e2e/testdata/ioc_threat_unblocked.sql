-- Threats detected but never blocked, with the endpoints that hit them (per-row drilldown).
select threat, threat_type, severity, detected, blocked, sources
from fortianalyzer_ioc_threat
where detected > 0 and blocked = 0
order by threat
