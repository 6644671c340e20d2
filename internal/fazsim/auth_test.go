package fazsim

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func statusReq(sid any) map[string]any {
	return map[string]any{"id": 1, "method": "get", "params": []any{map[string]any{"url": "/sys/status"}}, "session": sid}
}

func TestLoginLogoutAndNoPermission(t *testing.T) {
	f := newFixture(t, Options{})
	_, m := f.post(map[string]any{"id": 1, "method": "exec", "params": []any{map[string]any{"url": "/sys/login/user", "data": map[string]any{"user": "admin", "passwd": "wrong"}}}}, nil)
	if code, msg, _ := legacyStatus(t, m); code != -22 || msg != "Login fail" {
		t.Fatalf("bad password: %d %q", code, msg)
	}
	if _, ok := m["session"]; ok {
		t.Fatal("failed login returned a session")
	}
	for name, sid := range map[string]any{"missing": nil, "unknown": "bm9wZQ=="} {
		_, m = f.post(statusReq(sid), nil)
		if code, msg, _ := legacyStatus(t, m); code != -11 || msg != "No permission for the resource" {
			t.Errorf("%s session: %d %q", name, code, msg)
		}
	}
	sid := f.login()
	_, m = f.post(statusReq(sid), nil)
	if code, _, _ := legacyStatus(t, m); code != 0 {
		t.Fatalf("valid session: %v", m)
	}
	_, m = f.post(map[string]any{"id": 1, "method": "exec", "params": []any{map[string]any{"url": "/sys/logout"}}, "session": sid}, nil)
	if code, _, _ := legacyStatus(t, m); code != 0 {
		t.Fatalf("logout: %v", m)
	}
	_, m = f.post(statusReq(sid), nil)
	if code, _, _ := legacyStatus(t, m); code != -11 {
		t.Fatalf("after logout: %v", m)
	}
	if code, msg := f.errOf(f.rpc("get", "/eventmgmt/adom/root/alerts", map[string]any{"apiver": 3})); code != -11 || !strings.Contains(msg, "No permission") {
		t.Fatalf("v3 after logout: %d %q", code, msg)
	}
	st := f.srv.Stats()
	if st.Logins != 1 || st.LoginFailures != 1 || st.Logouts != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestAPIKeyTransports(t *testing.T) {
	f := newFixture(t, Options{APIKeys: []string{"k1"}})
	code, m := f.post(statusReq(nil), map[string]string{"Authorization": "Bearer k1"})
	if c, _, _ := legacyStatus(t, m); code != 200 || c != 0 {
		t.Fatalf("bearer: HTTP %d %v", code, m)
	}
	resp, err := f.ts.Client().Post(f.ts.URL+"/jsonrpc?access_token=k1", "application/json", strings.NewReader(`{"id":1,"method":"get","params":[{"url":"/sys/status"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("access_token: HTTP %d", resp.StatusCode)
	}
	if code, _ = f.post(statusReq(nil), map[string]string{"Authorization": "Bearer nope"}); code != http.StatusUnauthorized {
		t.Fatalf("bad key: HTTP %d", code)
	}
	_, m = f.post(statusReq("bogus"), map[string]string{"Authorization": "Bearer k1"})
	if c, _, _ := legacyStatus(t, m); c != -11 {
		t.Fatalf("bogus session with key: %v", m)
	}
}

func TestSessionIdleAndRequestExpiry(t *testing.T) {
	f := newFixture(t, Options{SessionIdle: time.Minute})
	sid := f.login()
	f.clock.Advance(59 * time.Second)
	if _, m := f.post(statusReq(sid), nil); func() int { c, _, _ := legacyStatus(t, m); return c }() != 0 {
		t.Fatalf("within idle time: %v", m)
	}
	f.clock.Advance(61 * time.Second)
	if _, m := f.post(statusReq(sid), nil); func() int { c, _, _ := legacyStatus(t, m); return c }() != -11 {
		t.Fatalf("after idle time: %v", m)
	}

	g := newFixture(t, Options{SessionMaxRequests: 2})
	sid = g.login()
	for i, want := range []int{0, 0, -11} {
		_, m := g.post(statusReq(sid), nil)
		if c, _, _ := legacyStatus(t, m); c != want {
			t.Fatalf("request %d: code %d, want %d", i+1, c, want)
		}
	}
	if g.srv.Stats().SessionsExpired != 1 {
		t.Fatalf("stats %+v", g.srv.Stats())
	}
}

func TestTLSCertificateLooksLikeTheStockOne(t *testing.T) {
	srv := New(Options{End: testEnd, LogRows: 1000})
	cert, err := SelfSignedCertificate(srv.ApplianceSerial())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv)
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // rejected handshakes are the point here
	ts.StartTLS()
	defer ts.Close()
	leaf := cert.Leaf
	if leaf.Subject.CommonName != srv.ApplianceSerial() || len(leaf.DNSNames)+len(leaf.IPAddresses) != 0 {
		t.Fatalf("CN %q, SANs %v %v", leaf.Subject.CommonName, leaf.DNSNames, leaf.IPAddresses)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	// Trusting the certificate is not enough when connecting by IP...
	strict := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	if _, err := strict.Post(ts.URL+"/jsonrpc", "application/json", strings.NewReader(`{}`)); err == nil {
		t.Fatal("IP connection verified against a SAN-less certificate")
	}
	// ...and Go refuses CN-only names even under the serial as server name,
	// so clients must verify the chain themselves or pin the fingerprint.
	named := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: srv.ApplianceSerial()}}}
	if _, err := named.Post(ts.URL+"/jsonrpc", "application/json", strings.NewReader(`{}`)); err == nil {
		t.Fatal("CN-only certificate verified by name")
	}
	pinned := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			c, err := x509.ParseCertificate(raw[0])
			if err != nil {
				return err
			}
			_, err = c.Verify(x509.VerifyOptions{Roots: pool})
			return err
		}}}}
	resp, err := pinned.Post(ts.URL+"/jsonrpc", "application/json", strings.NewReader(`{"id":1,"method":"exec","params":[{"url":"/sys/login/user","data":{"user":"admin","passwd":"fortinet"}}]}`))
	if err != nil {
		t.Fatalf("chain verification without hostname: %v", err)
	}
	resp.Body.Close()
}
