-- The default window (24 hours to the fixed now); LIMIT without ORDER BY reaches the task.
select rank, srcip, hostname, sessions, bytes, bits_per_second, user_name, adom, device, start_time, end_time
from fortianalyzer_top_source
limit 5
