package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// The environment variables that name the SMTP server and the account. The
// password is read from the environment only, never from a flag (which
// other users can see in the process list) or a file in the site (which is
// in git), and is never printed.
const (
	EnvHost     = "SCORECARD_SMTP_HOST"
	EnvPort     = "SCORECARD_SMTP_PORT"
	EnvUsername = "SCORECARD_SMTP_USERNAME"
	EnvPassword = "SCORECARD_SMTP_PASSWORD"
	EnvTLS      = "SCORECARD_SMTP_TLS"     // starttls (default) or tls
	EnvCAFile   = "SCORECARD_SMTP_CA_FILE" // PEM certificates to trust besides the system's
)

// Server is where and how messages are sent.
type Server struct {
	Host     string
	Port     int
	Username string
	Password string
	// ImplicitTLS speaks TLS from the first byte (port 465) instead of
	// upgrading a plain connection with STARTTLS (port 587). Either way the
	// connection is encrypted and the certificate checked before anything,
	// credentials included, is sent.
	ImplicitTLS bool
	// RootCAs, when not nil, are the certificates trusted for the server's:
	// the system's and those of EnvCAFile.
	RootCAs *x509.CertPool
}

// ServerFromEnv reads the server's settings from the environment through
// getenv (os.Getenv, or a map in tests).
func ServerFromEnv(getenv func(string) string) (Server, error) {
	s := Server{Host: getenv(EnvHost), Port: 587, Username: getenv(EnvUsername), Password: getenv(EnvPassword)}
	if s.Host == "" {
		return s, fmt.Errorf("no SMTP server: set %s (and %s, %s, %s; see docs/publishing.md)", EnvHost, EnvPort, EnvUsername, EnvPassword)
	}
	switch mode := getenv(EnvTLS); mode {
	case "", "starttls":
	case "tls":
		s.ImplicitTLS, s.Port = true, 465
	default:
		return s, fmt.Errorf("%s=%q is not starttls or tls: mail is never sent unencrypted", EnvTLS, clip(mode))
	}
	if p := getenv(EnvPort); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return s, fmt.Errorf("%s=%q is not a port (1 to 65535)", EnvPort, clip(p))
		}
		s.Port = n
	}
	if (s.Username == "") != (s.Password == "") {
		return s, fmt.Errorf("set both %s and %s, or neither for a server that needs no login", EnvUsername, EnvPassword)
	}
	if f := getenv(EnvCAFile); f != "" {
		pool, err := certPool(f)
		if err != nil {
			return s, fmt.Errorf("%s: %w", EnvCAFile, err)
		}
		s.RootCAs = pool
	}
	return s, nil
}

// certPool returns the system's certificates and those of the PEM file.
func certPool(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", file)
	}
	return pool, nil
}

// Send delivers msg through s: TLS is mandatory, and the server's
// certificate must be valid for s.Host.
func Send(ctx context.Context, s Server, msg *gomail.Msg) error {
	opts := []gomail.Option{
		gomail.WithPort(s.Port),
		gomail.WithTimeout(30 * time.Second),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.Host, RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}),
	}
	if s.ImplicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return err
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return sendError(err, s)
	}
	return nil
}

// sendError words a failed delivery for the user, and makes sure that no
// part of it repeats the password, whatever a library or server put in it.
func sendError(err error, s Server) error {
	where := s.Host + ":" + strconv.Itoa(s.Port)
	msg := err.Error()
	if s.Password != "" {
		msg = strings.ReplaceAll(msg, s.Password, "********")
	}
	return fmt.Errorf("sending through %s: %s", where, msg)
}
