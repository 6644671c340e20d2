-- The window that ends now: 'now' is a constant the FDW pushes (a bare now() is not pushed).
select srcip from fortianalyzer_top_source where end_time = 'now'
