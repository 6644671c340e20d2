select d.name, d.serial, count(t.threat) as threats
from fortianalyzer_device d join fortianalyzer_ioc_threat t on t.device = d.serial and t.adom = d.adom
where d.adom = 'root'
group by d.name, d.serial
