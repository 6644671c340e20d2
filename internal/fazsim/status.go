package fazsim

import (
	"fmt"
	"strings"
	"time"
)

// applianceSerial is the simulated FAZ's serial (also the TLS certificate CN).
const applianceSerial = "FAZ-VMTM23000001"

// ApplianceSerial returns the simulated appliance's serial number.
func (s *Server) ApplianceSerial() string { return applianceSerial }

// zoneLabel renders FAZ's "Time Zone" string, e.g. "(GMT+1:00) Brussels, ...".
func zoneLabel(loc *time.Location, now time.Time) string {
	// FAZ prints the zone's standard offset; take January's (northern winter).
	_, off := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	city := loc.String()
	if i := strings.LastIndexByte(city, '/'); i >= 0 {
		city = city[i+1:]
	}
	city = strings.ReplaceAll(city, "_", " ")
	extra := map[string]string{"Brussels": "Brussels, Copenhagen, Madrid, Paris"}[city]
	if extra == "" {
		extra = city
	}
	return fmt.Sprintf("(GMT%s%d:%02d) %s", sign, off/3600, off%3600/60, extra)
}

func (s *Server) sysStatus(c *call) (any, *rpcError) {
	return map[string]any{
		"Hostname": "FAZ-SIM", "Version": "v7.6.5-build3653 251215 (GA.M)", "Serial Number": applianceSerial,
		"Platform Type": "FAZVM64", "Platform Full Name": "FortiAnalyzer-VM64", "Build": 3653, "Major": 7, "Minor": 6, "Patch": 5,
		"HA Mode": "Stand Alone", "License Status": "Valid", "Admin Domain Configuration": "Enabled",
		"Max Number of Admin Domains": 10000, "Current Time": c.now.In(s.loc).Format("Mon Jan 02 15:04:05 MST 2006"),
		"Time Zone": zoneLabel(s.loc, c.now), "TZ": s.loc.String(), "FIPS Mode": "Disabled",
		"Release Version Information": " (GA)", "Branch Point": "3653", "BIOS version": "04000002",
		"Offline Mode": "Disabled", "x86-64 Applications": "Yes", "Disk Usage": "Free 180.1GB, Total 200.0GB",
	}, nil
}
