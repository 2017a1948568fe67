package theme

// ParseWithoutInlining parses the theme as Parse does but leaves every
// {{T "key"}} to run when a page renders.
func (t *Theme) ParseWithoutInlining() error { return t.parse(false) }
