package faz

import "strings"

// applianceZones maps FortiAnalyzer's time zone names, as /sys/status prints
// them in "Time Zone", to IANA zones. The list is the appliance's own
// `config system global` → `timezone` enumeration (00-91), as documented in
// Fortinet's FortiAnalyzer Ansible collection
// (fortinet-ansible-dev/ansible-galaxy-fortianalyzer-collection,
// plugins/modules/faz_cli_system_global.py), plus the older spellings of
// entries 21 and 25 (fortinet.fortimanager fmgr_system_global.py, which FMG
// and FAZ share). Each zone is the IANA zone of the cities the label names.
var applianceZones = map[string]string{
	"(GMT-12:00) Eniwetak, Kwajalein":                              "Etc/GMT+12",
	"(GMT-11:00) Midway Island, Samoa":                             "Pacific/Midway",
	"(GMT-10:00) Hawaii":                                           "Pacific/Honolulu",
	"(GMT-9:00) Alaska":                                            "America/Anchorage",
	"(GMT-8:00) Pacific Time (US & Canada)":                        "America/Los_Angeles",
	"(GMT-7:00) Arizona":                                           "America/Phoenix",
	"(GMT-7:00) Mountain Time (US & Canada)":                       "America/Denver",
	"(GMT-6:00) Central America":                                   "America/Guatemala",
	"(GMT-6:00) Central Time (US & Canada)":                        "America/Chicago",
	"(GMT-6:00) Mexico City":                                       "America/Mexico_City",
	"(GMT-6:00) Saskatchewan":                                      "America/Regina",
	"(GMT-5:00) Bogota, Lima, Quito":                               "America/Bogota",
	"(GMT-5:00) Eastern Time (US & Canada)":                        "America/New_York",
	"(GMT-5:00) Indiana (East)":                                    "America/Indiana/Indianapolis",
	"(GMT-4:00) Atlantic Time (Canada)":                            "America/Halifax",
	"(GMT-4:00) La Paz":                                            "America/La_Paz",
	"(GMT-4:00) Santiago":                                          "America/Santiago",
	"(GMT-3:30) Newfoundland":                                      "America/St_Johns",
	"(GMT-3:00) Brasilia":                                          "America/Sao_Paulo",
	"(GMT-3:00) Buenos Aires, Georgetown":                          "America/Argentina/Buenos_Aires",
	"(GMT-3:00) Nuuk (Greenland)":                                  "America/Nuuk",
	"(GMT-2:00) Mid-Atlantic (Deprecated)":                         "Atlantic/South_Georgia",
	"(GMT-2:00) Mid-Atlantic":                                      "Atlantic/South_Georgia",
	"(GMT-1:00) Azores":                                            "Atlantic/Azores",
	"(GMT-1:00) Cape Verde Is.":                                    "Atlantic/Cape_Verde",
	"(GMT) Monrovia":                                               "Africa/Monrovia",
	"(GMT) London, Edinburgh":                                      "Europe/London",
	"(GMT) Greenwich Mean Time:Dublin, Edinburgh, Lisbon, London":  "Europe/London",
	"(GMT+1:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":  "Europe/Berlin",
	"(GMT+1:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague": "Europe/Belgrade",
	"(GMT+1:00) Brussels, Copenhagen, Madrid, Paris":               "Europe/Brussels",
	"(GMT+1:00) Sarajevo, Skopje, Warsaw, Zagreb":                  "Europe/Warsaw",
	"(GMT+1:00) West Central Africa":                               "Africa/Lagos",
	"(GMT+2:00) Athens, Sofia, Vilnius":                            "Europe/Athens",
	"(GMT+2:00) Bucharest":                                         "Europe/Bucharest",
	"(GMT+2:00) Cairo":                                             "Africa/Cairo",
	"(GMT+2:00) Harare, Pretoria":                                  "Africa/Johannesburg",
	"(GMT+2:00) Helsinki, Riga,Tallinn":                            "Europe/Helsinki",
	"(GMT+2:00) Jerusalem":                                         "Asia/Jerusalem",
	"(GMT+3:00) Baghdad":                                           "Asia/Baghdad",
	"(GMT+3:00) Kuwait, Riyadh":                                    "Asia/Riyadh",
	"(GMT+3:00) St.Petersburg, Volgograd":                          "Europe/Moscow",
	"(GMT+3:00) Nairobi":                                           "Africa/Nairobi",
	"(GMT+3:30) Tehran":                                            "Asia/Tehran",
	"(GMT+4:00) Abu Dhabi, Muscat":                                 "Asia/Dubai",
	"(GMT+4:00) Baku":                                              "Asia/Baku",
	"(GMT+4:30) Kabul":                                             "Asia/Kabul",
	"(GMT+5:00) Ekaterinburg":                                      "Asia/Yekaterinburg",
	"(GMT+5:00) Islamabad, Karachi, Tashkent":                      "Asia/Karachi",
	"(GMT+5:30) Calcutta, Chennai, Mumbai, New Delhi":              "Asia/Kolkata",
	"(GMT+5:45) Kathmandu":                                         "Asia/Kathmandu",
	"(GMT+6:00) Almaty, Novosibirsk":                               "Asia/Almaty",
	"(GMT+6:00) Astana, Dhaka":                                     "Asia/Dhaka",
	"(GMT+5:30) Sri Jayawardenepura":                               "Asia/Colombo",
	"(GMT+6:00) Sri Jayawardenapura":                               "Asia/Colombo",
	"(GMT+6:30) Rangoon":                                           "Asia/Yangon",
	"(GMT+7:00) Bangkok, Hanoi, Jakarta":                           "Asia/Bangkok",
	"(GMT+7:00) Krasnoyarsk":                                       "Asia/Krasnoyarsk",
	"(GMT+8:00) Beijing, ChongQing, HongKong, Urumqi":              "Asia/Shanghai",
	"(GMT+8:00) Irkutsk, Ulaanbaatar":                              "Asia/Irkutsk",
	"(GMT+8:00) Kuala Lumpur, Singapore":                           "Asia/Singapore",
	"(GMT+8:00) Perth":                                             "Australia/Perth",
	"(GMT+8:00) Taipei":                                            "Asia/Taipei",
	"(GMT+9:00) Osaka, Sapporo, Tokyo, Seoul":                      "Asia/Tokyo",
	"(GMT+9:00) Yakutsk":                                           "Asia/Yakutsk",
	"(GMT+9:30) Adelaide":                                          "Australia/Adelaide",
	"(GMT+9:30) Darwin":                                            "Australia/Darwin",
	"(GMT+10:00) Brisbane":                                         "Australia/Brisbane",
	"(GMT+10:00) Canberra, Melbourne, Sydney":                      "Australia/Sydney",
	"(GMT+10:00) Guam, Port Moresby":                               "Pacific/Port_Moresby",
	"(GMT+10:00) Hobart":                                           "Australia/Hobart",
	"(GMT+10:00) Vladivostok":                                      "Asia/Vladivostok",
	"(GMT+11:00) Magadan":                                          "Asia/Magadan",
	"(GMT+11:00) Solomon Is., New Caledonia":                       "Pacific/Guadalcanal",
	"(GMT+12:00) Auckland, Wellington":                             "Pacific/Auckland",
	"(GMT+12:00) Fiji, Kamchatka, Marshall Is.":                    "Pacific/Fiji",
	"(GMT+13:00) Nukualofa":                                        "Pacific/Tongatapu",
	"(GMT-4:30) Caracas":                                           "America/Caracas",
	"(GMT+1:00) Namibia":                                           "Africa/Windhoek",
	"(GMT-5:00) Brazil-Acre":                                       "America/Rio_Branco",
	"(GMT-4:00) Brazil-West":                                       "America/Manaus",
	"(GMT-3:00) Brazil-East":                                       "America/Sao_Paulo",
	"(GMT-2:00) Brazil-DeNoronha":                                  "America/Noronha",
	"(GMT+14:00) Kiritimati":                                       "Pacific/Kiritimati",
	"(GMT-7:00) Baja California Sur, Chihuahua":                    "America/Mazatlan",
	"(GMT+12:45) Chatham Islands":                                  "Pacific/Chatham",
	"(GMT+3:00) Minsk":                                             "Europe/Minsk",
	"(GMT+13:00) Samoa":                                            "Pacific/Apia",
	"(GMT+3:00) Istanbul":                                          "Europe/Istanbul",
	"(GMT-4:00) Paraguay":                                          "America/Asuncion",
	"(GMT) Casablanca":                                             "Africa/Casablanca",
	"(GMT+3:00) Moscow":                                            "Europe/Moscow",
	"(GMT) Greenwich Mean Time":                                    "Etc/GMT",
	"(GMT) Dublin":                                                 "Europe/Dublin",
	"(GMT) Lisbon":                                                 "Europe/Lisbon",
}

// zoneKey normalises a zone name for lookup: the appliance's spellings differ
// in spacing after commas, case and a trailing period ("...Paris.").
func zoneKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimRight(s, ".")
	return strings.Join(strings.Fields(strings.ReplaceAll(s, ",", ", ")), "")
}

var zoneIndex = func() map[string]string {
	m := make(map[string]string, len(applianceZones))
	for k, v := range applianceZones {
		m[zoneKey(k)] = v
	}
	return m
}()

// ianaForApplianceZone returns the IANA zone of a FortiAnalyzer zone name.
func ianaForApplianceZone(s string) (string, bool) {
	z, ok := zoneIndex[zoneKey(s)]
	return z, ok
}
