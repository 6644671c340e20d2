select srcip, device from fortianalyzer_top_source where device = 'FGT60F3X17000001'
