select a.name as adom, a.os_version, count(d.serial) as devices, group_concat(d.name, ',') as names
from fortianalyzer_adom a left join (select * from fortianalyzer_device order by name) d on d.adom = a.name
group by a.name, a.os_version
order by a.name
