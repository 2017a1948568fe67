package chart

import (
	"io/fs"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/themes"
)

// testWords are the charts' words in lang, from the built-in theme's
// translations.
func testWords(t testing.TB, lang string) *Words {
	t.Helper()
	var files []i18n.File
	for _, l := range i18n.Languages(lang) {
		src, err := fs.ReadFile(themes.Default(), "i18n/"+l+".toml")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, i18n.File{Name: l + ".toml", Src: src})
	}
	w, err := i18n.Load(files, locale.New(lang))
	if err != nil {
		t.Fatal(err)
	}
	return NewWords(w, w.Locale().Periods(period.Calendar{FYStart: 1}, func(y string) string { return "FY " + y }))
}
