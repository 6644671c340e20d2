select srcip, sessions from fortianalyzer_top_source order by sessions desc limit 5;
