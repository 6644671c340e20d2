-- A serial goes to the task as devid, a name as devname; rows echo the device qual.
select device, count(*) as sources, sum(sessions) as sessions
from fortianalyzer_top_source
where device in ('FGT60F3X17000001', 'FGT-HQ-02')
group by device
order by device
