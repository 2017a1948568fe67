package serve

import (
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestServeRefreshRunsTheQueriesAgain: a database changes without any file
// of the site changing; a POST to the refresh path rebuilds the site in
// full, and the page shows the database's new value. Other methods, and a
// request another site's page sends, are refused.
func TestServeRefreshRunsTheQueriesAgain(t *testing.T) {
	dir := copySmall(t)
	db := filepath.Join(t.TempDir(), "wh.db")
	exec := func(stmt string) {
		t.Helper()
		conn, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	exec("CREATE TABLE f (unit, measure, period, actual); INSERT INTO f VALUES ('ops', 'cost', '2026-09', 61)")
	t.Setenv("SCORECARD_TEST_WH", db)
	csv, _ := os.ReadFile(filepath.Join(dir, "data/actuals.csv"))
	writeFile(t, filepath.Join(dir, "data/actuals.csv"), strings.Replace(string(csv), "ops,cost,2026-09,61,\n", "", 1))
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	writeFile(t, filepath.Join(dir, "config.toml"), string(cfg)+"\n[[sources]]\nname = \"wh\"\ndriver = \"sqlite\"\ndsn_env = \"SCORECARD_TEST_WH\"\nquery = \"SELECT * FROM f\"\n")
	f := startAt(t, dir)
	f.waitForText(costPage, "61 USD")

	exec("UPDATE f SET actual = 64")
	for _, c := range []struct {
		method, fetchSite string
		want              int
	}{
		{http.MethodGet, "", http.StatusMethodNotAllowed},
		{http.MethodPost, "cross-site", http.StatusForbidden},
		{http.MethodPost, "", http.StatusAccepted},
	} {
		req, _ := http.NewRequest(c.method, f.srv.URL()+"_scorecard/refresh", nil)
		if c.fetchSite != "" {
			req.Header.Set("Sec-Fetch-Site", c.fetchSite)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s (Sec-Fetch-Site %q): %d, want %d", c.method, c.fetchSite, resp.StatusCode, c.want)
		}
	}
	f.waitForText(costPage, "64 USD")
}
