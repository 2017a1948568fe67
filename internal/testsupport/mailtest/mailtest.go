// Package mailtest runs a real SMTP server for tests: Mailpit, a Go program
// that keeps what it receives and shows it through an HTTP API. It listens
// on loopback ports only, speaks STARTTLS with a certificate made for the
// test and asks for a login.
//
// The tests find Mailpit as $MAILPIT, on PATH or in $(go env GOPATH)/bin
// (.ci/run installs it with go install github.com/axllent/mailpit@v1.33.1).
// Without it they skip, except with the whole suite (testenv.Full), where
// they fail.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// Version is the Mailpit release the tests are written against.
const Version = "v1.33.1"

// Server is a running Mailpit.
type Server struct {
	Host     string // 127.0.0.1
	Port     int    // SMTP, with STARTTLS required
	API      string // base URL of the HTTP API
	CAFile   string // PEM of the certificate to trust
	Username string
	Password string
}

// Start starts Mailpit and stops it when the test ends.
func Start(t *testing.T) *Server {
	t.Helper()
	bin := find(t)
	dir := t.TempDir()
	s := &Server{Host: "127.0.0.1", Username: "strategy-office", Password: "s3cret-Pa55word!"}
	cert, key := writeCert(t, dir)
	s.CAFile = cert
	auth := filepath.Join(dir, "smtp-auth")
	sum := sha1.Sum([]byte(s.Password))
	if err := os.WriteFile(auth, []byte(s.Username+":{SHA}"+base64.StdEncoding.EncodeToString(sum[:])+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Port = freePort(t)
	httpPort := freePort(t)
	s.API = "http://127.0.0.1:" + strconv.Itoa(httpPort)
	cmd := exec.Command(bin,
		"--smtp", "127.0.0.1:"+strconv.Itoa(s.Port), "--listen", "127.0.0.1:"+strconv.Itoa(httpPort),
		"--smtp-tls-cert", cert, "--smtp-tls-key", key, "--smtp-require-starttls",
		"--smtp-auth-file", auth, "--smtp-disable-rdns",
		"--database", filepath.Join(dir, "mailpit.db"), "--quiet")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting mailpit: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.API + "/api/v1/info")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && smtpUp(s.Port) {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start within 20 s: %v\n%s", err, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func smtpUp(port int) bool {
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// find returns Mailpit's path, or skips or fails the test without it.
func find(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MAILPIT"); p != "" {
		return p
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			p := filepath.Join(dir, "bin", "mailpit")
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	msg := "mailpit not found: go install github.com/axllent/mailpit@" + Version + ", or set MAILPIT"
	if testenv.Full() {
		t.Fatal(msg + " (the whole suite needs it)")
	}
	t.Skip(msg)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key.
func writeCert(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "scorecard test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for _, f := range []struct {
		name, typ string
		der       []byte
	}{{cert, "CERTIFICATE", der}, {key, "EC PRIVATE KEY", kder}} {
		if err := os.WriteFile(f.name, pem.EncodeToMemory(&pem.Block{Type: f.typ, Bytes: f.der}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cert, key
}

// Env returns the environment that points scorecard at s.
func (s *Server) Env() map[string]string {
	return map[string]string{
		"SCORECARD_SMTP_HOST":     s.Host,
		"SCORECARD_SMTP_PORT":     strconv.Itoa(s.Port),
		"SCORECARD_SMTP_USERNAME": s.Username,
		"SCORECARD_SMTP_PASSWORD": s.Password,
		"SCORECARD_SMTP_CA_FILE":  s.CAFile,
	}
}

// Messages returns the raw text of every message received, oldest first.
func (s *Server) Messages(t *testing.T) [][]byte {
	t.Helper()
	var list struct {
		Messages []struct{ ID string } `json:"messages"`
	}
	if err := json.Unmarshal(s.get(t, "/api/v1/messages"), &list); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for i := len(list.Messages) - 1; i >= 0; i-- { // the API lists the newest first
		out = append(out, s.get(t, "/api/v1/message/"+list.Messages[i].ID+"/raw"))
	}
	return out
}

func (s *Server) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v\n%s", path, resp.Status, err, body)
	}
	return body
}

// String names the server for messages.
func (s *Server) String() string { return fmt.Sprintf("%s:%d", s.Host, s.Port) }
