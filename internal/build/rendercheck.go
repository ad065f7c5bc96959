package build

import (
	"context"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/render"
)

// RenderErrors renders p in memory as opt says, writing nothing, and
// returns the errors of the rendering that add to loadErrs, the problems
// Load found: every page of every commune is rendered even when some
// profile or page has errors, so that one broken commune does not hide
// the problems of the others. It renders nothing, and returns nil, when the theme itself
// is broken (see Renderable). An error of the rendering that names no
// file follows from the errors of the loading (a session that ends
// before it starts cannot go into the calendar) and is left out when
// loadErrs has errors.
func RenderErrors(ctx context.Context, p *Project, opt render.Options, loadErrs diag.List) diag.List {
	if !Renderable(p, loadErrs) {
		return nil
	}
	var errs diag.List
	for _, e := range render.Render(ctx, p.Project, opt, func(render.Output) error { return nil }) {
		if e.Pos.File != "" || !loadErrs.HasErrors() {
			errs = append(errs, e)
		}
	}
	return errs
}

// Renderable reports whether p can be rendered despite loadErrs, the
// errors of its loading. Every page goes through the theme's layouts and
// every language's interface strings: they must be loaded, and a layout
// that does not parse would make every page fail the same way. Errors in
// profiles, pages and catalog entries leave them decoded as far as
// possible, and rendering them still finds dead links, missing facts,
// unknown placeholders and template errors.
func Renderable(p *Project, loadErrs diag.List) bool {
	if p == nil {
		return false
	}
	in := p.Project
	if in == nil || in.Theme == nil || in.Theme.Layouts == nil {
		return false
	}
	for _, l := range in.Settings.Languages {
		if in.Theme.Catalogs[l.Code] == nil {
			return false
		}
	}
	for _, c := range in.Communes {
		if c.Layouts == nil {
			return false
		}
	}
	for _, e := range loadErrs {
		if e.Severity == diag.SevError && isLayout(e.Pos.File) {
			return false
		}
	}
	return true
}

// isLayout reports whether file is a layout: under themes/<name>/layouts/
// or communes/<slug>/layouts/.
func isLayout(file string) bool {
	parts := strings.SplitN(file, "/", 4)
	return len(parts) == 4 && (parts[0] == project.ThemesDir || parts[0] == project.CommunesDir) && parts[2] == project.LayoutsDir
}
