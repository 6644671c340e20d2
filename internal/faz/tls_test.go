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
	_, err = c.SystemStatus(context.Background())
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
		if err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: Fingerprint(der)}); err != nil {
			t.Fatal(err)
		}
		lower := strings.ToLower(strings.ReplaceAll(Fingerprint(der), ":", ""))
		if err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: "sha256:" + lower}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("pin refuses another certificate", func(t *testing.T) {
		err := tlsStatus(t, Config{URL: ts.URL, TLSFingerprint: Fingerprint(otherDER), MaxRetries: -1})
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
	for _, cfg := range []Config{
		{URL: "https://x", APIKey: "k", TLSFingerprint: "abcd"},
		{URL: "https://x", APIKey: "k", CAFile: filepath.Join(t.TempDir(), "missing.pem")},
	} {
		_, err := New(cfg)
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%+v: err = %v, want ConfigError", cfg, err)
		}
	}
}
