-- An IP from a JSON array is text: cast it to compare with the inet column.
select t.threat, s.srcip, s.sessions
from fortianalyzer_ioc_threat t
  cross join lateral jsonb_array_elements_text(t.sources) as ip
  join fortianalyzer_top_source s on s.srcip = ip::inet
where t.threat_level >= 3
