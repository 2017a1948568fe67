package theme

import "testing"

// The hashes are those of `printf ” | openssl dgst -sha256 -binary | base64`
// and of the same for "p{}".
func TestContentPolicyListsTheHashesOfInlineCode(t *testing.T) {
	for _, tc := range []struct {
		name            string
		scripts, styles []string
		want            string
	}{
		{"none", nil, nil, "default-src 'none'; script-src 'self' file:; style-src 'self' file: 'unsafe-inline'; style-src-elem 'self' file:; img-src 'self' file:; connect-src 'self'; base-uri 'none'; form-action 'none'"},
		{"a script and a style", []string{""}, []string{"p{}"}, "default-src 'none'; script-src 'self' file: 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; style-src 'self' file: 'unsafe-inline'; style-src-elem 'self' file: 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='; img-src 'self' file:; connect-src 'self'; base-uri 'none'; form-action 'none'"},
	} {
		if got := ContentPolicy(tc.scripts, tc.styles); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
