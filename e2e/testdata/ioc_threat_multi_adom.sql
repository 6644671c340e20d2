-- Threats seen in more than one ADOM.
select threat, count(distinct adom) as adoms, sum(incidents) as incidents, group_concat(adom, ',') as seen_in
from (select threat, adom, incidents from fortianalyzer_ioc_threat
      where adom in ('root', 'Branch_Office', 'Data_Center') order by adom)
group by threat
having count(distinct adom) > 1
order by adoms desc, threat
