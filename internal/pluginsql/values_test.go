package pluginsql

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	want := time.Date(2024, 3, 1, 12, 30, 15, 0, time.UTC)
	for _, s := range []string{
		"2024-03-01T12:30:15Z",
		"2024-03-01T14:30:15+02:00",
		"2024-03-01 12:30:15",
		"2024-03-01T12:30:15",
		"1709296215",
		" 2024-03-01 12:30:15 ",
	} {
		got, err := ParseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if got, err := ParseTime("2024-03-01 12:30"); err != nil || !got.Equal(want.Add(-15*time.Second)) {
		t.Errorf("minutes: %v %v", got, err)
	}
	if got, err := ParseTime("2024-03-01"); err != nil || !got.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date: %v %v", got, err)
	}
	if _, err := ParseTime("last tuesday"); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
		t.Errorf("bad time error = %v", err)
	}
}

func TestCompareTime(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2024-01-01 05:00:00", "2024-01-01 05:00:00", 0},
		{"2024-01-01 05:00:00", "2024-01-01T05:00:00Z", 0},
		{"2024-01-01 05:00:00", "2024-01-01T06:00:00+01:00", 0},
		{"2024-01-01 05:00:00", "1704085200", 0},
		{"2024-01-01 05:00:00", "2024-01-01 04:59:59", 1},
		{"2024-01-01 05:00:00", "2024-01-02", -1},
		{"abc", "abd", -1}, // not times: byte order
	}
	for _, c := range cases {
		if got := compareTime([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("compareTime(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
