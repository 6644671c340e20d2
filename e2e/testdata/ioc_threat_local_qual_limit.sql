-- blocked is evaluated by the plugin, so the LIMIT the engine pushes must not become the
-- task's limit (the top 2 threats are blocked ones): the plugin reads on until 2 rows pass.
select threat, blocked
from fortianalyzer_ioc_threat
where blocked = 0
limit 2
