select * from fortianalyzer_ioc_threat where adom = 'NoSuchADOM'
