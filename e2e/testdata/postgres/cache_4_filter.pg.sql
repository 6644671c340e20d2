select srcip, filter from fortianalyzer_top_source where filter = 'srcip=="10.0.1.150"'
