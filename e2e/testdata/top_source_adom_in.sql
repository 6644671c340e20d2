-- One task per ADOM; group by across them.
select adom, count(*) as sources, sum(sessions) as sessions, sum(bytes) as bytes
from fortianalyzer_top_source
where adom in ('root', 'Branch_Office', 'Data_Center')
group by adom
order by adom
