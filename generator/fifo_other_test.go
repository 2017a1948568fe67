//go:build !unix

package generator

import "testing"

func mkfifo(t *testing.T, dir, name string) { t.Skip("no named pipes on this system") }
