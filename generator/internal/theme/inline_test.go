package theme_test

import (
	"bytes"
	"context"
	"os"
	"sync"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/themes"
)

type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[name] = bytes.Clone(data)
	return nil
}

// TestInlinedMessagesChangeNothing renders the small site in English and
// in Arabic with the messages put into the templates when they are parsed
// and with every {{T}} left to run, and compares every file.
func TestInlinedMessagesChangeNothing(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		fsys := os.DirFS("../../testdata/sites/small")
		r, _, err := pipeline.Compile(context.Background(), fsys, pipeline.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var outs [2]*files
		for i, parse := range []func(*theme.Theme) error{(*theme.Theme).Parse, (*theme.Theme).ParseWithoutInlining} {
			th, err := theme.New(fsys, "default", lang, themes.Default())
			if err != nil {
				t.Fatal(err)
			}
			if err := parse(th); err != nil {
				t.Fatal(err)
			}
			outs[i] = &files{m: map[string][]byte{}}
			if _, err := render.Site(r, th, outs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if len(outs[0].m) != len(outs[1].m) || len(outs[0].m) < 20 {
			t.Fatalf("%s: %d and %d files", lang, len(outs[0].m), len(outs[1].m))
		}
		for name, b := range outs[0].m {
			if !bytes.Equal(b, outs[1].m[name]) {
				t.Errorf("%s: %s differs with the messages inlined", lang, name)
			}
		}
	}
}
