select srcip, adom from fortianalyzer_top_source where adom = 'Branch_Office'
