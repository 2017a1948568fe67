package validate

import (
	"net/mail"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// mail checks the addresses of [mail], each at its own position, so that a
// typo is found by check and not when the board pack is sent.
func (v *validator) mail(loc *tomlx.Locator, c load.Mail) model.Mail {
	var m model.Mail
	if c.From != "" {
		m.From = v.address(loc, "mail.from", "from", c.From)
	}
	for _, list := range []struct {
		key string
		in  []string
		out *[]string
	}{{"to", c.To, &m.To}, {"cc", c.Cc, &m.Cc}} {
		for i, s := range list.in {
			if a := v.address(loc, at("mail.%s[%d]", list.key, i), list.key, s); a != "" {
				*list.out = append(*list.out, a)
			}
		}
	}
	return m
}

// address returns s as net/mail writes it, or "" when it is not one address.
func (v *validator) address(loc *tomlx.Locator, path, key, s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil {
		v.dl.Errorf(loc.Pos(path), "%s %q is not an e-mail address such as board@example.org or \"Board\" <board@example.org>", key, clip(s))
		return ""
	}
	return a.String()
}

// clip shortens s for a message to at most 80 characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	return string([]rune(s)[:79]) + "…"
}
