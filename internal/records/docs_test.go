package records_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tadafor/tadafor/internal/records"
)

// The examples of docs/records.md, read together as one commune's data
// files, load without any error or warning.
func TestDocsExamples(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../docs/records.md")
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]string{
		"mandate": records.CouncilFile, "sessions": records.SessionsFile, "petitions": records.PetitionsFile,
		"cycles": records.BudgetFile, "bodies": records.BodiesFile, "projects": records.CoCreationFile,
		"documents": records.DocumentsFile,
	}
	files := map[string][]byte{}
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(src), -1) {
		block := m[1]
		key, _, _ := strings.Cut(block, ":")
		name, ok := byKey[key]
		if !ok {
			continue // an example of a value, not of a file
		}
		if _, dup := files[name]; dup {
			t.Errorf("two examples of %s.yaml", name)
		}
		files[name] = []byte(block)
	}
	if len(files) != len(byKey) {
		t.Fatalf("found examples of %d files, want %d", len(files), len(byKey))
	}
	static := fstest.MapFS{
		"docs/budget-2026.pdf": {Data: []byte("%PDF-1.4")},
		"docs/pv-2026-02.pdf":  {Data: []byte("%PDF-1.4")},
	}
	if _, errs := records.Parse(berkane(), files, static, langs); len(errs) > 0 {
		t.Errorf("docs/records.md:\n%v", errs)
	}
}
