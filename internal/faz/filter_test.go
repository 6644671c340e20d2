package faz

import (
	"errors"
	"strings"
	"testing"
)

func TestBuildFilter(t *testing.T) {
	cases := []struct {
		raw   string
		conds []Cond
		want  string
	}{
		{"", nil, ""},
		{`srcip="1.2.3.4"`, nil, `(srcip="1.2.3.4")`},
		{` srcip="a" or (dstip=="b" and !(action like '%de"ny%')) `, []Cond{{"app", "==", []string{"x"}}},
			`(srcip="a" or (dstip=="b" and !(action like '%de"ny%'))) and app=="x"`},
		{`devname=fw1 srcport>=1024 policyid<=3`, nil, `(devname=fw1 srcport>=1024 policyid<=3)`},
		{"", []Cond{{"srcip", "==", []string{"10.0.0.1"}}}, `srcip=="10.0.0.1"`},
		{"", []Cond{{"srcip", "=", []string{"a", "b"}}}, `(srcip=="a" or srcip=="b")`},
		{"", []Cond{{"action", "!=", []string{"deny", "drop"}}}, `(action!="deny" and action!="drop")`},
		{"x=1", []Cond{{"app", "like", []string{"%goo%"}}, {"sentbyte", ">=", []string{"100"}}}, `(x=1) and app like "%goo%" and sentbyte>="100"`},
		{"", []Cond{{"user", "==", []string{`a" or 1=1 or "`}}}, `user=='a" or 1=1 or "'`},
		{"", []Cond{{"user", "==", []string{`it's`}}}, `user=="it's"`},
		{"", []Cond{{"user", "==", []string{`DOMAIN\user\`}}}, `user=="DOMAIN\user\"`},
		{"", []Cond{{"device_info.dev_name", "==", []string{"fw 1 (and) or"}}}, `device_info.dev_name=="fw 1 (and) or"`},
	}
	for _, tc := range cases {
		got, err := BuildFilter(tc.raw, tc.conds...)
		if err != nil {
			t.Errorf("%v: %v", tc.conds, err)
			continue
		}
		if got != tc.want {
			t.Errorf("BuildFilter(%q, %v) = %s, want %s", tc.raw, tc.conds, got, tc.want)
		}
	}
}

func TestBuildFilterRejects(t *testing.T) {
	bad := []struct {
		c     Cond
		param string
	}{
		{Cond{"src ip", "==", []string{"x"}}, "field"},
		{Cond{`a"b`, "==", []string{"x"}}, "field"},
		{Cond{"a", "contain", []string{"x"}}, "op"},
		{Cond{"a", "not like", []string{"x"}}, "op"},
		{Cond{"a", "==", nil}, "values"},
		{Cond{"a", "<", []string{"1", "2"}}, "values"},
		{Cond{"a", "==", []string{"x\ny"}}, "value"},
		{Cond{"a", "==", []string{`both ' and "`}}, "value"},
		{Cond{"a", "==", []string{"next\u0085line"}}, "value"},
		{Cond{"a", "==", []string{"\x1b]0;title\x07"}}, "value"},
	}
	for _, b := range bad {
		_, err := BuildFilter("", b.c)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Param != b.param {
			t.Errorf("%v: err %v, want ConfigError on %s", b.c, err, b.param)
		}
	}
}

// TestBuildFilterChecksRaw: a raw filter that could break out of its parentheses, or that
// the appliance would answer with nothing, is refused naming filter; issue 12 sent
// `(srcip!="x") or (srcip=="y") and action=="deny"` and answered short.
func TestBuildFilterChecksRaw(t *testing.T) {
	for _, raw := range []string{
		`srcip!="x") or (srcip=="y"`,
		`(srcip=="y"`,
		`srcip=="y")`,
		`srcip=="y`,
		`srcip=='y`,
		`srcip`,
		`srcip==`,
		`srcip=="a" and`,
		`srcip=="a" or`,
		`and srcip=="a"`,
		`srcip contain "10.0"`,
		`srcip !contain "10.0"`,
		`app not like "%x%"`,
		`app !like "%x%"`,
		`app nlike "%x%"`,
		`srcip zzqq 1`,
		`srcip==a"b`,
		"srcip==\"a\"\u0085",
		strings.Repeat("(", 100) + `a==1` + strings.Repeat(")", 100),
	} {
		got, err := BuildFilter(raw, Cond{"action", "==", []string{"deny"}})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Param != "filter" || !strings.Contains(err.Error(), "want clauses") {
			t.Errorf("BuildFilter(%q) = %q, %v; want a ConfigError on filter with the accepted form", raw, got, err)
		}
	}
	_, err := BuildFilter("srcip zzqq " + strings.Repeat("9", 1<<20))
	if err == nil || len(err.Error()) > 1000 {
		t.Errorf("a 1 MB filter is echoed in full or accepted: %d bytes", len(err.Error()))
	}
}

// unquote reads one quoted value the way the appliance's grammar does (no
// escapes: the value runs to the next matching quote) and returns it with
// the rest of the input.
func unquote(s string) (string, string, bool) {
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return "", "", false
	}
	end := strings.IndexByte(s[1:], s[0])
	if end < 0 {
		return "", "", false
	}
	return s[1 : 1+end], s[2+end:], true
}

// FuzzQuote checks that no value escapes its quotes: reading the quoted
// form back gives the value and leaves nothing after the closing quote.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", `"`, `'`, `\`, `\"`, `a" or "b`, `) or (`, "x and y", `\\\"`, `'"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		q, err := quote(v)
		if err != nil {
			return
		}
		got, rest, ok := unquote(q)
		if !ok || got != v || rest != "" {
			t.Fatalf("quote(%q) = %s; read back %q rest %q ok %v", v, q, got, rest, ok)
		}
	})
}
