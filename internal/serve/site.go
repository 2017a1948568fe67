package serve

import (
	"io/fs"
	"net/http"
	"os"
	"sync"

	"github.com/scorecard-dev/scorecard/generator"
)

// site is one finished build being served.
type site struct {
	dir   string
	root  *os.Root // confines every read to dir, symbolic links included
	fsys  fs.FS
	files http.Handler

	// mu is held for reading while a request reads the folder, and for
	// writing while the folder is removed, so that no request sees a build
	// half gone.
	mu   sync.RWMutex
	gone bool
}

func openSite(dir string) (*site, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	fsys := root.FS()
	return &site{dir: dir, root: root, fsys: fsys, files: http.FileServerFS(fsys)}, nil
}

func (s *site) close() { s.root.Close() }

// acquire returns the current state with its site held for reading, and the
// function that lets it go. A site retired between loading the state and
// holding it is skipped: the state has moved on by then.
func (s *Server) acquire() (*state, func()) {
	for {
		st := s.cur.Load()
		if st.site == nil {
			return st, func() {}
		}
		st.site.mu.RLock()
		if !st.site.gone {
			return st, st.site.mu.RUnlock
		}
		st.site.mu.RUnlock()
	}
}

// speech is the words the server's own pages and banner speak: the site's
// theme's, in its language, from the latest build that read them, or else
// the built-in English.
func (st *state) speech() *generator.Words {
	if st.words != nil {
		return st.words
	}
	return builtinWords()
}

// builtinWords are the built-in theme's English words, read once.
var builtinWords = sync.OnceValue(generator.DefaultWords)
