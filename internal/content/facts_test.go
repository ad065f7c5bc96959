package content_test

// The shipped pages against the legal facts they state: each test reads
// the real content/, the example communes' pages and profiles and the
// default theme's catalogs, and fails if a wrong statement comes back.

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/opendata"
	"github.com/tadafor/tadafor/internal/site"
)

const root = "../.."

var siteLangs = []string{"ar", "fr"}

// exampleCommunes are the folders under communes/ of the repository.
func exampleCommunes(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "communes"))
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "_") && !strings.HasPrefix(e.Name(), ".") {
			slugs = append(slugs, e.Name())
		}
	}
	if len(slugs) < 5 {
		t.Fatalf("found only %d example communes", len(slugs))
	}
	return slugs
}

var loadOnce sync.Once
var loaded struct {
	set   *content.Set
	pages []*site.Page
	err   error
}

// pages loads every shared page and every example commune's own pages,
// failing on any error of the loader (which checks the procedures'
// portals and sheets).
func pages(t *testing.T) []*site.Page {
	t.Helper()
	slugs := exampleCommunes(t)
	loadOnce.Do(func() {
		set, errs := content.Load(t.Context(), root, siteLangs, slugs)
		if errs.HasErrors() {
			loaded.err = errs
			return
		}
		loaded.set = set
		loaded.pages = append(loaded.pages, set.Shared...)
		for _, slug := range slugs {
			loaded.pages = append(loaded.pages, set.Local[slug]...)
		}
	})
	if loaded.err != nil {
		t.Fatalf("loading the pages:\n%v", loaded.err)
	}
	return loaded.pages
}

// line is one line of a source file shown to citizens.
type line struct {
	file string
	n    int
	lang string // "ar" or "fr" for a page, "" for a profile or record file
	text string // with ’ read as '
}

func (l line) String() string { return l.file + ":" + strconv.Itoa(l.n) + ": " + l.text }

// sourceLines returns every line of the pages (content/ and the example
// communes' content/), of the example communes' profiles and records, and
// of the default theme's catalogs.
func sourceLines(t *testing.T) []line {
	t.Helper()
	var files []string
	add := func(dir string, ok func(string) bool) {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && ok(p) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	md := func(p string) bool { return strings.HasSuffix(p, ".md") }
	yaml := func(p string) bool { return strings.HasSuffix(p, ".yaml") }
	add("content", md)
	add("communes", func(p string) bool { return md(p) || yaml(p) })
	add(filepath.Join("themes", "default", "i18n"), yaml)
	var out []line
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		rel = filepath.ToSlash(rel)
		lang := ""
		switch {
		case strings.HasSuffix(rel, ".ar.md"), strings.HasSuffix(rel, "i18n/ar.yaml"):
			lang = "ar"
		case strings.HasSuffix(rel, ".fr.md"), strings.HasSuffix(rel, "i18n/fr.yaml"):
			lang = "fr"
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			text := sc.Text()
			if strings.HasPrefix(strings.TrimSpace(text), "#") && !strings.HasSuffix(rel, ".md") {
				continue // a comment of a YAML file is not shown
			}
			out = append(out, line{rel, n, lang, strings.ReplaceAll(text, "’", "'")})
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 1000 {
		t.Fatalf("read only %d lines", len(out))
	}
	return out
}

// sentenceEnd splits a line into sentences: a full stop, semicolon or
// question mark followed by a space or the end (not the dot of "113.14").
var sentenceEnd = regexp.MustCompile(`[.;؛?!](\s|$)`)

func sentences(s string) []string { return sentenceEnd.Split(s, -1) }

// watiqa delivers only the birth extract and the full birth copy: no page
// offers it for any other procedure, the procedures index included.
func TestOnlinePortalsServeTheProceduresThatOfferThem(t *testing.T) {
	t.Parallel()
	watiqa, _ := law.ServiceAt("https://www.watiqa.ma")
	var procedures int
	for _, p := range pages(t) {
		pr := p.Meta.Procedure
		if pr == nil {
			continue
		}
		procedures++
		if pr.Online != nil {
			if s, ok := law.ServiceAt(pr.Online.URL); ok && !s.Serves(p.Key) {
				t.Errorf("%s offers %s, which does not serve %s", p.File, s.Name, p.Key)
			}
		}
		if watiqa.Serves(p.Key) {
			continue
		}
		fields := append(slices.Clone(pr.Steps), pr.Where)
		for _, d := range pr.Documents {
			fields = append(fields, d.Situation)
			fields = append(fields, d.Items...)
		}
		for _, f := range fields {
			if mentionsWatiqa(f) {
				t.Errorf("%s: %q sends citizens to watiqa, which does not serve %s", p.File, f, p.Key)
			}
		}
	}
	if procedures < 36 {
		t.Errorf("found only %d procedure pages", procedures)
	}
	link := regexp.MustCompile(`\]\(([a-z-]+)\.md\)`)
	for _, l := range sourceLines(t) {
		if !strings.HasPrefix(l.file, "content/procedures/index.") || !mentionsWatiqa(l.text) {
			continue
		}
		for _, m := range link.FindAllStringSubmatch(l.text, -1) {
			if !watiqa.Serves("procedures/" + m[1]) {
				t.Errorf("%v: offers watiqa for %s", l, m[1])
			}
		}
	}
}

func mentionsWatiqa(s string) bool {
	return strings.Contains(strings.ToLower(s), "watiqa") || strings.Contains(s, "«وثيقة»") || strings.Contains(s, "بوابة وثيقة")
}

// Art. 120 of law 113-14 creates the equality body and leaves its
// composition and working to the internal rules: no sentence that cites it
// attributes to it the body's opinions, its part in the action programme
// or its members proposed by the president.
func TestArticle120IsNotCitedForWhatItDoesNotSay(t *testing.T) {
	t.Parallel()
	cites := regexp.MustCompile(`(?i)(article|art\.) 120\b|المادة 120|للمادة 120`)
	claims := regexp.MustCompile(`(?i)\bavis\b|programme d'action|\bPAC\b|propos|آراء|رأي|برنامج عمل|يقترح|اقتراح`)
	for _, l := range sourceLines(t) {
		for _, s := range sentences(l.text) {
			if cites.MatchString(s) && claims.MatchString(s) {
				t.Errorf("%v\n\tattributes to art. 120 %q", l, claims.FindString(s))
			}
		}
	}
}

// The ban of law 55-19 on legalised signatures and certified copies
// covers files submitted to obtain an administrative decision (art. 7):
// every line that states it says so.
func TestLaw5519BanIsStatedWithItsScope(t *testing.T) {
	t.Parallel()
	law5519 := regexp.MustCompile(`55[-.]19`)
	ban := regexp.MustCompile(`(?i)légalis|certifiée? conforme|certification conforme|تصحيح الإمضاء|مصححة الإمضاء|مطابقة للأصل|المصادقة على المطابقة`)
	scope := regexp.MustCompile(`(?i)décision administrative|article 7|قرار إداري|المادة 7`)
	checked := 0
	for _, l := range sourceLines(t) {
		if !law5519.MatchString(l.text) || !ban.MatchString(l.text) {
			continue
		}
		checked++
		if !scope.MatchString(l.text) {
			t.Errorf("%v\n\tstates the ban of law 55-19 without its scope (art. 7: files submitted for an administrative decision)", l)
		}
	}
	if checked < 10 {
		t.Errorf("only %d lines state the ban; the test reads the wrong files", checked)
	}
}

// Art. 139 of the Constitution says councils shall set up participatory
// mechanisms: no page calls them optional.
func TestParticipatoryMechanismsAreNotCalledOptional(t *testing.T) {
	t.Parallel()
	optional := regexp.MustCompile(`(?i)facultati|optionnel|\boptional\b|اختياري`)
	for _, l := range sourceLines(t) {
		if optional.MatchString(l.text) {
			t.Errorf("%v\n\tcalls something optional: the participatory mechanisms are an obligation (Constitution, art. 139)", l)
		}
	}
}

// The council's sessions are public under law 113-14: the sessions guide
// says so, and no line makes attending depend on the internal rules alone.
func TestCouncilSessionsArePublic(t *testing.T) {
	t.Parallel()
	public := regexp.MustCompile(`(?i)publique|علني|مفتوحة للعموم`)
	rules := regexp.MustCompile(`conditions fixées par le règlement intérieur|fixe les conditions dans lesquelles le public|conditions d'accès du public|الشروط التي يحددها النظام الداخلي|شروط حضور العموم`)
	attend := regexp.MustCompile(`(?i)assist|حضور|احضروا|تحضر`)
	said := map[string]bool{}
	for _, l := range sourceLines(t) {
		if strings.HasPrefix(l.file, "content/council/sessions.") && strings.Contains(l.text, "113") && public.MatchString(l.text) {
			said[l.lang] = true
		}
		if rules.MatchString(l.text) && attend.MatchString(l.text) && !public.MatchString(l.text) {
			t.Errorf("%v\n\tmakes attending depend on the internal rules: sessions are public (law 113-14)", l)
		}
	}
	for _, lang := range siteLangs {
		if !said[lang] {
			t.Errorf("the %s sessions guide does not say that sessions are public under law 113-14", lang)
		}
	}
}

// Nothing shown to citizens asks them to check what the page says.
func TestNoHedgeIsShownToCitizens(t *testing.T) {
	t.Parallel()
	hedge := regexp.MustCompile(`(?i)à vérifier|a verifier|to be verified|to verify|à confirmer|يرجى التحقق|التحقق من هذا المرجع|التحقق من هذه`)
	for _, l := range sourceLines(t) {
		if hedge.MatchString(l.text) {
			t.Errorf("%v\n\thedges a fact: state it with its source, or do not state it", l)
		}
	}
}

// A figure still to verify in the law (the petition thresholds) is stated
// with its article: every section that uses one cites art. 123 or links
// the passage that does.
func TestFiguresToVerifyAreStatedWithTheirArticle(t *testing.T) {
	t.Parallel()
	names := []string{"petition.signatures"} // derived from the thresholds
	for _, f := range law.Figures() {
		if f.ToVerify {
			names = append(names, "law."+f.Name)
		}
	}
	uses := regexp.MustCompile(`\{\{\s*(` + strings.Join(quoteAll(names), "|") + `)\s*\}\}`)
	reference := regexp.MustCompile(`article 123|المادة 123|#combien-de-signatures|#كم-عدد-التوقيعات-المطلوبة`)
	type section struct {
		start line
		text  strings.Builder
	}
	var sec *section
	check := func() {
		if sec != nil && uses.MatchString(sec.text.String()) && !reference.MatchString(sec.text.String()) {
			t.Errorf("%v\n\tthis section states %s without art. 123 of law 113-14 or a link to the passage that cites it",
				sec.start, uses.FindString(sec.text.String()))
		}
	}
	used := 0
	for _, l := range sourceLines(t) {
		if !strings.HasSuffix(l.file, ".md") {
			continue
		}
		if sec == nil || sec.start.file != l.file || strings.HasPrefix(l.text, "#") {
			check()
			sec = &section{start: l}
		}
		if uses.MatchString(l.text) {
			used++
		}
		sec.text.WriteString(l.text + "\n")
	}
	check()
	if used < 10 {
		t.Errorf("only %d lines use a figure to verify; the test reads the wrong files", used)
	}
}

func quoteAll(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = regexp.QuoteMeta(n)
	}
	return q
}

// Each procedure's legal basis names its sector law: civil status law
// 36-21 and its decree, urban planning laws 12-90 and 25-90, and always
// law 55-19.
func TestProcedureLegalBasisNamesTheSectorLaw(t *testing.T) {
	t.Parallel()
	civil := map[string]string{"fr": "n° 36-21 relative à l'état civil, et son décret d'application de juin 2023", "ar": "رقم 36.21 المتعلق بالحالة المدنية، ومرسومه التطبيقي الصادر في يونيو 2023"}
	urbanism := map[string]string{"fr": "n° 12-90 relative à l'urbanisme", "ar": "رقم 12.90 المتعلق بالتعمير"}
	subdivisions := map[string]string{"fr": "n° 25-90 relative aux lotissements", "ar": "رقم 25.90 المتعلق بالتجزئات العقارية"}
	tests := map[string]map[string]string{
		"birth-certificate-extract":   civil,
		"birth-certificate-full-copy": civil,
		"death-certificate-extract":   civil,
		"birth-declaration":           civil,
		"death-declaration":           civil,
		"family-booklet":              civil,
		"civil-status-online":         civil,
		"building-permit":             urbanism,
		"occupancy-permit":            urbanism,
		"small-works-permit":          urbanism,
		"urban-planning-note":         urbanism,
		"subdivision-permit":          subdivisions,
		"land-division-permit":        subdivisions,
	}
	simplification := map[string]string{"fr": "n° 55-19 relative à la simplification", "ar": "رقم 55.19 المتعلق بتبسيط المساطر"}
	seen := map[string]int{}
	for _, p := range pages(t) {
		name, ok := strings.CutPrefix(p.Key, "procedures/")
		if !ok || p.Meta.Procedure == nil || p.Commune != "" {
			continue
		}
		legal := strings.ReplaceAll(strings.Join(p.Meta.Procedure.Legal, "\n"), "’", "'")
		if want := simplification[p.Lang]; !strings.Contains(legal, want) {
			t.Errorf("%s: the legal basis does not name law 55-19 (%q)", p.File, want)
		}
		if sector, ok := tests[name]; ok {
			seen[name]++
			if !strings.Contains(legal, sector[p.Lang]) {
				t.Errorf("%s: the legal basis does not name its sector law %q:\n%s", p.File, sector[p.Lang], legal)
			}
		}
	}
	for name := range tests {
		if seen[name] != len(siteLangs) {
			t.Errorf("procedures/%s: found in %d languages", name, seen[name])
		}
	}
}

// The access-to-information guide says the request is free and gives the
// complaint path with its deadlines, from internal/law.
func TestAccessToInformationGuide(t *testing.T) {
	t.Parallel()
	want := map[string][]string{
		"fr": {"gratuite", "{{ access_info.complaint_days }}", "{{ access_info.cdai_days }}", "CDAI", "{{ law.access_info.urgent_extension_days }}", "{{ access_info.extension_days }}"},
		"ar": {"مجاني", "{{ access_info.complaint_days }}", "{{ access_info.cdai_days }}", "لجنة الحق في الحصول على المعلومات", "{{ law.access_info.urgent_extension_days }}", "{{ access_info.extension_days }}"},
	}
	requirePage(t, "participation/access-to-information", want)
}

// The petitions guide names the association's legal representative beside
// the agent where the law does, and the decree that fixes the documents.
func TestPetitionsGuide(t *testing.T) {
	t.Parallel()
	want := map[string][]string{
		"fr": {"le mandataire, ou le représentant légal de l'association, reçoit une décision motivée", "décret n° 2-16-403 du 6 octobre 2016", "session ordinaire suivante", "eparticipation.ma"},
		"ar": {"يتوصل الوكيل، أو الممثل القانوني للجمعية، بقرار معلل", "المرسوم رقم [2.16.403]{dir=ltr} الصادر في 6 أكتوبر 2016", "الدورة العادية الموالية", "eparticipation.ma"},
	}
	requirePage(t, "participation/petitions", want)
}

// requirePage checks that the shared page key holds every text of want in
// each language.
func requirePage(t *testing.T, key string, want map[string][]string) {
	t.Helper()
	found := 0
	for _, p := range pages(t) {
		if p.Key != key || p.Commune != "" {
			continue
		}
		found++
		body := strings.ReplaceAll(string(p.Body), "’", "'")
		for _, w := range want[p.Lang] {
			if !strings.Contains(body, w) {
				t.Errorf("%s does not say %q", p.File, w)
			}
		}
	}
	if found != len(siteLangs) {
		t.Errorf("%s: found %d languages", key, found)
	}
}

// One term per concept across guides, interface strings and records, one
// form of address (the plural) and no calque.
func TestOneTermPerConcept(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wrong *regexp.Regexp
		use   string
	}{
		{regexp.MustCompile(`تجريبي\b|تجريبية`), "للعرض التوضيحي (تجريبي reads as beta)"},
		{regexp.MustCompile(`الإنتاج المشترك`), "المشاريع المشتركة"},
		{regexp.MustCompile(`(?i)co-construction`), "co-création"},
		{regexp.MustCompile(`المجلس المواطن\b|مجلس مواطن\b|المجالس المواطنة|مجالس مواطنة|مجلس المواطنات والمواطنين`), "مجلس المواطنين"},
		{regexp.MustCompile(`هيئة الأحياء`), "هيئة الحي"},
		{regexp.MustCompile(`اتصل بنا`), "الاتصال بنا"},
		{regexp.MustCompile(`الإثنين`), "الاثنين"},
		{regexp.MustCompile(`تنير|ينير|لينير`), "a verb that is not a calque of éclairer (تبدي، تساعد…)"},
		{regexp.MustCompile(`بشيء ما`), "what is contributed, said plainly"},
		{regexp.MustCompile(`الأدوات الحرة`), "البرمجيات الحرة"},
		{regexp.MustCompile(`(^|[\s"«(])(اختر|اقرأ|انتقل|أضف|تصفح|اتصل|انظر|اطلع|ابحث|احضر|راسل|اطلب|تأكد)[\s:،.]`), "the plural address (اختاروا، اقرؤوا…)"},
		{regexp.MustCompile(`(?i)conseil de dialogue civil|instance du dialogue civil|conseils de dialogue civil`), "conseil du dialogue civil"},
		{regexp.MustCompile(`(?i)fiche officielle`), "a label that says what the link is"},
	}
	for _, l := range sourceLines(t) {
		for _, tt := range tests {
			if tt.wrong.MatchString(l.text) && !strings.Contains(l.text, "تجريبيا") {
				t.Errorf("%v\n\twrites %q: use %s", l, tt.wrong.FindString(l.text), tt.use)
			}
		}
	}
}

// French texts use the typographic apostrophe, front matter, profiles,
// records and interface strings included.
func TestFrenchApostrophesAreCurly(t *testing.T) {
	t.Parallel()
	straight := regexp.MustCompile(`\p{L}'(\p{L}|\[|\{)`)
	for _, l := range sourceLines(t) {
		if l.lang == "ar" {
			continue
		}
		// sourceLines reads ’ as ': look at the raw line again.
		if raw := rawLine(t, l); straight.MatchString(raw) {
			t.Errorf("%v\n\twrites a straight apostrophe: %q", l, straight.FindString(raw))
		}
	}
}

var rawFiles sync.Map // file → []string

func rawLine(t *testing.T, l line) string {
	t.Helper()
	v, ok := rawFiles.Load(l.file)
	if !ok {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(l.file)))
		if err != nil {
			t.Fatal(err)
		}
		v, _ = rawFiles.LoadOrStore(l.file, strings.Split(string(b), "\n"))
	}
	return v.([]string)[l.n-1]
}

// The open-data page names every file the sites publish and every column
// of each, in both languages.
func TestOpenDataPageDescribesEveryFile(t *testing.T) {
	t.Parallel()
	want := []string{"`commune.json`", "`open_data_licence`"}
	for _, tb := range opendata.Tables(nil, siteLangs) {
		want = append(want, "`"+tb.Name+".csv`")
		for _, col := range tb.Head {
			want = append(want, "`"+col+"`")
		}
	}
	requirePage(t, "documents/open-data", map[string][]string{"fr": want, "ar": want})
}

// The Arabic pages write chikaya's answer deadline in words, since
// "2 أشهر" is not Arabic: every line that states the deadline to
// acknowledge a complaint also states the answer's, in the words that
// match internal/law.
func TestArabicComplaintDeadlineMatchesTheLaw(t *testing.T) {
	t.Parallel()
	words := map[int]string{1: "أجل شهر", 2: "أجل شهرين", 3: "أجل ثلاثة أشهر"}
	want, ok := words[law.ComplaintAnswerMonths]
	if !ok {
		t.Fatalf("write %d months in Arabic words here and in the pages", law.ComplaintAnswerMonths)
	}
	stated := 0
	for _, l := range sourceLines(t) {
		if l.lang != "ar" || !strings.Contains(l.text, "law.complaint.ack_days") {
			continue
		}
		stated++
		if !strings.Contains(l.text, want) {
			t.Errorf("%v\n\tdoes not say %q, the answer deadline of internal/law", l, want)
		}
	}
	if stated < 3 {
		t.Errorf("only %d Arabic lines state chikaya's deadlines", stated)
	}
}
