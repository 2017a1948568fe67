package serve

import (
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// limits bound what clients can hold of the server: a page elsewhere can make
// the browser open connections to 127.0.0.1, and a stuck client must not
// take the preview away from the person editing. Zero fields take the
// defaults below; docs/serve.md lists them.
type limits struct {
	readHeader time.Duration // to send a request's headers
	read       time.Duration // to send a whole request, body included
	write      time.Duration // to take a response; reload streams are exempt
	idle       time.Duration // a kept-alive connection waiting for its next request
	conns      int           // connections open at once; more wait their turn
	streams    int           // reload streams open at once; fewer than conns, so pages still load
}

// The defaults. A request to a local server is sent and answered in
// milliseconds; the timeouts are long only for a machine busy building. The
// caps leave ample room for browsers, which open at most six connections to
// one address, and stay well inside the 256 files a process may open by
// default on macOS, builds included.
const (
	defaultReadHeader = 10 * time.Second
	defaultRead       = 30 * time.Second
	defaultWrite      = time.Minute
	defaultIdle       = time.Minute
	defaultConns      = 128
	defaultStreams    = 64
)

// maxURL is the longest request target answered (414 past it): the site's
// own addresses are a few hundred bytes at most.
const maxURL = 4096

// maxSegment is the longest name of a file or folder on the usual file
// systems; a longer segment of a path names nothing (404).
const maxSegment = 255

func (l limits) withDefaults() limits {
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&l.readHeader, defaultReadHeader}, {&l.read, defaultRead}, {&l.write, defaultWrite}, {&l.idle, defaultIdle}} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	if l.conns <= 0 {
		l.conns = defaultConns
	}
	if l.streams <= 0 {
		l.streams = min(defaultStreams, max(1, l.conns/2))
	}
	return l
}

// httpServer is the server for h with the limits' timeouts.
func (l limits) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
	}
}

// listener caps the connections accepted from ln: past the cap, a new
// connection waits in the system's queue until one closes.
func (l limits) listener(ln net.Listener) net.Listener {
	return netutil.LimitListener(ln, l.conns)
}
