package dbsource

import (
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// postgresDSN returns the connection string of the test server that
// .ci/run starts (scripts/postgres). Without one the tests skip, except in
// CI, where they must run.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("SCORECARD_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but SCORECARD_TEST_POSTGRES is not: .ci/run starts a PostgreSQL server for these tests")
		}
		t.Skip("no PostgreSQL server: set SCORECARD_TEST_POSTGRES (scripts/postgres start prints one)")
	}
	return dsn
}

func TestPostgres(t *testing.T) {
	dsn := postgresDSN(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range []string{
		`DROP TABLE IF EXISTS facts`,
		`CREATE TABLE facts (unit text, measure text, month date, actual numeric, target double precision, n integer, ok boolean)`,
		`INSERT INTO facts VALUES ('org', 'revenue', '2026-08-01', 1012345.5, 1000000, 3, true), ('org', 'revenue', '2026-09-01', 0.1, NULL, 4, false)`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	rows, errs := run(t, Source{Driver: "postgres", Query: "SELECT unit, measure, month AS period, actual, target FROM facts ORDER BY month"}, dsn)
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"org/revenue 2026-08 1.0123455e+06 1e+06 - - @source wh, row 1, column 4",
		"org/revenue 2026-09 0.1 - - - @source wh, row 2, column 4",
	}, "rows: numeric exactly, a date as its month")
	rows, errs = run(t, Source{Driver: "postgres", Query: `SELECT unit, measure, n AS "2026-01", actual AS "2026-02" FROM facts ORDER BY month`}, dsn)
	check(t, errs, nil, "errors")
	if len(rows) != 4 {
		t.Errorf("wide rows %q", rows)
	}

	u, _ := url.Parse(dsn)
	password, _ := u.User.Password()
	wrongPassword := *u
	wrongPassword.User = url.UserPassword(u.User.Username(), "Wr0ng-"+password)
	refused := *u
	refused.Host = "127.0.0.1:1"
	kv := "host=127.0.0.1 port=" + u.Port() + " user=" + u.User.Username() + " password=" + password + "x dbname=" + strings.TrimPrefix(u.Path, "/") + " sslmode=disable"
	for _, c := range []struct {
		name, query, dsn string
		timeout          time.Duration
		want             string
	}{
		{"refused", "SELECT 1", refused.String(), 0, `config.toml:7:1: source "wh": cannot connect: failed to connect to ` + "`user=scorecard database=scorecard`" + `: 127.0.0.1:1 (127.0.0.1): dial error: dial tcp 127.0.0.1:1: connect: connection refused`},
		{"authentication", "SELECT 1", wrongPassword.String(), 0, `config.toml:7:1: source "wh": cannot connect: failed to connect to ` + "`user=scorecard database=scorecard`" + `: 127.0.0.1:` + u.Port() + ` (127.0.0.1): failed SASL auth: FATAL: password authentication failed for user "scorecard" (SQLSTATE 28P01)`},
		{"authentication, key=value", "SELECT 1", kv, 0, `config.toml:7:1: source "wh": cannot connect: failed to connect to ` + "`user=scorecard database=scorecard`" + `: 127.0.0.1:` + u.Port() + ` (127.0.0.1): failed SASL auth: FATAL: password authentication failed for user "scorecard" (SQLSTATE 28P01)`},
		{"bad SQL", "SELEC 1", dsn, 0, `config.toml:7:1: source "wh": the query failed: ERROR: syntax error at or near "SELEC" (SQLSTATE 42601)`},
		{"no table", "SELECT * FROM nothing_here", dsn, 0, `config.toml:7:1: source "wh": the query failed: ERROR: relation "nothing_here" does not exist (SQLSTATE 42P01)`},
		{"writes", "INSERT INTO facts (unit) VALUES ('x') RETURNING unit", dsn, 0, `config.toml:7:1: source "wh": the query failed: ERROR: cannot execute INSERT in a read-only transaction (SQLSTATE 25006)`},
		{"wrong type", "SELECT unit, measure, '2026-08' AS period, ok AS actual FROM facts ORDER BY month LIMIT 1", dsn, 0, `source wh, row 1, column 4: actual is a boolean (true), not a number`},
		{"NULL", "SELECT unit, NULL AS measure, '2026-08' AS period FROM facts ORDER BY month LIMIT 1", dsn, 0, `source wh, row 1, column 2: measure is NULL (or blank)`},
		// The timeout covers connecting too: long enough that a password
		// check on a busy machine fits in it, short of the query's sleep.
		{"timeout", "SELECT pg_sleep(30)", dsn, 2 * time.Second, `config.toml:7:1: source "wh": the query failed: the database did not answer within 2s (set timeout, in seconds, in the source's entry to wait longer)`},
		{"message echoes the password", `SELECT 1 FROM "` + password + `"`, dsn, 0, `config.toml:7:1: source "wh": the query failed: ERROR: relation "(hidden)" does not exist (SQLSTATE 42P01)`},
		{"unparsable connection string", "SELECT 1", "postgres://scorecard:" + password + "@127.0.0.1:port/x", 0, `config.toml:7:1: source "wh": cannot connect: cannot parse ` + "`postgres://scorecard:xxxxx@127.0.0.1:port/x`" + `: invalid port`},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, errs := run(t, Source{Driver: "postgres", Query: c.query, Timeout: c.timeout}, c.dsn)
			check(t, errs, []string{c.want}, "errors")
			for _, e := range errs {
				if strings.Contains(e, password) || strings.Contains(e, c.dsn) {
					t.Errorf("the message shows the password or connection string: %s", e)
				}
			}
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}
