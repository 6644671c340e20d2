select count(*) from fortianalyzer_top_source where adom = 'No_Such_ADOM'
