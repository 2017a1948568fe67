// Package mail makes an e-mail of the board pack and sends it: the headline
// figures and the exceptions in the body, as tables that mail clients show,
// with a plain-text alternative, and the pack attached as a PDF (and, when
// asked, as its one-file HTML page). Composition and SMTP are go-mail's; this
// package decides what the message says.
package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	netmail "net/mail"

	gomail "github.com/wneessen/go-mail"

	"github.com/scorecard-dev/scorecard/generator"
)

// Message is what the e-mail of a board pack is made of.
type Message struct {
	From       string   // may be empty in a draft
	To, Cc     []string // may be empty in a draft
	Pack       *generator.Packed
	AttachHTML bool // attach the one-file HTML pack beside the PDF
	// Draft marks the message unsent (X-Unsent: 1), so that a mail client
	// opens a saved .eml as a message to send rather than one received.
	Draft bool
	// Mailer names the program in the User-Agent header.
	Mailer string
}

// Subject is the message's subject: the site's title and the period, in
// the site's language.
func Subject(p *generator.Packed) string {
	return wordsOf(p).Text("mail_subject", "title", p.Summary.Title, "period", p.Summary.AsOf)
}

// Compose builds the message. Addresses are checked; the pack must have
// been made by generator.PackForMail, with its PDF.
func Compose(m Message) (*gomail.Msg, error) {
	p := m.Pack
	if p == nil || p.Summary == nil || len(p.PDF) == 0 {
		return nil, errors.New("the board pack has no summary or PDF to send")
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if m.Mailer != "" {
		msg.SetUserAgent(m.Mailer)
	}
	if err := setAddresses(msg, m); err != nil {
		return nil, err
	}
	msg.Subject(Subject(p))
	if m.Draft {
		msg.SetGenHeader("X-Unsent", "1")
	}
	var html, text bytes.Buffer
	v := bodyView(p, m.AttachHTML)
	if err := htmlBody[v.Dir].Execute(&html, v); err != nil {
		return nil, err
	}
	if err := textBody.Execute(&text, v); err != nil {
		return nil, err
	}
	// Plain text first: a client shows the last alternative it can render.
	msg.SetBodyString(gomail.TypeTextPlain, text.String())
	msg.AddAlternativeString(gomail.TypeTextHTML, html.String())
	if err := msg.AttachReader(p.Name+".pdf", bytes.NewReader(p.PDF), gomail.WithFileContentType("application/pdf")); err != nil {
		return nil, err
	}
	if m.AttachHTML {
		if err := msg.AttachReader(p.Name+".html", bytes.NewReader(p.HTML), gomail.WithFileContentType(gomail.TypeTextHTML)); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// CheckAddresses reports the first of m's addresses that is not one, as
// Compose would.
func CheckAddresses(m Message) error {
	return setAddresses(gomail.NewMsg(), m)
}

// setAddresses sets From, To and Cc, each address checked, so that a bad
// one is an error that names it rather than a header a server rejects.
func setAddresses(msg *gomail.Msg, m Message) error {
	if m.From != "" {
		a, err := parse("--from", m.From)
		if err != nil {
			return err
		}
		msg.FromMailAddress(a)
	}
	for _, h := range []struct {
		flag string
		list []string
		set  func(...*netmail.Address)
	}{{"--to", m.To, msg.ToMailAddress}, {"--cc", m.Cc, msg.CcMailAddress}} {
		var as []*netmail.Address
		for _, s := range h.list {
			a, err := parse(h.flag, s)
			if err != nil {
				return err
			}
			as = append(as, a)
		}
		if len(as) > 0 {
			h.set(as...)
		}
	}
	return nil
}

func parse(flag, s string) (*netmail.Address, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not an e-mail address such as board@example.org or \"Board\" <board@example.org>", flag, clip(s))
	}
	return a, nil
}

// clip shortens s for a message to at most 80 characters.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 80 {
		return s
	}
	return string(r[:79]) + "…"
}

// WriteEML writes the message as an RFC 5322 file, the .eml that mail
// clients open.
func WriteEML(w io.Writer, m Message) error {
	msg, err := Compose(m)
	if err != nil {
		return err
	}
	_, err = msg.WriteTo(w)
	return err
}
