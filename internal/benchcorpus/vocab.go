package benchcorpus

// vocab is the phrase bank of one language: real words of administrative
// text that sentences, headings, lists and tables are drawn from. The
// text is made to weigh and parse like a real page; it states no legal
// fact beyond the references the project's own pages make (organic law
// 113.14, laws 31.13 and 55.19, decree 2.16.403, the national portals).
type vocab struct {
	// A sentence is opener + " " + core + " " + tail + stop.
	openers, cores, tails []string
	// extras are whole sentences, most with a placeholder or a span.
	extras []string
	// and is prefixed to the opener of a sentence that continues a
	// paragraph ("و" in Arabic); "" when the language has no such habit.
	and  string
	stop string
	// h2 and h3 are heading texts, all distinct (their ids too); brief is
	// the first heading of every page.
	h2, h3 []string
	brief  string
	// items are bullet list entries; steps numbered list entries.
	items, steps []string
	itemEnd      string // ends every list item but the last
	// seeAlso introduces a link: seeAlso[0] + "[title](dest)" + seeAlso[1].
	seeAlso [2]string
	// table is a GFM table: its header and the columns' values.
	tableHead                  [3]string
	services, offices, channel []string
	// news and event texts of the communes' own pages.
	newsTitles []string
	newsLead   string
	eventPlace string
	// demo marks every page as generated.
	demo string
	// proc holds the structured fields of procedure pages.
	proc procText
}

// procText is the front matter of a procedure page in one language;
// purpose is a format with the procedure's title.
type procText struct {
	purpose, cost, delay, where, onlineLabel, complaint string
	who, legal                                          []string
	situations                                          [2]string
	items                                               [2][]string
}

// sections are the shared sections of a corpus, in the order they are
// created; the first ones are used when the corpus is small.
var sections = []sectionDef{
	{
		key: "procedures", kind: "procedure",
		title: tr("الخدمات الإدارية", "Démarches administratives"),
		leaves: []leafDef{
			{"residence-certificate", tr("شهادة السكنى", "Certificat de résidence")},
			{"building-permit", tr("رخصة البناء", "Permis de construire")},
			{"signature-legalisation", tr("تصحيح الإمضاء", "Légalisation de signature")},
			{"certified-copy", tr("مطابقة النسخ لأصولها", "Copie conforme à l'original")},
			{"water-connection", tr("رخصة الربط بشبكة الماء", "Autorisation de raccordement au réseau d'eau")},
			{"public-domain", tr("رخصة احتلال الملك العمومي", "Autorisation d'occupation du domaine public")},
			{"occupancy-permit", tr("رخصة السكن", "Permis d'habiter")},
			{"administrative-certificate", tr("شهادة إدارية", "Attestation administrative")},
			{"birth-declaration", tr("التصريح بالولادة", "Déclaration de naissance")},
			{"death-declaration", tr("التصريح بالوفاة", "Déclaration de décès")},
			{"shop-opening", tr("رخصة فتح محل تجاري", "Autorisation d'ouverture d'un commerce")},
			{"repair-permit", tr("رخصة الإصلاح", "Autorisation de réfection")},
		},
	},
	{
		key: "participation", kind: "guide",
		title: tr("المشاركة المواطنة", "Participation citoyenne"),
		leaves: []leafDef{
			{"petitions", tr("تقديم عريضة إلى المجلس", "Déposer une pétition au conseil")},
			{"equality-body", tr("هيئة المساواة وتكافؤ الفرص ومقاربة النوع", "Instance de l'équité, de l'égalité des chances et de l'approche genre")},
			{"participatory-budget", tr("الميزانية التشاركية", "Le budget participatif")},
			{"youth-council", tr("مجلس الشباب", "Le conseil des jeunes")},
			{"neighbourhood-bodies", tr("هيئات الأحياء", "Les instances de quartier")},
			{"access-to-information", tr("الحق في الحصول على المعلومات", "Le droit d'accès à l'information")},
			{"consultative-opinions", tr("الآراء الاستشارية", "Les avis consultatifs")},
			{"co-creation", tr("مشاريع الإنتاج المشترك", "Les projets de co-construction")},
			{"partner-associations", tr("الجمعيات الشريكة", "Les associations partenaires")},
			{"public-consultations", tr("التشاور العمومي", "Les consultations publiques")},
		},
	},
	{
		key: "council", kind: "page",
		title: tr("المجلس الجماعي", "Le conseil communal"),
		leaves: []leafDef{
			{"composition", tr("تأليف المجلس", "Composition du conseil")},
			{"bureau", tr("مكتب المجلس", "Le bureau du conseil")},
			{"committees", tr("اللجان الدائمة للمجلس", "Les commissions permanentes")},
			{"sessions", tr("دورات المجلس", "Les sessions du conseil")},
			{"decisions", tr("مقررات المجلس", "Les délibérations du conseil")},
			{"minutes", tr("محاضر الجلسات", "Les procès-verbaux des séances")},
			{"internal-rules", tr("النظام الداخلي للمجلس", "Le règlement intérieur du conseil")},
			{"action-programme", tr("برنامج عمل الجماعة", "Le programme d'action de la commune")},
			{"budget", tr("ميزانية الجماعة", "Le budget de la commune")},
			{"annual-reports", tr("التقارير السنوية", "Les rapports annuels")},
		},
	},
	{
		key: "services", kind: "guide",
		title: tr("المرافق والخدمات الجماعية", "Équipements et services communaux"),
		leaves: []leafDef{
			{"waste-collection", tr("النظافة وجمع النفايات", "Propreté et collecte des déchets")},
			{"street-lighting", tr("الإنارة العمومية", "L'éclairage public")},
			{"markets", tr("الأسواق الجماعية", "Les marchés communaux")},
			{"sports", tr("المرافق الرياضية", "Les équipements sportifs")},
			{"library", tr("الخزانة الجماعية", "La bibliothèque communale")},
			{"school-transport", tr("النقل المدرسي", "Le transport scolaire")},
			{"cemeteries", tr("المقابر", "Les cimetières")},
			{"green-spaces", tr("المساحات الخضراء", "Les espaces verts")},
			{"hygiene", tr("مكتب حفظ الصحة", "Le bureau d'hygiène")},
			{"roads", tr("الطرق والمسالك", "La voirie et les pistes")},
		},
	},
	{
		key: "territory", kind: "page",
		title: tr("الجماعة ومجالها", "La commune et son territoire"),
		leaves: []leafDef{
			{"presentation", tr("نبذة عن الجماعة", "Présentation de la commune")},
			{"geography", tr("الموقع الجغرافي", "La situation géographique")},
			{"population", tr("السكان", "La population")},
			{"economy", tr("الأنشطة الاقتصادية", "Les activités économiques")},
			{"heritage", tr("التراث الثقافي", "Le patrimoine culturel")},
			{"equipment", tr("التجهيزات الأساسية", "Les équipements de base")},
			{"partners", tr("شركاء الجماعة", "Les partenaires de la commune")},
			{"projects", tr("المشاريع الكبرى", "Les grands projets")},
			{"agriculture", tr("الفلاحة", "L'agriculture")},
			{"tourism", tr("السياحة", "Le tourisme")},
		},
	},
}

// Titles of the pages that are not in a section.
var (
	homeTitle = tr("مرحبا بكم", "Bienvenue")
	newsTitle = tr("الأخبار", "Actualités")
)

// tr is a text in Arabic and French.
func tr(ar, fr string) map[string]string { return map[string]string{"ar": ar, "fr": fr} }

// vocabs are the phrase banks by language.
var vocabs = map[string]*vocab{
	"ar": {
		openers: []string{
			"تعمل جماعة {{ commune.name }}",
			"يحرص المجلس الجماعي",
			"تسهر المصالح الجماعية",
			"يعمل مكتب الضبط",
			"تحرص الإدارة الجماعية",
			"تعمل مصلحة الحالة المدنية",
			"يحرص الشباك الوحيد للتعمير",
			"تسهر اللجنة الدائمة المختصة",
			"يعمل رئيس المجلس",
			"تحرص المصلحة التقنية",
			"يسهر مكتب المجلس",
			"تعمل مصلحة الشؤون الاقتصادية",
		},
		cores: []string{
			"على تبسيط المساطر الإدارية",
			"على استقبال المرتفقين في أحسن الظروف",
			"على نشر المعلومات المتعلقة بالخدمات",
			"على تحسين جودة الخدمات المقدمة",
			"على دراسة الطلبات داخل الآجال المعلنة",
			"على توجيه المواطنات والمواطنين نحو المصلحة المختصة",
			"على تسليم وصل عن كل طلب مودع",
			"على إشراك الجمعيات المحلية في إعداد البرامج",
			"على تتبع تنفيذ المشاريع المبرمجة",
			"على تحيين المعطيات المنشورة في هذا الموقع",
			"على صيانة المرافق العمومية",
			"على تنظيم لقاءات تواصلية مع الساكنة",
			"على الحفاظ على نظافة الأحياء والفضاءات العمومية",
			"على تيسير ولوج الأشخاص في وضعية إعاقة إلى المرافق",
		},
		tails: []string{
			"لفائدة ساكنة الجماعة",
			"في إطار احترام مبادئ الحكامة الجيدة",
			"بتنسيق مع المصالح اللاممركزة للدولة",
			"طبقا للنصوص التشريعية والتنظيمية الجاري بها العمل",
			"خلال أوقات العمل المعلن عنها",
			"وفق برنامج عمل الجماعة",
			"بما يضمن الشفافية وتكافؤ الفرص",
			"على مستوى عمالة أو إقليم {{ commune.province }}",
			"بشراكة مع فعاليات المجتمع المدني",
			"في مختلف أحياء الجماعة ودواويرها",
			"مع مراعاة حاجيات النساء والشباب",
			"داخل تراب جهة {{ commune.region }}",
		},
		extras: []string{
			"ويبلغ عدد سكان الجماعة {{ commune.population }} نسمة حسب إحصاء سنة {{ commune.census_year }}.",
			"ويشترط في عريضة المواطنين الموجهة إلى المجلس أن تحمل {{ petition.signatures }} توقيع على الأقل.",
			"وللاستفسار، يمكن مراسلة الجماعة عبر البريد الإلكتروني {{ contact.email }}.",
			"ويمكن الاتصال بالجماعة هاتفيا على الرقم {{ contact.phone }}.",
			"ويتلقى {{ information_officer.name }} طلبات الحصول على المعلومات خلال أوقات العمل.",
			"وتجدون البطاقة الوطنية لكل مسطرة على بوابة [www.idarati.ma]{dir=ltr}.",
			"ويمكن طلب عدد من وثائق الحالة المدنية عبر بوابة [www.watiqa.ma]{dir=ltr} دون التنقل إلى مقر الجماعة.",
			"ويخول القانون رقم [31.13]{dir=ltr} المواطنات والمواطنين حق طلب المعلومات التي تتوفر عليها الجماعة.",
			"ولا يجوز، طبقا للقانون رقم [55.19]{dir=ltr}، المطالبة بوثائق غير مدرجة في البطاقة الوطنية للمسطرة.",
			"وينظم القانون التنظيمي رقم [113.14]{dir=ltr} المتعلق بالجماعات اختصاصات المجلس وطرق تسييره.",
			"ويسمى مكتب الضبط بالفرنسية [Bureau d'ordre]{lang=fr}.",
			"ويحدد المرسوم رقم [2.16.403]{dir=ltr} نموذج العريضة والوثائق المثبتة التي ترفق بها.",
			"وتستقبل الجماعة المرتفقين بمقرها الكائن بالعنوان التالي: {{ contact.address }}.",
			"وأوقات العمل بالجماعة هي: {{ contact.hours }}.",
			"وتعد جماعة {{ commune.name }} {{ commune.type }} تابعة لعمالة أو إقليم {{ commune.province }}.",
			"ويجيب الشخص المكلف عن طلبات المعلومات داخل أجل {{ access_info.answer_days }} يوما.",
		},
		and:  "و",
		stop: ".",
		h2: []string{
			"الخدمات المقدمة", "الوثائق المطلوبة", "مكان إيداع الطلب", "أوقات الاستقبال",
			"مراحل معالجة الطلب", "آجال الجواب", "طرق التظلم", "الخدمات الإلكترونية",
			"دور المجلس الجماعي", "اختصاصات الجماعة", "سبل المشاركة", "هيئات التشاور",
			"الميزانية التشاركية", "برنامج العمل", "النشر الاستباقي للمعلومات", "طلب المعلومات",
			"الشكايات والملاحظات", "تبسيط المساطر", "استقبال المرتفقين", "الأشخاص في وضعية إعاقة",
			"التواصل مع الجماعة", "الوثائق المنشورة", "الدورات العادية", "اللجان الدائمة",
			"المقررات", "المشاريع المبرمجة", "الشراكة والتعاون", "التنمية المحلية",
			"البيئة والنظافة", "الإنارة", "الطرق", "المرافق الرياضية والثقافية",
			"الأسواق", "الرخص الاقتصادية", "التعمير والبناء", "النقل المدرسي",
			"الماء والتطهير", "الصحة والوقاية", "الأسئلة المتكررة", "للمزيد من المعلومات",
		},
		h3: []string{
			"بالنسبة للأفراد", "بالنسبة للجمعيات", "بالنسبة للمقاولات", "الطلب الورقي",
			"الطلب عبر الإنترنت", "الحالات الخاصة", "الحالات المستعجلة", "التكلفة",
			"الأجل", "الوثائق الإضافية", "تتبع الملف", "التسليم",
			"في حالة الرفض", "في حالة القبول", "الاستشارة القبلية", "التنسيق مع الإدارات الأخرى",
			"المعطيات المتوفرة", "الإحصائيات", "المستجدات", "التوصيات",
			"ملاحظات عامة", "مثال عملي", "نصائح عملية", "جهات الاتصال",
		},
		brief: "باختصار",
		items: []string{
			"**من يقدم الطلب:** الشخص المعني أو من ينوب عنه",
			"**مكان الإيداع:** مقر جماعة {{ commune.name }}",
			"**أوقات العمل:** {{ contact.hours }}",
			"**الهاتف:** {{ contact.phone }}",
			"**البريد الإلكتروني:** {{ contact.email }}",
			"**عدد التوقيعات المطلوب:** {{ petition.signatures }} توقيع على الأقل",
			"الاطلاع على البطاقة الوطنية على بوابة [idarati.ma]{dir=ltr} قبل التنقل",
			"الاحتفاظ بوصل الإيداع إلى حين تسلم الوثيقة",
			"تقديم الطلب عبر الإنترنت متى توفرت الخدمة الإلكترونية",
			"الإدلاء بالوثائق المطلوبة في نسخة واحدة",
			"التوجه إلى المصلحة المختصة خلال أوقات العمل",
			"طلب المساعدة من موظفي الاستقبال عند الحاجة",
			"تتبع مآل الطلب عبر الهاتف أو البريد الإلكتروني",
			"تقديم شكاية عبر بوابة [chikaya.ma]{dir=ltr} عند الاقتضاء",
		},
		steps: []string{
			"الاطلاع على البطاقة الوطنية للمسطرة",
			"تحضير الوثائق المطلوبة",
			"إيداع الطلب لدى المصلحة المختصة",
			"تسلم وصل الإيداع",
			"دراسة الطلب من طرف المصلحة",
			"إخبار صاحب الطلب بالقرار",
			"تسلم الوثيقة أو الرخصة",
			"تقديم تظلم عند الاقتضاء",
		},
		itemEnd:   "؛",
		seeAlso:   [2]string{"انظروا أيضا ", "."},
		tableHead: [3]string{"الخدمة", "المصلحة المختصة", "طريقة الطلب"},
		services: []string{
			"شهادة السكنى", "تصحيح الإمضاء", "مطابقة النسخ لأصولها", "رخصة البناء",
			"رخصة السكن", "نسخة موجزة من رسم الولادة", "رخصة فتح محل تجاري", "شهادة إدارية",
		},
		offices: []string{
			"مكتب تصحيح الإمضاءات", "مصلحة الحالة المدنية", "الشباك الوحيد للتعمير",
			"مصلحة الشؤون الاقتصادية", "مكتب الضبط", "المصلحة التقنية",
		},
		channel: []string{
			"بمقر الجماعة", "عبر الإنترنت", "بمقر الجماعة أو عبر الإنترنت", "لدى الملحقة الإدارية",
		},
		newsTitles: []string{
			"انعقاد الدورة العادية للمجلس", "إطلاق خدمة إلكترونية جديدة", "لقاء تواصلي مع الجمعيات",
			"حملة نظافة بالأحياء", "تحيين لائحة الوثائق المطلوبة", "افتتاح فضاء جديد لاستقبال المرتفقين",
		},
		newsLead:   "**خبر تجريبي.** يبين هذا النص كيف يعرض الخبر على الموقع، ولا يتعلق بأي واقعة حقيقية.",
		eventPlace: "قاعة الاجتماعات بمقر الجماعة",
		demo:       "نص تجريبي مولد لقياس أداء المولد، لا يتضمن معلومات حقيقية.",
		proc: procText{
			purpose:     "الحصول على %s لدى المصلحة المختصة بالجماعة.",
			who:         []string{"الشخص المعني بالطلب.", "باقي الأشخاص الذين يحق لهم الطلب: انظروا البطاقة الوطنية على بوابة إدارتي."},
			situations:  [2]string{"الطلب لدى المصلحة المختصة", "الطلب عبر الإنترنت"},
			items:       [2][]string{{"الوثائق المبينة في البطاقة الوطنية على بوابة إدارتي، دون غيرها.", "مراجع الملف إن وجدت، لتسهيل البحث."}, {"المعلومات التي تطلبها الاستمارة الإلكترونية."}},
			cost:        "انظروا البطاقة الوطنية على بوابة إدارتي.",
			delay:       "انظروا البطاقة الوطنية على بوابة إدارتي.",
			where:       "المصلحة المختصة بمقر الجماعة، خلال أوقات العمل، أو عبر الإنترنت.",
			onlineLabel: "البطاقة الوطنية على بوابة إدارتي",
			legal:       []string{"القانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية.", "النصوص الخاصة بهذه المسطرة: انظروا البطاقة الوطنية على بوابة إدارتي."},
			complaint:   "في حالة صعوبة، قدموا شكاية عبر البوابة الوطنية للشكايات chikaya.ma.",
		},
	},
	"fr": {
		openers: []string{
			"La commune de {{ commune.name }} veille à",
			"Le conseil communal s'attache à",
			"Les services communaux veillent à",
			"Le bureau d'ordre s'attache à",
			"L'administration communale veille à",
			"Le service de l'état civil veille à",
			"Le guichet unique de l'urbanisme s'attache à",
			"La commission permanente compétente veille à",
			"Le président du conseil s'attache à",
			"Le service technique veille à",
			"Le bureau du conseil s'attache à",
			"Le service des affaires économiques veille à",
		},
		cores: []string{
			"simplifier les démarches administratives",
			"accueillir les usagers dans de bonnes conditions",
			"publier les informations utiles sur les services",
			"améliorer la qualité des services rendus",
			"examiner les demandes dans les délais annoncés",
			"orienter les citoyennes et les citoyens vers le service compétent",
			"remettre un récépissé pour chaque demande déposée",
			"associer les associations locales à la préparation des programmes",
			"suivre l'avancement des projets programmés",
			"tenir à jour les informations publiées sur ce site",
			"entretenir les équipements publics",
			"organiser des rencontres d'information avec les habitants",
			"préserver la propreté des quartiers et des espaces publics",
			"faciliter l'accès des personnes en situation de handicap aux équipements",
		},
		tails: []string{
			"au bénéfice de la population de la commune",
			"dans le respect des principes de bonne gouvernance",
			"en lien avec les services déconcentrés de l'État",
			"conformément aux textes législatifs et réglementaires en vigueur",
			"pendant les heures d'ouverture annoncées",
			"dans le cadre du programme d'action de la commune",
			"dans un souci de transparence et d'égalité des chances",
			"à l'échelle de la préfecture ou province de {{ commune.province }}",
			"en partenariat avec la société civile",
			"dans tous les quartiers et douars de la commune",
			"en tenant compte des besoins des femmes et des jeunes",
			"en concertation avec les acteurs de la région {{ commune.region }}",
		},
		extras: []string{
			"La commune compte {{ commune.population }} habitants selon le recensement de {{ commune.census_year }}.",
			"Une pétition de citoyens adressée au conseil doit réunir au moins {{ petition.signatures }} signatures.",
			"Pour toute question, écrivez à la commune à l'adresse {{ contact.email }}.",
			"Vous pouvez aussi joindre la commune par téléphone au {{ contact.phone }}.",
			"Les demandes d'accès à l'information sont reçues par {{ information_officer.name }} aux heures d'ouverture.",
			"La fiche nationale de chaque démarche se trouve sur le portail [www.idarati.ma](https://www.idarati.ma).",
			"Plusieurs documents d'état civil se demandent en ligne sur <https://www.watiqa.ma>, sans se déplacer.",
			"La loi n° 31-13 donne aux citoyennes et aux citoyens le droit de demander les informations détenues par la commune.",
			"Selon la loi n° 55-19, aucune pièce absente de la fiche nationale de la démarche ne peut être exigée.",
			"La loi organique n° 113-14 relative aux communes fixe les attributions du conseil et son fonctionnement.",
			"Le bureau d'ordre se dit en arabe [مكتب الضبط]{lang=ar}.",
			"Le décret n° 2.16.403 fixe le modèle de la pétition et les pièces justificatives qui l'accompagnent.",
			"La commune reçoit le public à son siège : {{ contact.address }}.",
			"Les horaires d'ouverture de la commune sont : {{ contact.hours }}.",
			"{{ commune.name }} est une {{ commune.type }} de la préfecture ou province de {{ commune.province }}.",
			"La personne chargée de l'accès à l'information répond dans un délai de {{ access_info.answer_days }} jours.",
		},
		stop: ".",
		h2: []string{
			"Les services proposés", "Les pièces à fournir", "Où déposer la demande", "Les horaires d'accueil",
			"Les étapes du traitement", "Les délais de réponse", "Les recours", "Les services en ligne",
			"Le rôle du conseil communal", "Les compétences de la commune", "Comment participer", "Les instances consultatives",
			"Le budget participatif", "Le programme d'action", "La publication proactive", "Demander une information",
			"Réclamations et observations", "La simplification des démarches", "L'accueil des usagers", "Les personnes en situation de handicap",
			"Contacter la commune", "Les documents publiés", "Les sessions ordinaires", "Les commissions permanentes",
			"Les délibérations", "Les projets programmés", "Partenariat et coopération", "Le développement local",
			"Environnement et propreté", "L'éclairage", "La voirie", "Équipements sportifs et culturels",
			"Les marchés", "Les autorisations économiques", "Urbanisme et construction", "Le transport des élèves",
			"Eau et assainissement", "Santé et prévention", "Questions fréquentes", "Pour en savoir plus",
		},
		h3: []string{
			"Pour les particuliers", "Pour les associations", "Pour les entreprises", "Demande sur papier",
			"Demande en ligne", "Cas particuliers", "Cas urgents", "Le coût",
			"Le délai", "Pièces complémentaires", "Suivre son dossier", "La remise du document",
			"En cas de refus", "En cas d'acceptation", "Se renseigner avant", "Coordination avec les autres administrations",
			"Les données disponibles", "Les statistiques", "Les nouveautés", "Les recommandations",
			"Remarques générales", "Un exemple", "Conseils pratiques", "Les contacts",
		},
		brief: "En bref",
		items: []string{
			"**Qui dépose la demande :** la personne concernée ou son représentant",
			"**Où la déposer :** au siège de la commune de {{ commune.name }}",
			"**Horaires :** {{ contact.hours }}",
			"**Téléphone :** {{ contact.phone }}",
			"**Courriel :** {{ contact.email }}",
			"**Signatures nécessaires :** au moins {{ petition.signatures }}",
			"consulter la fiche nationale sur idarati.ma avant de se déplacer",
			"garder le récépissé de dépôt jusqu'à la remise du document",
			"déposer la demande en ligne lorsque le service existe",
			"fournir les pièces demandées en un seul exemplaire",
			"se rendre au service compétent aux heures d'ouverture",
			"demander l'aide du personnel d'accueil au besoin",
			"suivre la demande par téléphone ou par courriel",
			"déposer une réclamation sur chikaya.ma si nécessaire",
		},
		steps: []string{
			"Consulter la fiche nationale de la démarche",
			"Préparer les pièces demandées",
			"Déposer la demande au service compétent",
			"Recevoir le récépissé de dépôt",
			"Examen de la demande par le service",
			"Information du demandeur sur la décision",
			"Retrait du document ou de l'autorisation",
			"Recours, le cas échéant",
		},
		itemEnd:   " ;",
		seeAlso:   [2]string{"Voir aussi ", "."},
		tableHead: [3]string{"Service", "Service compétent", "Comment demander"},
		services: []string{
			"Certificat de résidence", "Légalisation de signature", "Copie conforme", "Permis de construire",
			"Permis d'habiter", "Extrait d'acte de naissance", "Ouverture d'un commerce", "Attestation administrative",
		},
		offices: []string{
			"Bureau de légalisation", "Service de l'état civil", "Guichet unique de l'urbanisme",
			"Service des affaires économiques", "Bureau d'ordre", "Service technique",
		},
		channel: []string{
			"Au siège de la commune", "En ligne", "Au siège ou en ligne", "À l'annexe administrative",
		},
		newsTitles: []string{
			"Tenue de la session ordinaire du conseil", "Lancement d'un nouveau service en ligne", "Rencontre avec les associations",
			"Campagne de propreté dans les quartiers", "Mise à jour de la liste des pièces à fournir", "Ouverture d'un nouvel espace d'accueil",
		},
		newsLead:   "**Actualité de démonstration.** Ce texte montre comment une actualité s'affiche sur le site ; il ne relate aucun fait réel.",
		eventPlace: "Salle de réunion du siège de la commune",
		demo:       "Texte de démonstration généré pour mesurer les performances du générateur ; il ne contient aucune information réelle.",
		proc: procText{
			purpose:     "Obtenir : %s, auprès du service compétent de la commune.",
			who:         []string{"La personne concernée par la demande.", "Les autres personnes qui peuvent la faire : voir la fiche nationale sur idarati."},
			situations:  [2]string{"Demande au service compétent", "Demande en ligne"},
			items:       [2][]string{{"Les pièces indiquées sur la fiche nationale idarati, et aucune autre.", "Les références du dossier, si vous les connaissez."}, {"Les renseignements demandés par le formulaire en ligne."}},
			cost:        "Voir la fiche nationale sur idarati.",
			delay:       "Voir la fiche nationale sur idarati.",
			where:       "Service compétent au siège de la commune, aux heures d'ouverture, ou en ligne.",
			onlineLabel: "La fiche nationale sur idarati.ma",
			legal:       []string{"Loi n° 55-19 relative à la simplification des procédures et des formalités administratives.", "Textes propres à cette démarche : voir la fiche nationale sur idarati."},
			complaint:   "En cas de difficulté, déposez une réclamation sur chikaya.ma.",
		},
	},
}
