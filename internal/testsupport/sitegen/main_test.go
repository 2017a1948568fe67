package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-units", "3", "-measures", "6", "-months", "3", dir}, 0},
		{[]string{"-units", "3", "-measures", "6", "-months", "3"}, 2},
		{[]string{"-units", "0", "-measures", "6", "-months", "3", dir}, 2},
		{[]string{"-units", "3", "-measures", "3", "-months", "3", dir}, 2},
		{[]string{"-units", "3", "-measures", "6", "-months", "0", dir}, 2},
		{[]string{"-units", "3", "-measures", "6", "-months", "3", dir}, 1}, // now not empty
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr.String())
		}
		if tc.code == 0 && strings.Count(stdout.String(), "\n") != 1 {
			t.Errorf("%v: stdout %q, want one summary line", tc.args, stdout.String())
		}
	}
}
