-- pgcheck: ordered
select srcip, sessions from fortianalyzer_top_source where adom in ('root','Branch_Office') order by sessions desc limit 5;
