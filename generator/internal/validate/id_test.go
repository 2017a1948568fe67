package validate

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// idRulePattern is idRule as a regular expression, which ValidID once was.
var idRulePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

func TestValidIDMatchesRule(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := ValidID(s), idRulePattern.MatchString(s); got != want {
			t.Fatalf("ValidID(%q) = %v; the rule says %v", s, got, want)
		}
	}
	for _, s := range []string{
		"", "a", "0", "-", "_", "-a", "_a", "a-", "a_", "a-b_c9", "A", "aB", "a.b", "a/b",
		"a b", "é", "a\n", "\na", "a\x00", strings.Repeat("a", 64), strings.Repeat("a", 65),
		"9" + strings.Repeat("-", 63), "9" + strings.Repeat("_", 64),
	} {
		check(s)
	}
	alphabet := []rune("az09-_A.Z /\x00é\n")
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		b := make([]rune, r.IntN(68))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
	// Strings the rule accepts, which random ones seldom are.
	valid := []byte("abcdefghijklmnopqrstuvwxyz0123456789-_")
	for range 20_000 {
		b := make([]byte, 1+r.IntN(66))
		for i := range b {
			b[i] = valid[r.IntN(len(valid))]
		}
		check(string(b))
	}
}
