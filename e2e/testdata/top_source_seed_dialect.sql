-- dialect: seed
-- The same question against a server answering in the seed documents' shapes gives the same answer.
select rank, srcip, hostname, sessions, bytes, bits_per_second, adom
from fortianalyzer_top_source
limit 5
