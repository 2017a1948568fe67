package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// Part is one leaf of a MIME message, decoded.
type Part struct {
	Type     string // the media type, as text/html
	Filename string // of an attachment
	Body     []byte
}

// Parsed is a message read with the standard library alone, as a mail
// client would read it.
type Parsed struct {
	Header mail.Header
	// Structure lists the multipart types and leaves in the order met, as
	// "multipart/mixed", "text/plain", "application/pdf board-pack.pdf".
	Structure []string
	Parts     []Part
}

// Parse reads raw, failing the test if it is not a well-formed message.
func Parse(t *testing.T, raw []byte) *Parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not an RFC 5322 message: %v", err)
	}
	p := &Parsed{Header: m.Header}
	p.walk(t, m.Header, m.Body)
	return p
}

// header is a message's or a part's header.
type header interface{ Get(string) string }

func (p *Parsed) walk(t *testing.T, h header, body io.Reader) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		p.Structure = append(p.Structure, mt)
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", mt, err)
			}
			p.walk(t, part.Header, part)
		}
	}
	data, err := io.ReadAll(decoder(t, h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		t.Fatalf("%s: %v", mt, err)
	}
	name := ""
	if _, dp, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil {
		name = dp["filename"]
	}
	p.Structure = append(p.Structure, strings.TrimSpace(mt+" "+name))
	p.Parts = append(p.Parts, Part{Type: mt, Filename: name, Body: data})
}

func decoder(t *testing.T, enc string, r io.Reader) io.Reader {
	switch strings.ToLower(enc) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "", "7bit", "8bit", "binary":
		return r
	}
	t.Fatalf("unknown Content-Transfer-Encoding %q", enc)
	return nil
}

// Body returns the body of the first part of media type mt that is not an
// attachment.
func (p *Parsed) Body(mt string) string {
	for _, part := range p.Parts {
		if part.Type == mt && part.Filename == "" {
			return string(part.Body)
		}
	}
	return ""
}

// Attachment returns the attachment named name, or nil.
func (p *Parsed) Attachment(name string) *Part {
	for i := range p.Parts {
		if p.Parts[i].Filename == name {
			return &p.Parts[i]
		}
	}
	return nil
}

// Subject returns the decoded subject.
func (p *Parsed) Subject(t *testing.T) string {
	t.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("Subject: %v", err)
	}
	return s
}
