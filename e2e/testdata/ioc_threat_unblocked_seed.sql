-- dialect: seed
-- The same query against the seed dialect: sources come on the rows, no drilldown.
select threat, severity, detected, blocked, sources
from fortianalyzer_ioc_threat
where detected > 0 and blocked = 0
order by threat
