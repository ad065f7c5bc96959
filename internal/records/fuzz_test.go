package records_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tadafor/tadafor/internal/records"
)

// FuzzLoad checks that no data file, however malformed, makes the loader
// panic, and that every problem names a data file of the commune. The
// input is a txtar archive of data files named as in communes/<slug>/data/.
func FuzzLoad(f *testing.F) {
	names := []string{records.CouncilFile, records.SessionsFile, records.PetitionsFile, records.BudgetFile, records.BodiesFile, records.CoCreationFile, records.DocumentsFile}
	for _, slug := range []string{"berkane", "settat"} {
		var a txtar.Archive
		for _, name := range names {
			src, err := os.ReadFile(filepath.Join("..", "..", "communes", slug, "data", name+".yaml"))
			if err != nil {
				f.Fatal(err)
			}
			a.Files = append(a.Files, txtar.File{Name: name, Data: src})
		}
		f.Add(txtar.Format(&a))
	}
	f.Add([]byte("-- council --\nmandate: x\n-- sessions --\n" + sessions + "-- petitions --\npetitions: [{history: [{status: answered}]}]\n" +
		"-- budget --\ncycles: [{phases: [{}]}]\n-- bodies --\nbodies: [{opinions: [{}]}]\n-- cocreation --\nprojects: {}\n" +
		"-- documents --\ndocuments: [{file: ../../etc/passwd}]\n"))
	f.Fuzz(func(t *testing.T, archive []byte) {
		files := map[string][]byte{}
		for _, file := range txtar.Parse(archive).Files {
			files[file.Name] = file.Data
		}
		_, errs := records.Parse(berkane(), files, static(), langs)
		for _, e := range errs {
			if !strings.HasPrefix(e.Pos.File, "communes/berkane/data/") {
				t.Errorf("error without the data file's position: %v", e)
			}
		}
	})
}
