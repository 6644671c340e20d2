-- Top sources that hit a critical threat: the join feeds each endpoint to the top-sources task.
select t.threat, s.srcip, s.hostname, s.sessions
from fortianalyzer_ioc_threat t, json_each(t.sources) ip, fortianalyzer_top_source s
where t.severity = 'critical' and s.srcip = ip.value
order by t.threat, s.srcip
