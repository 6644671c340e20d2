package fazsim

import "time"

// Static vocabulary the generated data draws from. The names are realistic
// FortiOS values so that filters written for a real appliance make sense here.

// adomPlan describes the fixed ADOM/device layout. The layout is constant
// (the other packages' tests and the demo name these ADOMs and serials); the
// seed varies everything generated from it.
var adomPlan = []struct {
	name, desc, subnet string
	endpoints          int
	devices            []Device
}{
	{"root", "Headquarters", "10.0.1.", 30, []Device{
		{Serial: "FGT60F3X17000001", Name: "FGT-HQ-01", Platform: "FortiGate-60F", IP: "192.0.2.11", VDOMs: []string{"root"}},
		{Serial: "FG100FTK19000002", Name: "FGT-HQ-02", Platform: "FortiGate-100F", IP: "192.0.2.12", VDOMs: []string{"root", "dmz"}},
		{Serial: "FG200FTK20000003", Name: "FGT-HQ-CORE", Platform: "FortiGate-200F", IP: "192.0.2.13", VDOMs: []string{"root"}},
	}},
	{"Branch_Office", "Branch offices", "10.10.1.", 20, []Device{
		{Serial: "FGT40F3X21000011", Name: "FGT-BR-01", Platform: "FortiGate-40F", IP: "198.51.100.21", VDOMs: []string{"root"}},
		{Serial: "FGT40F3X21000012", Name: "FGT-BR-02", Platform: "FortiGate-40F", IP: "198.51.100.22", VDOMs: []string{"root"}, SilentFor: 3 * time.Hour},
	}},
	{"Data_Center", "Data centre", "10.20.0.", 25, []Device{
		{Serial: "FG1K0FTB22000021", Name: "FGT-DC-01", Platform: "FortiGate-1000F", IP: "203.0.113.31", VDOMs: []string{"root", "web", "db"}},
		{Serial: "FG1K0FTB22000022", Name: "FGT-DC-02", Platform: "FortiGate-1000F", IP: "203.0.113.32", VDOMs: []string{"root", "web", "db"}},
		{Serial: "FG600FTK22000023", Name: "FGT-DC-EDGE", Platform: "FortiGate-600F", IP: "203.0.113.33", VDOMs: []string{"root"}},
		{Serial: "FG600FTK22000024", Name: "FGT-DC-MGMT", Platform: "FortiGate-600F", IP: "203.0.113.34", VDOMs: []string{"root"}},
	}},
}

// seedHosts are the endpoints of the seed document, placed in root so that a
// demo against the simulator shows the same names.
var seedHosts = map[string]string{
	"10.0.1.150": "LAPTOP-USER01",
	"10.0.1.75":  "DESKTOP-IT01",
	"10.0.1.45":  "SERVER-APP01",
}

var hostPrefixes = []string{"LAPTOP", "DESKTOP", "WS", "SERVER", "PRINTER", "PHONE"}
var userNames = []string{"jdoe", "asmith", "bwayne", "ckent", "dprince", "eripley", "fmulder", "gscully", "hpotter", "ilang", "jbond", "kjanew"}

var destCatalog = []Destination{
	{"142.250.74.46", "www.google.com", "United States"},
	{"140.82.121.5", "github.com", "United States"},
	{"13.107.42.14", "outlook.office365.com", "United States"},
	{"151.101.1.69", "stackoverflow.com", "United States"},
	{"104.16.132.229", "cloudflare.com", "United States"},
	{"185.199.108.153", "docs.github.io", "United States"},
	{"52.95.110.1", "s3.amazonaws.com", "Ireland"},
	{"91.198.174.192", "wikipedia.org", "Netherlands"},
	{"23.246.0.1", "netflix.com", "United States"},
	{"31.13.72.36", "facebook.com", "Ireland"},
	{"212.58.244.22", "bbc.co.uk", "United Kingdom"},
	{"193.191.244.1", "belgium.be", "Belgium"},
	{"46.105.123.4", "ovh.net", "France"},
	{"81.169.145.78", "strato.de", "Germany"},
	{"8.8.8.8", "dns.google", "United States"},
	{"1.1.1.1", "one.one.one.one", "Australia"},
	{"103.21.244.1", "cdn.example.sg", "Singapore"},
	{"177.71.207.1", "sa-east.example.br", "Brazil"},
	{"202.12.27.33", "m.root-servers.net", "Japan"},
	{"95.213.0.1", "vk.example.ru", "Russian Federation"},
	{"185.220.101.7", "tor-exit.example.net", "Germany"},
	{"45.83.64.1", "scanner.example.net", "Netherlands"},
	{"223.5.5.5", "dns.alidns.com", "China"},
	{"41.203.18.1", "isp.example.ng", "Nigeria"},
}

var appCatalog = []Application{
	{ID: 15832, Name: "Firefox.Update", Group: "Firefox", Category: "General.Interest", Risk: 1, Port: 443, Service: "HTTPS"},
	{ID: 40568, Name: "HTTPS.BROWSER", Group: "HTTPS.BROWSER", Category: "Web.Client", Risk: 2, Port: 443, Service: "HTTPS"},
	{ID: 15893, Name: "HTTP.BROWSER", Group: "HTTP.BROWSER", Category: "Web.Client", Risk: 2, Port: 80, Service: "HTTP"},
	{ID: 16354, Name: "Microsoft.Outlook", Group: "Microsoft.Office.365", Category: "Email", Risk: 2, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 41468, Name: "Microsoft.Teams", Group: "Microsoft.Teams", Category: "Collaboration", Risk: 2, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 16920, Name: "YouTube", Group: "YouTube", Category: "Video/Audio", Risk: 3, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 18155, Name: "Netflix", Group: "Netflix", Category: "Video/Audio", Risk: 3, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 15817, Name: "Facebook", Group: "Facebook", Category: "Social.Media", Risk: 3, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 16009, Name: "DNS", Group: "DNS", Category: "Network.Service", Risk: 1, Port: 53, Service: "DNS"},
	{ID: 16060, Name: "NTP", Group: "NTP", Category: "Network.Service", Risk: 1, Port: 123, Service: "NTP"},
	{ID: 16061, Name: "SSH", Group: "SSH", Category: "Remote.Access", Risk: 4, Port: 22, Service: "SSH"},
	{ID: 15896, Name: "RDP", Group: "RDP", Category: "Remote.Access", Risk: 4, Port: 3389, Service: "RDP"},
	{ID: 16195, Name: "GitHub", Group: "GitHub", Category: "Collaboration", Risk: 2, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 34039, Name: "Dropbox", Group: "Dropbox", Category: "Storage.Backup", Risk: 3, Port: 443, Service: "HTTPS", Cloud: true},
	{ID: 17459, Name: "BitTorrent", Group: "BitTorrent", Category: "P2P", Risk: 5, Port: 6881, Service: "BitTorrent"},
	{ID: 16270, Name: "Tor", Group: "Tor", Category: "Proxy", Risk: 5, Port: 9001, Service: "Tor"},
}

var webCatalog = []Website{
	{"www.google.com", 41, "Search Engines and Portals"},
	{"github.com", 52, "Information Technology"},
	{"stackoverflow.com", 52, "Information Technology"},
	{"bbc.co.uk", 36, "News and Media"},
	{"wikipedia.org", 31, "Reference"},
	{"netflix.com", 75, "Streaming Media and Download"},
	{"www.youtube.com", 75, "Streaming Media and Download"},
	{"facebook.com", 37, "Social Networking"},
	{"shop.example.com", 46, "Shopping"},
	{"belgium.be", 29, "Government and Legal Organizations"},
	{"poker.example.com", 11, "Gambling"},
	{"games.example.net", 20, "Games"},
}

// blockedCategories are web categories the synthetic web filter blocks.
var blockedCategories = map[int]bool{11: true, 20: true, 26: true, 59: true, 86: true}

// threatPlan is the threat catalogue. adoms lists where a threat occurs
// (several occur in more than one ADOM); block is the share of hits that
// are blocked (0 = detected but never blocked).
var threatPlan = []struct {
	name, threatType, logType string
	level                     int
	block                     float64
	adoms                     []string
	cve                       string
	appID                     int
	domain                    bool
}{
	{"Backdoor.Cobalt.Strike.Beacon", "ips", "attack", 4, 1, []string{"root", "Branch_Office", "Data_Center"}, "", 0, false},
	{"Apache.Log4j.Error.Log.Remote.Code.Execution", "ips", "attack", 4, 0, []string{"root", "Data_Center"}, "CVE-2021-44228", 0, false},
	{"MS.SMB.Server.SMB1.Trans2.Secondary.Handling.Code.Execution", "ips", "attack", 3, 0.5, []string{"root", "Branch_Office"}, "CVE-2017-0144", 0, false},
	{"HTTP.URI.SQL.Injection", "ips", "attack", 3, 1, []string{"Data_Center"}, "", 0, false},
	{"SSH.Brute.Force.Login", "ips", "attack", 2, 0.3, []string{"root", "Branch_Office", "Data_Center"}, "", 0, false},
	{"Nmap.Script.Scanner", "ips", "attack", 1, 0, []string{"root", "Data_Center"}, "", 0, false},
	{"W32/Emotet.ABC!tr", "malware-detected", "virus", 4, 1, []string{"root", "Branch_Office"}, "", 0, false},
	{"JS/Agent.BXK!tr", "malware-detected", "virus", 3, 0, []string{"Branch_Office"}, "", 0, false},
	{"EICAR_TEST_FILE", "malware-detected", "virus", 1, 1, []string{"root", "Branch_Office", "Data_Center"}, "", 0, false},
	{"evil-cdn.example.net", "Malicious Websites", "webfilter", 3, 1, []string{"root", "Branch_Office", "Data_Center"}, "", 0, true},
	{"proxy-free.example.org", "Proxy Avoidance", "webfilter", 2, 0.6, []string{"root", "Branch_Office"}, "", 0, true},
	{"spam-links.example.com", "Spam URLs", "webfilter", 1, 0, []string{"Branch_Office"}, "", 0, true},
	{"c2.badactor.example", "botnet", "dns", 4, 0.7, []string{"root", "Data_Center"}, "", 0, true},
	{"phish-login.example.com", "phishing", "dns", 3, 0, []string{"root"}, "", 0, true},
	{"Known.Malicious.IP", "blocked-connection", "traffic", 2, 1, []string{"root", "Branch_Office", "Data_Center"}, "", 0, false},
	{"Tor.Exit.Node", "blocked-connection", "traffic", 0, 0, []string{"root", "Data_Center"}, "", 16270, false},
	{"BitTorrent", "application", "app-ctrl", 0, 0.5, []string{"Branch_Office", "root"}, "", 17459, false},
}

// levelNames are FAZ's level_s values indexed by threatlevel.
var levelNames = []string{"Info", "Low", "Medium", "High", "Critical"}

// levelWeights are FortiOS's default threat weights indexed by threatlevel.
var levelWeights = []int{0, 5, 10, 30, 50}

// logTypeWeights is the share (out of 100) of rows of each log type.
var logTypeWeights = []struct {
	name   string
	weight int
}{
	{"traffic", 55}, {"event", 8}, {"app-ctrl", 9}, {"webfilter", 9}, {"dns", 8}, {"attack", 7}, {"virus", 4},
}

// LogTypes lists the log types the simulator generates.
var LogTypes = []string{"traffic", "event", "app-ctrl", "webfilter", "dns", "attack", "virus", "ssl", "emailfilter", "file-filter"}

// sparseUTMTypes share the event weight (logrow.go), 1% of the rows each.
var sparseUTMTypes = []string{"ssl", "emailfilter", "file-filter"}

// knownLogTypes is the live catalogue of log type names (7.6.6). Searches on
// types the simulator does not generate succeed with no rows, like an
// appliance that never received such logs.
var knownLogTypes = map[string]bool{
	"app-ctrl": true, "attack": true, "content": true, "dlp": true, "emailfilter": true, "event": true,
	"generic": true, "history": true, "im": true, "sniffer": true, "traffic": true, "virus": true,
	"voip": true, "webfilter": true, "netscan": true, "fct-event": true, "fct-traffic": true,
	"fct-netscan": true, "waf": true, "gtp": true, "dns": true, "ssh": true, "ssl": true,
	"file-filter": true, "asset": true, "protocol": true, "siem": true, "ztna": true, "security": true,
}

// logTypeAliases are the live aliases; "utm" silently means every type.
var logTypeAliases = map[string]string{"anomaly": "attack", "icap": "protocol", "virtual-patch": "security"}

// tunnelPlan are the site-to-site IPsec tunnels: each joins two FortiGates of
// the layout above (HQ to the branches, HQ to the data centre's edge) and is
// configured on both, under one name [I: the layout is the simulator's own].
var tunnelPlan = []struct{ name, a, b string }{
	{"HQ-to-BR-01", "FGT60F3X17000001", "FGT40F3X21000011"},
	{"HQ-to-BR-02", "FGT60F3X17000001", "FGT40F3X21000012"},
	{"HQ-to-DC", "FG200FTK20000003", "FG600FTK22000023"},
}
