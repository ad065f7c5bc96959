package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/scaffold"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
)

const newUsage = `Usage:
  tadafor new commune [SLUG] [--code CODE | --name NAME]
  tadafor new page PATH [--kind page|guide|procedure|news|event]

Run 'tadafor new commune -h' or 'tadafor new page -h' for the flags and examples.
`

const newCommuneExamples = `  tadafor new commune berkane                 the commune whose name is "berkane" (folded: Berkane, بركان)
  tadafor new commune --name "أصيلة"          by its Arabic name; the folder is the census slug (assilah)
  tadafor new commune --name "sidi slimane"   a French name, without accents or hyphens
  tadafor new commune --code 01.511.01.01     by census code, the surest way
  tadafor new commune asilah --code 01.511.01.01
                                              choose the folder name yourself

Writes communes/SLUG/commune.yaml, every field explained, filled from the census (names in
Arabic and French, code, type, region, province, population of 2024); the town hall's
address is TODO and the optional fields are commented out. SLUG is the folder name
(lower-case ASCII letters, digits, hyphens); without --code or --name, SLUG is also the
name looked up. Names match whatever the spelling of hamza, alef, ta marbuta, alef
maqsura, harakat, tatweel, accents, case, spaces and hyphens. A name shared by several
communes lists them: choose one (on a terminal) or run again with --code. An existing
file is never overwritten.
`

const newPageExamples = `  tadafor new page participation/youth-council --kind guide
                         content/participation/youth-council.ar.md and .fr.md
  tadafor new page procedures/building-permit --kind procedure
                         with every field of a procedure set to TODO
  tadafor new page communes/berkane/content/news/market-day --kind news
                         a news item of Berkane only, dated today

Writes one file per language of the site with the front matter of the kind. Every value
to write is TODO, which 'tadafor check' reports; a date left TODO is an error. An existing
file is never overwritten.
`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "tadafor new: missing what to create: expected \"commune\" or \"page\"\n\n"+newUsage)
		return exitUsage
	}
	switch args[0] {
	case "commune":
		return runNewCommune(ctx, args[1:], stdout, stderr)
	case "page":
		return runNewPage(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stderr, newUsage)
		return exitOK
	}
	msg := fmt.Sprintf("tadafor new: unknown %q: expected \"commune\" or \"page\"", args[0])
	if q := diag.DidYouMean(args[0], []string{"commune", "page"}); q != "" {
		msg += "; " + q
	}
	fmt.Fprint(stderr, msg+"\n\n"+newUsage)
	return exitUsage
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, and returns the latter; code is the exit code to
// stop with, or -1 to go on.
func parseInterleaved(fs *flag.FlagSet, args []string) (positional []string, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK
			}
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			return positional, -1
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runNewCommune(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new commune", "new commune [SLUG] [--code CODE | --name NAME]", newCommuneExamples, stderr)
	var root, code, name string
	fs.StringVar(&root, "root", ".", "the project `folder`")
	fs.StringVar(&code, "code", "", "the commune's HCP census `code`, such as 01.511.01.01")
	fs.StringVar(&name, "name", "", "the commune's `name` in Arabic or French")
	pos, rc := parseInterleaved(fs, args)
	if rc >= 0 {
		return rc
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tadafor new commune: "+format+"\n", a...)
		fs.Usage()
		return exitUsage
	}
	var slug string
	switch len(pos) {
	case 0:
	case 1:
		slug = pos[0]
	default:
		return usageErr("unexpected argument %q: expected one folder name (SLUG)", pos[1])
	}
	switch {
	case code != "" && name != "":
		return usageErr("give --code or --name, not both")
	case slug == "" && code == "" && name == "":
		return usageErr("missing the commune: expected its folder name (SLUG), --code CODE or --name NAME")
	}
	ref, err := refdata.Load()
	if err != nil {
		fmt.Fprintf(stderr, "tadafor new commune: %v\n", err)
		return exitError
	}
	m := scaffold.NewMatcher(ref)
	if slug != "" && !segment.IsID(slug) {
		return badSlug(stderr, ref, m, slug, code, name)
	}
	byFolder := code == "" && name == ""
	if byFolder {
		name = slug
	}
	c, err := scaffold.Lookup(ref, m, code, name)
	var amb *scaffold.AmbiguousError
	if errors.As(err, &amb) {
		c, err = choose(stderr, amb, ref)
	}
	if err != nil {
		if !errors.As(err, &amb) {
			fmt.Fprintf(stderr, "tadafor new commune: %v\n", err)
		}
		var nf *scaffold.NotFoundError
		if errors.As(err, &nf) && byFolder {
			fmt.Fprintf(stderr, "a folder name that is not the commune's name needs --code CODE or --name NAME: tadafor new commune %s --code …\n", slug)
		}
		return exitError
	}
	settings, errs := project.LoadSettings(root)
	if errs.HasErrors() {
		printErrors(stderr, errs)
		return exitError
	}
	if slug == "" {
		slug = c.Slug
	}
	file, err := scaffold.WriteCommune(root, slug, c, ref, settings.Languages)
	if err != nil {
		fmt.Fprintf(stderr, "tadafor new commune: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", file, describe(c, ref))
	fmt.Fprintf(stdout, "next: write the town hall's address where it says TODO, then run: tadafor check --commune %s\n", slug)
	return exitOK
}

// badSlug explains that slug cannot be a folder name, suggesting the
// census slug of the commune meant: the one of --code or --name, or the
// one slug itself names (a code or a name typed in place of the folder).
func badSlug(stderr io.Writer, ref *refdata.Data, m *scaffold.Matcher, slug, code, name string) int {
	lookup := func() (refdata.Commune, bool) {
		if code != "" || name != "" {
			c, err := scaffold.Lookup(ref, m, code, name)
			return c, err == nil
		}
		if c, ok := ref.Commune(slug); ok {
			return c, true
		}
		if list := m.Find(slug); len(list) == 1 {
			return list[0], true
		}
		return refdata.Commune{}, false
	}
	c, found := lookup()
	err := &scaffold.SlugError{Slug: slug}
	if found {
		err.Suggestion = c.Slug
	}
	fmt.Fprintf(stderr, "tadafor new commune: %v\n", err)
	if found && code == "" && name == "" {
		fmt.Fprintf(stderr, "to start %s, write: tadafor new commune --code %s (folder communes/%s)\n", describe(c, ref), c.Code, c.Slug)
	}
	return exitUsage
}

// maxChoices is the most communes offered to choose from; more, and the
// name must be made more precise.
const maxChoices = 20

// choose lists the communes an ambiguous name matches and, on a
// terminal, asks which one is meant. Otherwise, or when the user gives no
// answer, it returns amb itself, after printing what to do.
func choose(stderr io.Writer, amb *scaffold.AmbiguousError, ref *refdata.Data) (refdata.Commune, error) {
	var in io.Reader
	if isTerminal(os.Stdin) && isTerminal(stderr) && len(amb.Candidates) <= maxChoices {
		in = os.Stdin
	}
	return pick(in, stderr, amb, ref)
}

// pick is choose reading the answer from in (nil: not interactive).
func pick(in io.Reader, w io.Writer, amb *scaffold.AmbiguousError, ref *refdata.Data) (refdata.Commune, error) {
	list := amb.Candidates
	fmt.Fprintf(w, "tadafor new commune: %d communes match %q:\n", len(list), amb.Name)
	for i, c := range list[:min(len(list), maxChoices)] {
		fmt.Fprintf(w, "  %2d. %s\n", i+1, describe(c, ref))
	}
	if len(list) > maxChoices {
		fmt.Fprintf(w, "  … and %d more: write more of the name\n", len(list)-maxChoices)
	}
	if in == nil {
		fmt.Fprintln(w, "run the command again with --code and the code of the commune you mean")
		return refdata.Commune{}, amb
	}
	sc := bufio.NewScanner(in)
	for {
		fmt.Fprintf(w, "which one? (1–%d, or Enter to stop): ", len(list))
		if !sc.Scan() || strings.TrimSpace(sc.Text()) == "" {
			fmt.Fprintln(w)
			return refdata.Commune{}, amb
		}
		n, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
		if err == nil && n >= 1 && n <= len(list) {
			return list[n-1], nil
		}
		fmt.Fprintf(w, "%q is not a number from 1 to %d\n", sc.Text(), len(list))
	}
}

// describe names a census commune for a person: "Assilah (أصيلة), urban,
// prefecture of Tanger-Assilah, code 01.511.01.01, 36039 inhabitants in
// 2024".
func describe(c refdata.Commune, ref *refdata.Data) string {
	p, _ := ref.Province(c.Province)
	return fmt.Sprintf("%s (%s), %s, %s of %s, code %s, %d inhabitants in 2024",
		c.Name["fr"], c.Name["ar"], c.Type, p.Type, p.Name["fr"], c.Code, c.Population2024)
}

func runNewPage(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new page", "new page PATH [--kind page|guide|procedure|news|event]", newPageExamples, stderr)
	var root, kind string
	fs.StringVar(&root, "root", ".", "the project `folder`")
	fs.StringVar(&kind, "kind", string(site.KindPage), "the `kind` of page: page, guide, procedure, news or event")
	pos, rc := parseInterleaved(fs, args)
	if rc >= 0 {
		return rc
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tadafor new page: "+format+"\n", a...)
		fs.Usage()
		return exitUsage
	}
	switch {
	case len(pos) == 0:
		return usageErr("missing the page's PATH, such as participation/youth-council")
	case len(pos) > 1:
		return usageErr("unexpected argument %q: expected one PATH", pos[1])
	}
	kinds := site.Kind("").Values()
	if !slices.Contains(kinds, kind) {
		msg := fmt.Sprintf("unknown kind %q: expected one of %s", kind, strings.Join(kinds, ", "))
		if q := diag.DidYouMean(kind, kinds); q != "" {
			msg += "; " + q
		}
		return usageErr("%s", msg)
	}
	settings, errs := project.LoadSettings(root)
	if errs.HasErrors() {
		printErrors(stderr, errs)
		return exitError
	}
	files, err := scaffold.WritePage(root, pos[0], site.Kind(kind), settings.Languages, time.Now())
	var pe *scaffold.PathError
	switch {
	case errors.As(err, &pe):
		return usageErr("%v", err)
	case err != nil:
		fmt.Fprintf(stderr, "tadafor new page: %v\n", err)
		return exitError
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	fmt.Fprintln(stdout, "next: replace every TODO, then run: tadafor check")
	return exitOK
}
