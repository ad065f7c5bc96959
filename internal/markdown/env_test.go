package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/diag"
)

// testEnv is an Env over fixed pages and placeholders. Pages maps a
// destination as written (with any #anchor) to its href; external URLs
// pass unchanged. Absent are the facts the commune lacks.
type testEnv struct {
	pages  map[string]string
	params map[string]string
	absent map[string]bool
}

func (e testEnv) ResolveLink(dest string, image bool) (string, error) {
	for _, scheme := range []string{"http://", "https://", "mailto:", "tel:"} {
		if strings.HasPrefix(dest, scheme) {
			return dest, nil
		}
	}
	if href, ok := e.pages[dest]; ok {
		return href, nil
	}
	if image {
		return "", fmt.Errorf("no file %s", dest)
	}
	return "", fmt.Errorf("no page %s", dest)
}

func (e testEnv) Param(name string) (string, bool) {
	v, ok := e.params[name]
	return v, ok
}

func (e testEnv) Known(name string) bool {
	_, ok := e.params[name]
	return ok || e.absent[name]
}

func (e testEnv) ParamNames() []string {
	return slices.Sorted(maps.Keys(e.params))
}

// passEnv accepts every link as it is and fills every placeholder with its
// name.
type passEnv struct{}

func (passEnv) ResolveLink(dest string, _ bool) (string, error) { return dest, nil }
func (passEnv) Param(name string) (string, bool)                { return "<" + name + ">", true }
func (passEnv) Known(string) bool                               { return true }

// newTestEnv returns the Env most tests render with.
func newTestEnv() testEnv {
	return testEnv{
		pages: map[string]string{
			"guide.md":              "../guide/",
			"/participation/x.md":   "../../participation/x/",
			"guide.md#étapes":       "../guide/#%C3%A9tapes",
			"logo.png":              "../logo.png",
			"/static/docs/form.pdf": "../static/docs/form.pdf",
		},
		params: map[string]string{
			"commune.name":        "Aït Ourir",
			"commune.phone":       "0524 48 00 00",
			"petition.signatures": "100",
		},
		absent: map[string]bool{"contact.hours": true, "contact.email": true},
	}
}

// convert parses and renders src as the body of content/x.ar.md starting
// on line 1, failing the test on errors unless they are wanted.
func convert(t *testing.T, c *Converter, src, lang string, env Env) (html string, parseErrs, renderErrs diag.List) {
	t.Helper()
	d, parseErrs := c.Parse("content/x.ar.md", []byte(src), 1, lang)
	var b bytes.Buffer
	renderErrs = c.Render(&b, d, env)
	sameAsCompiled(t, c, d, env, b.String(), renderErrs)
	return b.String(), parseErrs, renderErrs
}

// sameAsCompiled checks that the compiled page renders as a walk of its
// tree with the Env does.
func sameAsCompiled(t *testing.T, c *Converter, d *Doc, env Env, html string, errs diag.List) {
	t.Helper()
	d2, root, _ := c.parse(d.file, d.src, d.lines.first, d.lang)
	var b bytes.Buffer
	st := &renderState{Writer: bufio.NewWriter(&b), doc: d2, env: env, renderer: c.renderer}
	if err := c.renderer.Render(st, d2.src, root); err != nil {
		t.Fatal(err)
	}
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	st.errs.Sort()
	if b.String() != html {
		t.Errorf("the compiled page renders\n%q\nthe tree\n%q", html, b.String())
	}
	if a, b := errorLines(errs), errorLines(st.errs); !slices.Equal(a, b) {
		t.Errorf("the compiled page reports\n%v\nthe tree\n%v", a, b)
	}
}

// errorLines returns the errors of l, one string each.
func errorLines(l diag.List) []string {
	var s []string
	for _, e := range l {
		s = append(s, e.Error())
	}
	return s
}

// errorsAs is errors.As for the tests of this package.
func errorsAs(err error, target any) bool { return errors.As(err, target) }

// htmlCase is a page and the HTML it renders to.
type htmlCase struct{ name, src, want string }

// checkHTML renders each case in language lang with env, in parallel,
// and fails on any error or other HTML.
func checkHTML(t *testing.T, lang string, env testEnv, cases []htmlCase) {
	t.Helper()
	c := New()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, parseErrs, renderErrs := convert(t, c, tt.src, lang, env)
			if len(parseErrs)+len(renderErrs) > 0 {
				t.Fatalf("errors:\n%v\n%v", parseErrs, renderErrs)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// errorCase is a page and the errors its parse and its render report.
type errorCase struct {
	name, src     string
	parse, render []string
}

// checkErrors converts each case, in Arabic with newTestEnv, in parallel,
// and compares the errors.
func checkErrors(t *testing.T, cases []errorCase) {
	t.Helper()
	c := New()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, parseErrs, renderErrs := convert(t, c, tt.src, "ar", newTestEnv())
			if got := errorLines(parseErrs); !slices.Equal(got, tt.parse) {
				t.Errorf("Parse errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.parse, "\n"))
			}
			if got := errorLines(renderErrs); !slices.Equal(got, tt.render) {
				t.Errorf("Render errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.render, "\n"))
			}
		})
	}
}
