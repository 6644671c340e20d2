package fortianalyzer

// fortianalyzer_fortiview: any FortiView view by name, its rows as the appliance sent them
// (raw). The typed tables cover the views a SOC asks most; this one reaches the other views
// of the catalogue (FAZ 7.6.7 serves 136 for FortiGates) without a release.
func fortiViewAny() *fortiView {
	return &fortiView{
		Table:       "fortianalyzer_fortiview",
		ViewQual:    "view",
		Description: "Rows of any FortiView view, named by the view qual, as the appliance returns them (raw JSON), in a time window.",
	}
}
