-- srcip IN (...) is pushed into the task filter; the window is explicit.
select srcip, hostname, sessions, bytes, filter
from fortianalyzer_top_source
where srcip in ('10.0.1.150', '10.0.1.75')
  and start_time = '2026-11-18 00:00:00' and end_time = '2026-11-19 00:00:00'
order by srcip
