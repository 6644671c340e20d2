package fazsim

import (
	"fmt"
	"sort"
	"time"
)

// Device is a managed FortiGate.
type Device struct {
	Serial, Name, Platform, IP string
	ADOM                       string
	VDOMs                      []string
	Policies                   []Policy
	// SilentFor is how long before the data's end the device stopped logging (its
	// connection is down): the case "which FortiGates stopped logging?" must find.
	SilentFor time.Duration
}

// Policy is a firewall policy of a device.
type Policy struct {
	ID   int
	Name string
}

// ADOM is an administrative domain and its devices.
type ADOM struct {
	Name, Desc string
	OID        int
	Devices    []Device
	Endpoints  []Endpoint
}

// Endpoint is an internal host that originates traffic.
type Endpoint struct {
	IP, Hostname, User, Country string
}

// Destination is a remote host.
type Destination struct {
	IP, Hostname, Country string
}

// Application is an application-control signature.
type Application struct {
	ID                    int
	Name, Group, Category string
	Risk, Port            int
	Service               string
	// Cloud marks a cloud (SaaS) application, what FortiView's cloud views count [I:
	// which signatures FortiGuard flags as cloud applications is not recorded].
	Cloud bool
}

// Website is a web host with its web-filter category.
type Website struct {
	Hostname string
	CatID    int
	CatDesc  string
}

// Threat is a threat signature, where it occurs and who hits it.
type Threat struct {
	Name, Type, LogType string
	Level               int     // 0 info .. 4 critical
	BlockRate           float64 // share of hits blocked; 0 = never blocked
	ADOMs               []string
	CVE                 string
	AppID               int
	Domain              bool                // the name is a domain (obf_url is set)
	Endpoints           map[string][]string // ADOM -> source IPs that hit it
}

// Dataset is the deterministic synthetic data behind a Server. It is
// read-only after New and safe for concurrent use; tests use it to compute
// expected answers independently of the request handlers.
type Dataset struct {
	seed     int64
	start    time.Time
	end      time.Time
	rows     int
	lagMS    int64 // IndexLag in milliseconds (0: rows are searchable at their itime)
	loc      *time.Location
	adoms    []ADOM
	devices  []Device // all devices, index = device id in rows
	threats  []Threat
	byADOM   map[string]int
	bySerial map[string]int
	// threatsBy[adom][logtype] -> indexes into threats
	threatsBy map[string]map[string][]int
}

// newDataset builds the catalogue for a seed.
func newDataset(seed int64, end time.Time, window time.Duration, rows int, loc *time.Location, indexLag time.Duration) *Dataset {
	d := &Dataset{
		seed: seed, end: end.Truncate(time.Second), rows: rows, loc: loc, lagMS: indexLag.Milliseconds(),
		byADOM: map[string]int{}, bySerial: map[string]int{}, threatsBy: map[string]map[string][]int{},
	}
	d.start = d.end.Add(-window)
	r := newRNG(seed, 0xada)
	for ai, plan := range adomPlan {
		a := ADOM{Name: plan.name, Desc: plan.desc, OID: 3 + ai*100}
		for e := 0; e < plan.endpoints; e++ {
			ip := fmt.Sprintf("%s%d", plan.subnet, 10+e*5)
			host, ok := seedHosts[ip]
			if !ok {
				host = fmt.Sprintf("%s-%s%02d", hostPrefixes[r.intn(len(hostPrefixes))], plan.name[:2], e+1)
			}
			user := ""
			if r.intn(4) != 0 { // a quarter of the hosts have no identified user
				user = userNames[r.intn(len(userNames))]
			}
			a.Endpoints = append(a.Endpoints, Endpoint{IP: ip, Hostname: host, User: user, Country: "Reserved"})
		}
		for _, dev := range plan.devices {
			dev.ADOM = plan.name
			dev.VDOMs = append([]string(nil), dev.VDOMs...)
			n := 4 + r.intn(4)
			for p := 1; p <= n; p++ {
				dev.Policies = append(dev.Policies, Policy{ID: p, Name: policyName(p)})
			}
			d.bySerial[dev.Serial] = len(d.devices)
			d.devices = append(d.devices, dev)
			a.Devices = append(a.Devices, dev)
		}
		d.byADOM[a.Name] = len(d.adoms)
		d.adoms = append(d.adoms, a)
		d.threatsBy[a.Name] = map[string][]int{}
	}
	for ti, tp := range threatPlan {
		t := Threat{Name: tp.name, Type: tp.threatType, LogType: tp.logType, Level: tp.level, BlockRate: tp.block,
			ADOMs: tp.adoms, CVE: tp.cve, AppID: tp.appID, Domain: tp.domain, Endpoints: map[string][]string{}}
		for _, an := range tp.adoms {
			eps := d.adoms[d.byADOM[an]].Endpoints
			n := 1 + r.intn(4)
			seen := map[string]bool{}
			for len(t.Endpoints[an]) < n {
				ip := eps[r.intn(len(eps))].IP
				if !seen[ip] {
					seen[ip] = true
					t.Endpoints[an] = append(t.Endpoints[an], ip)
				}
			}
			sort.Strings(t.Endpoints[an])
			d.threatsBy[an][tp.logType] = append(d.threatsBy[an][tp.logType], ti)
		}
		d.threats = append(d.threats, t)
	}
	return d
}

func policyName(id int) string {
	names := []string{"", "LAN-to-WAN", "Guest-Internet", "DMZ-Web", "VPN-Users", "Servers-Out", "Mgmt-Access", "Deny-Tor", "Branch-Link"}
	if id < len(names) {
		return names[id]
	}
	return fmt.Sprintf("policy-%d", id)
}

// Seed returns the data seed.
func (d *Dataset) Seed() int64 { return d.seed }

// Start returns the oldest possible log time (inclusive).
func (d *Dataset) Start() time.Time { return d.start }

// End returns the newest possible log time.
func (d *Dataset) End() time.Time { return d.end }

// Location returns the appliance time zone.
func (d *Dataset) Location() *time.Location { return d.loc }

// NumRows returns the number of generated log rows over the whole window.
func (d *Dataset) NumRows() int { return d.rows }

// ADOMs returns the ADOMs with their devices and endpoints.
func (d *Dataset) ADOMs() []ADOM { return d.adoms }

// ADOM returns the named ADOM.
func (d *Dataset) ADOM(name string) (ADOM, bool) {
	i, ok := d.byADOM[name]
	if !ok {
		return ADOM{}, false
	}
	return d.adoms[i], true
}

// Devices returns every device of every ADOM.
func (d *Dataset) Devices() []Device { return d.devices }

// Threats returns the threat catalogue.
func (d *Dataset) Threats() []Threat { return d.threats }

// Destinations returns the remote hosts traffic goes to.
func (d *Dataset) Destinations() []Destination { return destCatalog }

// Applications returns the application signatures.
func (d *Dataset) Applications() []Application { return appCatalog }

// Websites returns the web hosts with their categories.
func (d *Dataset) Websites() []Website { return webCatalog }

// endpoint finds an endpoint by IP in an ADOM.
func (d *Dataset) endpoint(adom, ip string) (Endpoint, bool) {
	a, ok := d.ADOM(adom)
	if !ok {
		return Endpoint{}, false
	}
	for _, e := range a.Endpoints {
		if e.IP == ip {
			return e, true
		}
	}
	return Endpoint{}, false
}
