package faz

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
)

// statusHandler answers every call with a minimal /sys/status result.
var statusHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"id":1,"result":[{"status":{"code":0,"message":"OK"},"url":"/sys/status","data":{"Hostname":"faz","TZ":"UTC"}}]}`))
})

// stockCert makes a self-signed certificate like the appliance's factory
// one: CN = serial, no SAN.
func stockCert(t *testing.T, cn string) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, der
}

func stockServer(t *testing.T, cn string) (*httptest.Server, []byte) {
	cert, der := stockCert(t, cn)
	ts := httptest.NewUnstartedServer(statusHandler)
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	ts.StartTLS()
	t.Cleanup(ts.Close)
	return ts, der
}

func writePEM(t *testing.T, der []byte) string {
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func tlsStatus(t *testing.T, cfg Config) error {
	t.Helper()
	cfg.APIKey = "k"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.systemStatus(context.Background())
	return err
}

func TestTLSStockCertificate(t *testing.T) {
	ts, der := stockServer(t, "FAZ-VM0000000001")
	_, otherDER := stockCert(t, "FAZ-VM0000000001")
	t.Run("verification is on by default", func(t *testing.T) {
		if err := tlsStatus(t, Config{URL: ts.URL, MaxRetries: -1}); err == nil {
			t.Fatal("a self-signed certificate was accepted without any trust setting")
		}
	})
	t.Run("pin accepts the right certificate", func(t *testing.T) {
		if err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: fingerprint(der)}); err != nil {
			t.Fatal(err)
		}
		lower := strings.ToLower(strings.ReplaceAll(fingerprint(der), ":", ""))
		if err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: "sha256:" + lower}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("pin refuses another certificate", func(t *testing.T) {
		err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: fingerprint(otherDER), MaxRetries: -1})
		if !errors.Is(err, errCertRejected) {
			t.Fatalf("err = %v, want a certificate rejection", err)
		}
	})
	t.Run("ca_file plus server name matches the CN", func(t *testing.T) {
		ca := writePEM(t, der)
		if err := tlsStatus(t, Config{URL: ts.URL, CAFile: ca, TLSServerName: "FAZ-VM0000000001"}); err != nil {
			t.Fatal(err)
		}
		err := tlsStatus(t, Config{URL: ts.URL, CAFile: ca, TLSServerName: "FAZ-VM0000000002", MaxRetries: -1})
		if !errors.Is(err, errCertRejected) {
			t.Fatalf("wrong server name: err = %v, want a rejection", err)
		}
		// A CA file alone fails: Go checks SANs and the stock cert has none.
		if err := tlsStatus(t, Config{URL: ts.URL, CAFile: ca, MaxRetries: -1}); err == nil {
			t.Fatal("connecting by IP to a SAN-less certificate succeeded")
		}
	})
	t.Run("server name does not bypass the chain", func(t *testing.T) {
		ca := writePEM(t, otherDER)
		err := tlsStatus(t, Config{URL: ts.URL, CAFile: ca, TLSServerName: "FAZ-VM0000000001", MaxRetries: -1})
		if !errors.Is(err, errCertRejected) {
			t.Fatalf("err = %v, want a rejection by an untrusted chain", err)
		}
	})
	t.Run("insecure_skip_verify only when asked, with a warning", func(t *testing.T) {
		var buf strings.Builder
		logger := hclog.New(&hclog.LoggerOptions{Output: &buf, Level: hclog.Warn})
		if err := tlsStatus(t, Config{URL: ts.URL, InsecureSkipVerify: true, Logger: logger}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "verification is disabled") {
			t.Errorf("no warning logged: %q", buf.String())
		}
	})
}

func TestTLSConfigErrors(t *testing.T) {
	notPEM := filepath.Join(t.TempDir(), "ca.txt")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	pin := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		cfg   Config
		param string
	}{
		{Config{URL: "https://x", APIKey: "k", TLSFingerprint: "abcd"}, "tls_fingerprint"},
		{Config{URL: "https://x", APIKey: "k", CAFile: filepath.Join(t.TempDir(), "missing.pem")}, "ca_file"},
		{Config{URL: "https://x", APIKey: "k", CAFile: notPEM}, "ca_file"},
		{Config{URL: "https://u:p@x", APIKey: "k"}, "url"},
		{Config{URL: "http://x", APIKey: "k", TLSFingerprint: pin}, "tls_fingerprint"},
		{Config{URL: "http://x", APIKey: "k", InsecureSkipVerify: true}, "insecure_skip_verify"},
		{Config{URL: "https://x", APIKey: "k", InsecureSkipVerify: true, TLSFingerprint: pin}, "insecure_skip_verify"},
		{Config{URL: "https://x", APIKey: "k", MaxConcurrentTasks: 65}, "max_concurrent_tasks"},
	} {
		// Validate (what the plugin calls at load) and New agree, naming the option.
		for name, err := range map[string]error{"Validate": tc.cfg.Validate(), "New": func() error { _, err := New(tc.cfg); return err }()} {
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Param != tc.param {
				t.Errorf("%s(%+v): err = %v, want ConfigError on %s", name, tc.cfg, err, tc.param)
			}
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	c := Config{URL: "https://x", APIKey: "k"}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.validate(); err != nil {
		t.Fatal(err)
	}
	// The defaults README.md and config/fortianalyzer.spc document.
	if c.RequestTimeout != 30*time.Second || c.TaskTimeout != 5*time.Minute || c.MaxConcurrentTasks != 4 {
		t.Fatalf("defaults: request %s, task %s, tasks %d", c.RequestTimeout, c.TaskTimeout, c.MaxConcurrentTasks)
	}
}
