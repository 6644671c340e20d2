-- A LIMIT on a log search reaches the appliance: one search, five rows.
select log_time, srcip, dstip, dstport, action, policy_id
from fortianalyzer_log
where srcip = '10.0.1.150' and log_time > '2026-11-20 10:00:00'
limit 5
