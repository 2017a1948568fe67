package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeRecoversWhenTheSourceGoesAndComesBack: the source folder is
// deleted (or moved away) and made again, as a checkout of another copy or
// a restore does. While it is gone the last good site stays, with the error;
// once it is back it is built, and its later edits are seen: the server
// watches the new folder, not the dead watches of the old one.
func TestServeRecoversWhenTheSourceGoesAndComesBack(t *testing.T) {
	for _, how := range []string{"deleted", "moved away"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			f := start(t)
			f.waitForText(costPage, "61 USD")
			if how == "deleted" {
				if err := os.RemoveAll(f.dir); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Rename(f.dir, f.dir+".old"); err != nil {
				t.Fatal(err)
			}
			body, _ := f.waitForText(costPage, "is not a folder")
			if !strings.Contains(body, "61 USD") {
				t.Error("the last good site is no longer served while the source is gone")
			}

			if err := os.CopyFS(f.dir, os.DirFS(small)); err != nil {
				t.Fatal(err)
			}
			f.setCost("72")
			body, _ = f.waitForText(costPage, "72 USD")
			if strings.Contains(body, bannerID) {
				t.Error("the error stayed after the source came back")
			}
			f.setCost("73")
			f.waitForText(costPage, "73 USD")
			if how == "moved away" {
				// The old folder's files are not the site's any more.
				time.Sleep(5 * f.srv.opts.Debounce) // builds still due end
				gen := f.srv.cur.Load().gen
				writeFile(t, filepath.Join(f.dir+".old", "data", "actuals.csv"), "unit,measure,period,actual\n")
				time.Sleep(5 * f.srv.opts.Debounce)
				if now := f.srv.cur.Load().gen; now != gen {
					t.Errorf("an edit of the moved-away folder caused %d builds", now-gen)
				}
			}
		})
	}
}

// TestServeLooksOnlyAtWhatABuildReads: a large file copied in beside the
// notes, a theme's read-me and the leftovers of editors cause no build; an
// edit of a data file does.
func TestServeLooksOnlyAtWhatABuildReads(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.waitForText(costPage, "61 USD")
	time.Sleep(5 * f.srv.opts.Debounce) // builds still due end
	gen := f.srv.cur.Load().gen
	video, err := os.Create(filepath.Join(f.dir, "content", "walkthrough.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for range 16 {
		video.Write(chunk)
		time.Sleep(f.srv.opts.Debounce / 4)
	}
	video.Close()
	for name, content := range map[string]string{
		"content/notes/chart.png":   "\x89PNG",
		"content/notes/2026-09.md~": "An old draft.\n",
		"data/~$actuals.csv":        "\x00lock",
		"data/README.txt":           "Where the numbers come from.\n",
		"README.md":                 "# The site\n",
	} {
		writeFile(t, filepath.Join(f.dir, filepath.FromSlash(name)), content)
	}
	time.Sleep(5 * f.srv.opts.Debounce)
	if now := f.srv.cur.Load().gen; now != gen {
		t.Errorf("files a build does not read caused %d builds", now-gen)
	}
	f.setCost("66")
	f.waitForText(costPage, "66 USD")
}
