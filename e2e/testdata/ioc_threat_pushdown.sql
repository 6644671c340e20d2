-- threat_type and threat are pushed into the FortiView filter.
select threat, threat_type, severity, incidents, filter
from fortianalyzer_ioc_threat
where threat_type = 'ips' and threat in ('SSH.Brute.Force.Login', 'Nmap.Script.Scanner')
order by threat
