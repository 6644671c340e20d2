-- Each device of an ADOM feeds the device qual of the IOC table.
select d.name, d.serial, count(t.threat) as threats, sum(t.incidents) as incidents
from fortianalyzer_device d join fortianalyzer_ioc_threat t on t.device = d.serial and t.adom = d.adom
where d.adom = 'Branch_Office'
group by d.name, d.serial
order by d.name
