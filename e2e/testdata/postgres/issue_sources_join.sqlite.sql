select t.threat, s.srcip, s.sessions
from fortianalyzer_ioc_threat t
  join json_each(t.sources) as ip
  join fortianalyzer_top_source s on s.srcip = ip.value
where t.threat_level >= 3
