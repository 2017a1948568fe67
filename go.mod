module github.com/scorecard-dev/scorecard

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	golang.org/x/sys v0.49.0
)

require (
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/tools v0.26.0 // indirect
)
