-- FortiView top-sources rejects filters on other fields than srcip; the appliance's message reaches SQL.
select * from fortianalyzer_top_source where filter = 'service=="HTTPS"'
