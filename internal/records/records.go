// Package records loads a commune's own public records, the YAML files of
// communes/<slug>/data/ (council.yaml, sessions.yaml, petitions.yaml,
// budget.yaml, bodies.yaml, cocreation.yaml, documents.yaml; each one
// optional), strictly: every value is checked against its type, then the
// records are checked against each other (a petition's history, the
// session that examined it, a budget's phases, a document's file), and
// every problem is reported at the file:line:col of the offending value
// with a hint. Figures computed from the records live in
// internal/indicators.
package records

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// Dir is the folder, inside a commune's folder, that holds its data
// files; StaticDir the one under which the files of documents and
// minutes are looked up.
const (
	Dir       = project.DataDir
	StaticDir = project.StaticDir
)

// The data files, by name without ".yaml", in the order they are checked.
const (
	CouncilFile    = "council"
	SessionsFile   = "sessions"
	PetitionsFile  = "petitions"
	BudgetFile     = "budget"
	BodiesFile     = "bodies"
	CoCreationFile = "cocreation"
	DocumentsFile  = "documents"
)

// names returns the names of the data files, in order.
func names() []string {
	return []string{CouncilFile, SessionsFile, PetitionsFile, BudgetFile, BodiesFile, CoCreationFile, DocumentsFile}
}

// The shapes of the list files: one list under one key.
type (
	sessionsFile struct {
		Sessions []site.Session `yaml:"sessions"`
	}
	petitionsFile struct {
		Petitions []site.Petition `yaml:"petitions"`
	}
	budgetFile struct {
		Cycles []site.BudgetCycle `yaml:"cycles"`
	}
	bodiesFile struct {
		Bodies []site.Body `yaml:"bodies"`
	}
	cocreationFile struct {
		Projects []site.CoCreation `yaml:"projects"`
	}
	documentsFile struct {
		Documents []site.Document `yaml:"documents"`
	}
)

// Load reads the data files of commune c under root (the folder
// communes/<slug>/data/ beside c.File, or communes/<c.Slug>/data/ when
// c.File is empty) and checks them as Parse does, looking the files of
// documents and minutes up under communes/<slug>/static/. A missing data
// folder or file is an empty list; a .yaml or .yml file of another name
// is an error naming the closest known name. Paths in positions are
// relative to root with "/" separators.
//
// The records are returned decoded as far as possible even when the list
// holds errors; the caller decides from errs.HasErrors() whether to go
// on. Load only reads c, and is safe for concurrent use.
func Load(root string, c *site.Commune, langs []string) (site.Records, diag.List) {
	dir := communeDir(c)
	dataDir := path.Join(dir, Dir)
	var errs diag.List
	entries, err := project.ReadDir(root, dataDir)
	if !errors.Is(err, fs.ErrNotExist) {
		errs.Append(err)
	}
	files := map[string][]byte{}
	for _, entry := range entries {
		name := entry.Name
		ext := path.Ext(name)
		if entry.Dir || project.SetAside(name) || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		file := path.Join(dataDir, name)
		stem := strings.TrimSuffix(name, ext)
		if !slices.Contains(names(), stem) {
			e := errs.Add(diag.Pos{File: file}, "unknown data file %q", name)
			if s := diag.Suggest(stem, names()); s != "" {
				e.Msg += "; " + diag.Propose(strconv.Quote(s+".yaml"))
			} else {
				e.Hint = "the data files are " + strings.Join(names(), ".yaml, ") + ".yaml; rename the file to start with \"_\" to keep it aside"
			}
			continue
		}
		if ext == ".yml" {
			errs.Add(diag.Pos{File: file}, "data files end in .yaml, not .yml").Hint = fmt.Sprintf("rename the file %s.yaml", stem)
			continue
		}
		src, err := project.ReadFile(root, file)
		if err != nil {
			errs.Append(err)
			continue
		}
		files[stem] = src
	}
	static := project.DirFS(root, path.Join(dir, StaticDir))
	r, perrs := Parse(c, files, static, langs)
	errs = append(errs, perrs...)
	errs.Sort()
	return r, errs
}

// Parse decodes and checks the data files of commune c from their
// contents, keyed by name without ".yaml" (CouncilFile, SessionsFile…;
// an unknown name is ignored). The files of documents and minutes are
// looked up in static, the commune's static/ folder, which gives their
// size and format; a nil static skips that check. Positions name the
// files as communes/<slug>/data/<name>.yaml. Parse returns the records,
// decoded as far as possible, and every problem found, sorted. It only
// reads c, and is safe for concurrent use if static is.
func Parse(c *site.Commune, files map[string][]byte, static fs.FS, langs []string) (site.Records, diag.List) {
	dir := communeDir(c)
	k := &checker{
		c:         c,
		langs:     langs,
		pos:       map[string]yamldecode.Positions{},
		paths:     map[string]string{},
		static:    static,
		staticDir: path.Join(dir, StaticDir),
	}
	r := &k.r
	for _, name := range names() {
		src, ok := files[name]
		if !ok {
			continue
		}
		file := path.Join(dir, Dir, name+".yaml")
		k.paths[name] = file
		if r.Files == nil {
			r.Files = map[string]string{}
		}
		r.Files[name] = file
		opts := yamldecode.Options{File: file, FirstLine: 1, Langs: langs}
		var out any
		switch name {
		case CouncilFile:
			if empty(src, opts) {
				continue // comments only: no council yet
			}
			r.Council = &site.Council{}
			out = r.Council
		case SessionsFile:
			out = &sessionsFile{}
		case PetitionsFile:
			out = &petitionsFile{}
		case BudgetFile:
			out = &budgetFile{}
		case BodiesFile:
			out = &bodiesFile{}
		case CoCreationFile:
			out = &cocreationFile{}
		case DocumentsFile:
			out = &documentsFile{}
		}
		pos, errs := yamldecode.Decode(src, out, opts)
		k.pos[name] = pos
		k.errs = append(k.errs, errs...)
		switch f := out.(type) {
		case *sessionsFile:
			r.Sessions = f.Sessions
		case *petitionsFile:
			r.Petitions = f.Petitions
		case *budgetFile:
			r.Budgets = f.Cycles
		case *bodiesFile:
			r.Bodies = f.Bodies
		case *cocreationFile:
			r.CoCreations = f.Projects
		case *documentsFile:
			r.Documents = f.Documents
		}
	}
	k.check()
	k.errs.Sort()
	return k.r, k.errs
}

// empty reports whether src holds no YAML value (only comments or
// blanks, or an empty mapping).
func empty(src []byte, opts yamldecode.Options) bool {
	v, errs := yamldecode.Parse(src, opts)
	return len(errs) == 0 && v.Kind == "map" && len(v.Keys) == 0
}

// communeDir is the commune's folder relative to the project root.
func communeDir(c *site.Commune) string {
	if c.File != "" {
		return path.Dir(c.File)
	}
	return path.Join(project.CommunesDir, c.Slug)
}

// unwrapPath drops the absolute path an *fs.PathError carries, since
// messages name files relative to the project root.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
