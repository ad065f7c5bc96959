package e2e

// searchCommune is the example site the search is tried on: the largest.
const searchCommune = "berkane"

// searchTop is how high in the results the expected page must come.
const searchTop = 5

// searchCase is a query typed in a language's search box, the page it
// must find (its folder in the site) and what it tries.
type searchCase struct {
	lang, query, want, what string
}

// searchCases are queries as citizens type them, with the spellings a
// phone keyboard gives: the test requires each to find its page among the
// first results, and the search benchmark runs them on Pagefind too.
var searchCases = []searchCase{
	{"ar", "رخصه البناء", "ar/procedures/building-permit", "ه for ة"},
	{"ar", "رخص البناء", "ar/procedures/building-permit", "plural"},
	{"ar", "برخصة البناء", "ar/procedures/building-permit", "prefix ب"},
	{"ar", "الامضاء", "ar/procedures/signature-legalisation", "ا for إ"},
	{"ar", "المصادقه علي الامضاء", "ar/procedures/signature-legalisation", "ي for ى, ه for ة, no hamza"},
	{"ar", "نسخه موجزه من رسم الولاده", "ar/procedures/birth-certificate-extract", "ه for ة, a stop word"},
	{"ar", "التصريح بالولاده", "ar/procedures/birth-declaration", "prefix بال"},
	{"ar", "رسم الوفاه", "ar/procedures/death-certificate-extract", "ه for ة"},
	{"ar", "عريضه", "ar/participation/petitions", "ه for ة, no article"},
	{"ar", "الحصول علي المعلومات", "ar/participation/access-to-information", "ي for ى"},
	{"ar", "المعلومه", "ar/participation/access-to-information", "singular for plural"},
	{"ar", "مطابقه النسخ لاصولها", "ar/procedures/certified-copy", "prefix ل, suffix ها, no hamza"},
	{"ar", "الاداره", "ar/procedures", "no hamza, ه for ة"},
	{"ar", "للإدارة", "ar/procedures", "prefix لل"},
	{"ar", "بالادارات", "ar/procedures", "prefix بال, plural"},
	{"ar", "موسسه", "ar/participation/petitions", "و for ؤ"},
	{"ar", "المساواه وتكافؤ الفرص", "ar/participation/ieecag", "prefix و, ه for ة"},
	{"ar", "الميزانيه التشاركيه", "ar/participation/participatory-budgeting", "ه for ة"},
	{"ar", "المكتبه البلديه", "ar/participation/petitions-received/p-2026-011", "a petition received (records)"},
	{"ar", "٣١.١٣", "ar/participation/access-to-information", "Arabic-Indic digits"},
	{"ar", "الحالة المدنية عبر الانترنت", "ar/procedures/civil-status-online", "no hamza"},
	{"ar", "شهاده المطابقه", "ar/procedures/occupancy-permit", "ه for ة"},
	{"ar", "ولاده", "ar/procedures/birth-declaration", "a word whose و is its own, without the article"},
	{"ar", "وفاه", "ar/procedures/death-declaration", "a word whose و is its own, ه for ة"},
	{"ar", "بناء", "ar/procedures/building-permit", "a word whose ب is its own, without the article"},
	{"ar", "لجنه", "ar/council/composition", "a word whose ل is its own, ه for ة"},
	{"ar", "وكاله", "ar/participation/petitions-received/p-2026-007", "a word whose و is its own, in a petition received"},
	{"ar", "مسوول", "ar/legal-notice", "و for ؤ inside the word"},
	{"ar", "ولوج", "ar/accessibility", "a word whose و is its own, without the article"},
	{"ar", "والولاده", "ar/procedures/birth-declaration", "prefix وال on a word whose و is its own"},
	{"ar", "والمكتبه", "ar/participation/petitions-received/p-2026-011", "prefix وال, ه for ة"},
	{"ar", "فضاءات", "ar/participation/budget/2026-women-sports-space", "plural ات of a word seen in the singular"},
	{"ar", "watiqa", "ar/procedures/civil-status-online", "a Latin word in an Arabic page"},
	{"fr", "legalisation", "fr/procedures/signature-legalisation", "no accent"},
	{"fr", "LÉGALISATION SIGNATURES", "fr/procedures/signature-legalisation", "capitals, plural"},
	{"fr", "permis construire", "fr/procedures/building-permit", "without de"},
	{"fr", "etat civil en ligne", "fr/procedures/civil-status-online", "no accent"},
	{"fr", "l'acte de naissance en ligne", "fr/procedures/civil-status-online", "elision"},
	{"fr", "extraits d'acte de naissance", "fr/procedures/birth-certificate-extract", "plural, elision"},
	{"fr", "declarations de deces", "fr/procedures/death-declaration", "plural, no accent"},
	{"fr", "petitions", "fr/participation/petitions", "plural, no accent"},
	{"fr", "acces a l'information", "fr/participation/access-to-information", "no accent, elision"},
	{"fr", "copies certifiees conformes", "fr/procedures/certified-copy", "plurals, no accent"},
	{"fr", "bibliotheque", "fr/participation/petitions-received/p-2026-011", "a petition received (records)"},
	{"fr", "morcellement", "fr/procedures/land-division-permit", "a word of the text only"},
	{"fr", "watiqa", "fr/procedures/civil-status-online", "a Latin name"},
	{"fr", "تصحيح الامضاء", "fr/procedures/signature-legalisation", "Arabic words in a French page"},
}
