// Package serve previews a site while it is being edited. It builds the site
// into a temporary folder, never into the source's public/, serves that folder
// on 127.0.0.1 only, rebuilds when the source changes and tells open pages to
// reload. A build that fails keeps the last good site on screen, with its
// errors laid over every page until a build succeeds again.
package serve
