-- The real dialect's answer to top_source_seed_dialect.sql.
select rank, srcip, hostname, sessions, bytes, bits_per_second, adom
from fortianalyzer_top_source
limit 5
