// Package dbsource reads data rows from a database: the [[sources]] of
// config.toml, each a query whose result has the columns of a data table
// (the long or the wide layout, package table). Two drivers are built in:
// SQLite (modernc.org/sqlite, pure Go) and PostgreSQL (pgx through
// database/sql).
//
// The connection string comes from an environment variable that the source
// names, never from a file, and is never shown: every message a driver
// gives is scrubbed of it and of the password in it before it is reported.
package dbsource

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/table"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Drivers are the drivers a source may name, and the database/sql driver of each.
var Drivers = map[string]string{"sqlite": "sqlite", "postgres": "pgx"}

// DefaultTimeout is how long a source's connection and query may take when
// it sets no timeout; MaxTimeout the most it may set.
const (
	DefaultTimeout = 30 * time.Second
	MaxTimeout     = time.Hour
)

// Source is a validated [[sources]] entry.
type Source struct {
	Name    string
	Driver  string // a key of Drivers
	Query   string
	DSNEnv  string
	Timeout time.Duration
	At      diag.Pos // the entry in config.toml
}

// Read runs the query of s and calls fn for every row of its result. The
// Row passed to fn is reused; fn must copy what it keeps. getenv looks up
// the connection string. It returns how many rows of the result it read.
func Read(ctx context.Context, s Source, getenv func(string) string, dl *diag.List, fn func(*table.Row)) int {
	dsn := getenv(s.DSNEnv)
	if strings.TrimSpace(dsn) == "" {
		dl.Errorf(s.At, "source %q: the environment variable %s is not set: set it to the connection string of the database (it is read from the environment so that no password is written in a file)", s.Name, s.DSNEnv)
		return 0
	}
	r := &reader{s: s, dl: dl, secrets: secrets(dsn)}
	if s.Driver == "sqlite" {
		dsn = sqliteReadOnly(dsn)
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	n, err := r.run(ctx, dsn, fn)
	if err != nil {
		r.report(ctx, err)
	}
	return n
}

type reader struct {
	s       Source
	dl      *diag.List
	secrets []string
	stage   string
}

func (r *reader) run(ctx context.Context, dsn string, fn func(*table.Row)) (int, error) {
	r.stage = "cannot connect"
	db, err := sql.Open(Drivers[r.s.Driver], dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		return 0, err
	}
	r.stage = "the query failed"
	var q interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	} = conn
	if r.s.Driver == "sqlite" {
		if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 1"); err != nil {
			return 0, err
		}
	} else {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return 0, err
		}
		defer tx.Rollback()
		q = tx
	}
	rows, err := q.QueryContext(ctx, r.s.Query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	return r.rows(rows, fn)
}

// rows reads the result: its columns as the header, then every row.
func (r *reader) rows(rows *sql.Rows, fn func(*table.Row)) (int, error) {
	names, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	at := func(i int) diag.Pos {
		if i < 0 {
			return r.s.At
		}
		return diag.Pos{Sheet: r.s.Name, Col: i + 1}
	}
	var hdr diag.List
	l := table.Header(names, at, &hdr)
	for _, d := range hdr.Sorted(diag.Error) {
		if d.Pos == r.s.At { // about the result as a whole
			d.Msg = fmt.Sprintf("source %q: the query's result: %s", r.s.Name, d.Msg)
		} else {
			d.Msg = "the query's result: " + d.Msg
		}
		r.dl.Add(d)
	}
	if l == nil {
		return 0, nil
	}
	t := &table.Typed{Layout: l, Sheet: r.s.Name, DL: r.dl}
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	cells := make([]table.Cell, len(names))
	n := 0
	for rows.Next() {
		n++
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			cells[i] = cellOf(v)
			cells[i].Line, cells[i].Col = n, i+1
		}
		t.Record(n, cells, fn)
	}
	r.stage = "reading the result failed"
	return n, rows.Err()
}

// cellOf types a value as the driver gives it.
func cellOf(v any) table.Cell {
	switch x := v.(type) {
	case nil:
		return table.Cell{}
	case int64:
		if x > 1<<53 || x < -(1<<53) {
			return table.Cell{Kind: table.Wrong, Text: fmt.Sprintf("the integer %d, beyond ±2^53, which a number here cannot hold exactly", x)}
		}
		return table.Cell{Kind: table.Number, Num: float64(x)}
	case float64:
		return table.Cell{Kind: table.Number, Num: x}
	case []byte:
		return table.Cell{Kind: table.Text, Text: string(x)}
	case string:
		return table.Cell{Kind: table.Text, Text: x}
	case bool:
		return table.Cell{Kind: table.Bool, Text: fmt.Sprint(x)}
	case time.Time:
		return table.Cell{Kind: table.Date, Text: x.Format("2006-01")}
	}
	return table.Cell{Kind: table.Wrong, Text: fmt.Sprintf("a value of type %T, not a number or text", v)}
}

// report reports err, the failure of the stage the reader was at.
func (r *reader) report(ctx context.Context, err error) {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		r.dl.Errorf(r.s.At, "source %q: %s: the database did not answer within %s (set timeout, in seconds, in the source's entry to wait longer)", r.s.Name, r.stage, r.s.Timeout)
		return
	}
	if errors.Is(err, context.Canceled) {
		r.dl.Errorf(r.s.At, "source %q: %s: the build was stopped", r.s.Name, r.stage)
		return
	}
	r.dl.Errorf(r.s.At, "source %q: %s: %s", r.s.Name, r.stage, r.scrub(err.Error()))
}

// scrub removes the connection string and its password from a driver's
// message: some drivers repeat what they were given.
func (r *reader) scrub(msg string) string {
	for _, s := range r.secrets {
		msg = strings.ReplaceAll(msg, s, "(hidden)")
	}
	return msg
}

// secrets returns what of dsn must never be shown, longest first: the whole
// string, and the password in its URL or key=value form, as written and
// escaped.
func secrets(dsn string) []string {
	out := []string{dsn}
	add := func(p string) {
		if p == "" {
			return
		}
		out = append(out, p, url.QueryEscape(p), url.PathEscape(p))
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		p, _ := u.User.Password()
		add(p)
		if i := strings.Index(dsn, "://"); i >= 0 {
			if j := strings.LastIndex(dsn, "@"); j > i {
				if k := strings.Index(dsn[i+3:j], ":"); k >= 0 {
					add(dsn[i+3+k+1 : j]) // as written, escaped or not
				}
			}
		}
	}
	if u, err := url.Parse(dsn); err == nil {
		add(u.Query().Get("password"))
	}
	for _, f := range strings.Fields(dsn) {
		if k, v, ok := strings.Cut(f, "="); ok && strings.EqualFold(k, "password") {
			add(strings.Trim(v, `'`))
		}
	}
	// Longest first, so that a password inside the whole string does not
	// leave the rest of it.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sqliteReadOnly opens a database file read-only: a path that names no file
// is then an error, where SQLite would create an empty database.
func sqliteReadOnly(dsn string) string {
	if dsn == ":memory:" || strings.HasPrefix(dsn, "file:") {
		return dsn
	}
	return "file:" + (&url.URL{Path: dsn}).EscapedPath() + "?mode=ro"
}

// Seconds converts a timeout in seconds, as config.toml gives it.
func Seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
