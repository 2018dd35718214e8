"""The demo charter's text: a charter of international solidarity for workers in the car
industry, written in English and translated, whole, into the ten other charter languages.

Each entry is (title, text); paragraphs are separated by an empty line, as editors type them.
The Somali and Hindi translations are left as drafts in the demo (`DRAFTS`): a page in either
language shows the original, with a note and the draft beside it.
"""

ORIGINAL_LANGUAGE = "en"

ENGLISH = (
    "Charter of International Solidarity of Car Industry Workers",
    """We, the workers who build cars and their parts in factories, plants and supply chains across the world, adopt this charter. The same companies employ us in many countries; they compare our wages and move production to divide us. Together we are stronger than any one company.

Article 1. One struggle. A strike in one plant is a strike of all of us. We will not accept work moved from a plant on strike, and we will tell our colleagues when the company tries to do so.

Article 2. Decent wages everywhere. We demand a living wage in every country where a company builds or sells its cars, and equal pay for equal work, whatever our contract, gender or origin.

Article 3. Safe work and time to live. We demand safe workplaces, working hours that leave time for family and rest, and the right to stop work when our lives are in danger.

Article 4. The right to organise. Every worker has the right to join a union of their choice, to bargain and to strike, without threats, dismissal or violence. An attack on a union anywhere is an attack on us all.

Article 5. A just transition. The move to electric cars must not be paid for by workers. We demand training, secure jobs and a voice in every decision on new technology and closures.

Article 6. Solidarity in action. We share information across borders, send delegations to each other's picket lines, and act together on common days of action until these demands are won.""",
)

TRANSLATIONS = {
    "es": (
        "Carta de solidaridad internacional de los trabajadores de la industria del automóvil",
        """Nosotros, los trabajadores y las trabajadoras que fabricamos automóviles y sus piezas en fábricas, plantas y cadenas de suministro de todo el mundo, adoptamos esta carta. Las mismas empresas nos emplean en muchos países; comparan nuestros salarios y trasladan la producción para dividirnos. Unidos somos más fuertes que cualquier empresa.

Artículo 1. Una sola lucha. Una huelga en una planta es una huelga de todos nosotros. No aceptaremos trabajo trasladado desde una planta en huelga, y avisaremos a nuestros compañeros cuando la empresa lo intente.

Artículo 2. Salarios dignos en todas partes. Exigimos un salario digno en cada país donde una empresa fabrique o venda sus automóviles, e igual salario por igual trabajo, sea cual sea nuestro contrato, género u origen.

Artículo 3. Trabajo seguro y tiempo para vivir. Exigimos lugares de trabajo seguros, jornadas que dejen tiempo para la familia y el descanso, y el derecho a parar el trabajo cuando nuestra vida esté en peligro.

Artículo 4. El derecho a organizarse. Toda trabajadora y todo trabajador tiene derecho a afiliarse al sindicato de su elección, a negociar y a hacer huelga, sin amenazas, despidos ni violencia. Un ataque contra un sindicato en cualquier lugar es un ataque contra todos nosotros.

Artículo 5. Una transición justa. El paso al coche eléctrico no deben pagarlo los trabajadores. Exigimos formación, empleos seguros y voz en cada decisión sobre nuevas tecnologías y cierres.

Artículo 6. Solidaridad en acción. Compartimos información a través de las fronteras, enviamos delegaciones a los piquetes de los demás y actuamos juntos en jornadas de acción comunes hasta conquistar estas reivindicaciones.""",
    ),
    "so": (
        "Axdiga Midnimada Caalamiga ah ee Shaqaalaha Warshadaha Baabuurta",
        """Annaga oo ah shaqaalaha ka sameeya baabuurta iyo qaybahooda warshadaha, goobaha wax soo saarka iyo silsiladaha sahayda ee adduunka oo dhan, waxaan ansixinnaa axdigan. Shirkado isku mid ah ayaa nagu shaqaaleysiiya waddamo badan; waxay isbarbar dhigaan mushaharkayaga, waxayna meel kale u raraan wax soo saarka si ay noo kala qaybiyaan. Markaan midowno, waxaan ka xoog badannahay shirkad kasta.

Qodobka 1. Halgan keliya. Shaqo joojin ka dhacda hal warshad waa shaqo joojin dhammaanteen ah. Ma aqbali doonno shaqo laga soo raray warshad shaqo joojin ku jirta, waxaanan u sheegi doonnaa asxaabteenna marka shirkaddu isku daydo inay sidaas samayso.

Qodobka 2. Mushahar ku filan meel kasta. Waxaan dalbanaynaa mushahar nolosha ku filan waddan kasta oo shirkaddu ku samayso ama ku iibiso baabuurteeda, iyo mushahar siman oo shaqo siman loo qabto, iyadoon loo eegin qandaraaskayaga, jinsigayaga ama asalkayaga.

Qodobka 3. Shaqo ammaan ah iyo waqti lagu noolaado. Waxaan dalbanaynaa goobo shaqo oo ammaan ah, saacado shaqo oo waqti u daaya qoyska iyo nasashada, iyo xaqa aan ku joojin karno shaqada marka naftayadu khatar ku jirto.

Qodobka 4. Xaqa abaabulka. Shaqaale kasta wuxuu xaq u leeyahay inuu ku biiro ururka shaqaalaha ee uu doorto, inuu gorgortamo iyo inuu shaqo joojiyo, isagoon loo hanjabin, shaqada laga eryin ama rabshad loo geysan. Weerar lagu qaado urur shaqaale meel kasta ha joogee waa weerar nala wada qaaday.

Qodobka 5. U gudub cadaalad ah. U guurista baabuurta korontada waa inaanay shaqaaluhu bixin kharashkeeda. Waxaan dalbanaynaa tababar, shaqooyin sugan iyo cod aan ku yeelanno go'aan kasta oo ku saabsan tignoolajiyada cusub iyo xiritaanka warshadaha.

Qodobka 6. Midnimo ficil ah. Waxaan wadaagnaa macluumaadka xuduudaha ka gudba, waxaan ergooyin u dirnaa safafka shaqo joojinta ee midba midka kale, waxaanan si wadajir ah u dhaqaaqnaa maalmaha ficilka ee wadajirka ah ilaa dalabaadkan la guuleysto.""",
    ),
    "fa": (
        "منشور همبستگی بین‌المللی کارگران صنعت خودروسازی",
        """ما، کارگرانی که در کارخانه‌ها، سایت‌های تولید و زنجیره‌های تأمین سراسر جهان خودرو و قطعات آن را می‌سازیم، این منشور را تصویب می‌کنیم. شرکت‌هایی یکسان ما را در کشورهای بسیاری به کار می‌گیرند؛ دستمزدهای ما را با هم مقایسه می‌کنند و تولید را جابه‌جا می‌کنند تا ما را از هم جدا کنند. ما با هم از هر شرکتی نیرومندتریم.

مادهٔ ۱. یک مبارزه. اعتصاب در یک کارخانه اعتصاب همهٔ ماست. ما کاری را که از کارخانه‌ای در حال اعتصاب منتقل شده باشد نمی‌پذیریم، و هرگاه شرکت بخواهد چنین کند به همکارانمان خبر می‌دهیم.

مادهٔ ۲. دستمزد شایسته در همه‌جا. ما خواهان دستمزدی کافی برای زندگی در هر کشوری هستیم که شرکت در آن خودروهایش را می‌سازد یا می‌فروشد، و خواهان دستمزد برابر برای کار برابر، فارغ از نوع قرارداد، جنسیت یا خاستگاه خود.

مادهٔ ۳. کار ایمن و فرصتی برای زندگی. ما خواهان محیط‌های کار ایمن، ساعات کاری که برای خانواده و استراحت وقت باقی بگذارد، و حق توقف کار در هنگامی هستیم که جانمان در خطر است.

مادهٔ ۴. حق تشکل. هر کارگری حق دارد بی‌آنکه با تهدید، اخراج یا خشونت روبه‌رو شود، به سندیکای دلخواه خود بپیوندد، مذاکرهٔ جمعی کند و اعتصاب کند. حمله به یک سندیکا در هر جای جهان، حمله به همهٔ ماست.

مادهٔ ۵. گذاری عادلانه. هزینهٔ گذار به خودروهای برقی نباید بر دوش کارگران بیفتد. ما خواهان آموزش، شغل‌های پایدار و حق اظهارنظر در هر تصمیمی دربارهٔ فناوری‌های نو و تعطیلی کارخانه‌ها هستیم.

مادهٔ ۶. همبستگی در عمل. ما اطلاعات را فراتر از مرزها با یکدیگر در میان می‌گذاریم، به صف‌های اعتصاب یکدیگر هیئت می‌فرستیم و در روزهای اقدام مشترک دوشادوش هم عمل می‌کنیم تا این خواسته‌ها را به دست آوریم.""",
    ),
    "it": (
        "Carta della solidarietà internazionale dei lavoratori dell'industria automobilistica",
        """Noi, lavoratrici e lavoratori che costruiamo automobili e i loro componenti in fabbriche, stabilimenti e catene di fornitura di tutto il mondo, adottiamo questa carta. Le stesse aziende ci impiegano in molti paesi; confrontano i nostri salari e spostano la produzione per dividerci. Insieme siamo più forti di qualsiasi azienda.

Articolo 1. Una sola lotta. Uno sciopero in uno stabilimento è uno sciopero di tutti noi. Non accetteremo lavoro spostato da uno stabilimento in sciopero, e avviseremo i nostri colleghi quando l'azienda tenterà di farlo.

Articolo 2. Salari dignitosi ovunque. Rivendichiamo un salario dignitoso in ogni paese in cui un'azienda costruisce o vende le sue automobili, e la stessa paga per lo stesso lavoro, qualunque siano il nostro contratto, il nostro genere o la nostra origine.

Articolo 3. Lavoro sicuro e tempo per vivere. Rivendichiamo luoghi di lavoro sicuri, orari che lascino tempo per la famiglia e il riposo, e il diritto di fermare il lavoro quando la nostra vita è in pericolo.

Articolo 4. Il diritto di organizzarsi. Ogni lavoratore ha il diritto di iscriversi al sindacato che sceglie, di contrattare e di scioperare, senza minacce, licenziamenti o violenze. Un attacco a un sindacato, ovunque avvenga, è un attacco a tutti noi.

Articolo 5. Una transizione giusta. Il passaggio all'auto elettrica non deve essere pagato dai lavoratori. Rivendichiamo formazione, posti di lavoro sicuri e voce in capitolo in ogni decisione sulle nuove tecnologie e sulle chiusure.

Articolo 6. Solidarietà in azione. Condividiamo le informazioni oltre i confini, inviamo delegazioni ai picchetti gli uni degli altri e agiamo insieme nelle giornate di azione comuni finché queste rivendicazioni non saranno conquistate.""",
    ),
    "id": (
        "Piagam Solidaritas Internasional Buruh Industri Otomotif",
        """Kami, para buruh yang membuat mobil dan suku cadangnya di pabrik, lokasi produksi, dan rantai pasok di seluruh dunia, mengesahkan piagam ini. Perusahaan yang sama mempekerjakan kami di banyak negara; mereka membandingkan upah kami dan memindahkan produksi untuk memecah belah kami. Bersama-sama, kami lebih kuat daripada perusahaan mana pun.

Pasal 1. Satu perjuangan. Pemogokan di satu pabrik adalah pemogokan kita semua. Kami tidak akan menerima pekerjaan yang dipindahkan dari pabrik yang sedang mogok, dan kami akan memberi tahu rekan-rekan kami ketika perusahaan mencoba melakukannya.

Pasal 2. Upah layak di mana pun. Kami menuntut upah layak hidup di setiap negara tempat sebuah perusahaan membuat atau menjual mobilnya, serta upah yang sama untuk pekerjaan yang sama, apa pun kontrak, gender, atau asal-usul kami.

Pasal 3. Kerja yang aman dan waktu untuk hidup. Kami menuntut tempat kerja yang aman, jam kerja yang menyisakan waktu untuk keluarga dan istirahat, serta hak untuk menghentikan pekerjaan ketika nyawa kami terancam.

Pasal 4. Hak untuk berserikat. Setiap buruh berhak bergabung dengan serikat pilihannya, berunding, dan mogok, tanpa ancaman, pemecatan, atau kekerasan. Serangan terhadap sebuah serikat di mana pun adalah serangan terhadap kita semua.

Pasal 5. Transisi yang adil. Peralihan ke mobil listrik tidak boleh dibayar oleh buruh. Kami menuntut pelatihan, pekerjaan yang terjamin, dan suara dalam setiap keputusan tentang teknologi baru dan penutupan pabrik.

Pasal 6. Solidaritas dalam tindakan. Kami berbagi informasi melintasi batas negara, mengirim delegasi ke barisan piket satu sama lain, dan bertindak bersama pada hari-hari aksi bersama sampai tuntutan-tuntutan ini dimenangkan.""",
    ),
    "ko": (
        "자동차 산업 노동자 국제 연대 헌장",
        """우리, 전 세계의 공장과 생산 현장, 공급망에서 자동차와 그 부품을 만드는 노동자들은 이 헌장을 채택한다. 같은 기업들이 여러 나라에서 우리를 고용하고, 우리의 임금을 서로 비교하며, 우리를 갈라놓기 위해 생산을 옮긴다. 함께할 때 우리는 어떤 기업보다도 강하다.

제1조. 하나의 투쟁. 한 공장의 파업은 우리 모두의 파업이다. 우리는 파업 중인 공장에서 옮겨 온 일을 받아들이지 않으며, 회사가 그렇게 하려 할 때 동료들에게 알린다.

제2조. 어디서나 적정한 임금. 우리는 기업이 자동차를 만들거나 파는 모든 나라에서 생활임금을 요구하며, 계약 형태와 성별, 출신에 관계없이 동일노동 동일임금을 요구한다.

제3조. 안전한 일터와 삶을 위한 시간. 우리는 안전한 일터, 가족과 휴식을 위한 시간을 남겨 주는 노동시간, 그리고 생명이 위험할 때 작업을 중지할 권리를 요구한다.

제4조. 단결할 권리. 모든 노동자는 위협이나 해고, 폭력 없이 스스로 선택한 노동조합에 가입하고, 단체교섭을 하고, 파업할 권리를 가진다. 어디에서든 한 노동조합에 대한 공격은 우리 모두에 대한 공격이다.

제5조. 정의로운 전환. 전기차로의 전환 비용을 노동자가 치러서는 안 된다. 우리는 교육훈련과 안정된 일자리, 그리고 새로운 기술과 공장 폐쇄에 관한 모든 결정에서의 발언권을 요구한다.

제6조. 행동하는 연대. 우리는 국경을 넘어 정보를 나누고, 서로의 파업 현장에 대표단을 보내며, 이 요구들을 쟁취할 때까지 공동 행동의 날에 함께 행동한다.""",
    ),
    "hi": (
        "ऑटोमोबाइल उद्योग के मज़दूरों का अंतरराष्ट्रीय एकजुटता घोषणापत्र",
        """हम, दुनिया भर के कारख़ानों, संयंत्रों और आपूर्ति शृंखलाओं में कारें और उनके पुर्ज़े बनाने वाले मज़दूर, इस घोषणापत्र को अपनाते हैं। वही कंपनियाँ हमें कई देशों में काम पर रखती हैं; वे हमारी मज़दूरी की आपस में तुलना करती हैं और हमें बाँटने के लिए उत्पादन को एक जगह से दूसरी जगह ले जाती हैं। एकजुट होकर हम किसी भी कंपनी से ज़्यादा ताक़तवर हैं।

अनुच्छेद 1. एक ही संघर्ष। एक संयंत्र की हड़ताल हम सबकी हड़ताल है। हड़ताल वाले संयंत्र से हटाया गया काम हम स्वीकार नहीं करेंगे, और जब भी कंपनी ऐसा करने की कोशिश करेगी, हम अपने साथियों को बताएँगे।

अनुच्छेद 2. हर जगह सम्मानजनक मज़दूरी। हम हर उस देश में जीवन-निर्वाह योग्य मज़दूरी की माँग करते हैं जहाँ कोई कंपनी अपनी कारें बनाती या बेचती है, और समान काम के लिए समान वेतन की माँग करते हैं, चाहे हमारा अनुबंध, लिंग या मूल कुछ भी हो।

अनुच्छेद 3. सुरक्षित काम और जीने के लिए समय। हम सुरक्षित कार्यस्थलों की, ऐसे कार्य-घंटों की जो परिवार और आराम के लिए समय छोड़ें, और जान ख़तरे में होने पर काम रोकने के अधिकार की माँग करते हैं।

अनुच्छेद 4. संगठित होने का अधिकार। हर मज़दूर को बिना किसी धमकी, बर्ख़ास्तगी या हिंसा के अपनी पसंद की यूनियन में शामिल होने, सामूहिक सौदेबाज़ी करने और हड़ताल करने का अधिकार है। कहीं भी किसी यूनियन पर हमला हम सब पर हमला है।

अनुच्छेद 5. न्यायपूर्ण बदलाव। इलेक्ट्रिक कारों की ओर बदलाव की क़ीमत मज़दूरों को नहीं चुकानी चाहिए। हम प्रशिक्षण, सुरक्षित रोज़गार, और नई तकनीक तथा संयंत्रों को बंद करने से जुड़े हर फ़ैसले में अपनी आवाज़ की माँग करते हैं।

अनुच्छेद 6. कार्रवाई में एकजुटता। हम सरहदों के पार जानकारी साझा करते हैं, एक-दूसरे के हड़ताल-धरनों पर प्रतिनिधिमंडल भेजते हैं, और साझा कार्रवाई दिवसों पर तब तक मिलकर कदम उठाते हैं जब तक ये माँगें जीत न ली जाएँ।""",
    ),
    "fr": (
        "Charte de solidarité internationale des travailleurs de l'industrie automobile",
        """Nous, travailleuses et travailleurs qui fabriquons des voitures et leurs pièces dans les usines, les sites de production et les chaînes d'approvisionnement du monde entier, adoptons cette charte. Les mêmes entreprises nous emploient dans de nombreux pays ; elles comparent nos salaires et déplacent la production pour nous diviser. Ensemble, nous sommes plus forts que n'importe quelle entreprise.

Article 1. Une seule lutte. Une grève dans une usine est une grève de nous tous. Nous refuserons le travail transféré depuis une usine en grève, et nous avertirons nos collègues lorsque l'entreprise tentera de le faire.

Article 2. Des salaires décents partout. Nous exigeons un salaire permettant de vivre dignement dans chaque pays où une entreprise fabrique ou vend ses voitures, et un salaire égal pour un travail égal, quels que soient notre contrat, notre genre ou notre origine.

Article 3. Un travail sûr et du temps pour vivre. Nous exigeons des lieux de travail sûrs, des horaires qui laissent du temps pour la famille et le repos, et le droit d'arrêter le travail lorsque notre vie est en danger.

Article 4. Le droit de s'organiser. Chaque travailleur a le droit d'adhérer au syndicat de son choix, de négocier et de faire grève, sans menaces, licenciements ni violences. Une attaque contre un syndicat, où que ce soit, est une attaque contre nous tous.

Article 5. Une transition juste. Le passage à la voiture électrique ne doit pas être payé par les travailleurs. Nous exigeons des formations, des emplois sûrs et notre mot à dire dans chaque décision sur les nouvelles technologies et les fermetures.

Article 6. La solidarité en actes. Nous partageons l'information par-delà les frontières, envoyons des délégations sur les piquets de grève les uns des autres et agissons ensemble lors de journées d'action communes jusqu'à ce que ces revendications soient gagnées.""",
    ),
    "zh-hans": (
        "汽车行业工人国际团结宪章",
        """我们，在世界各地的工厂、生产基地和供应链中制造汽车及其零部件的工人，通过本宪章。同样的公司在许多国家雇用我们；它们比较我们的工资，转移生产，以此分化我们。团结起来，我们比任何一家公司都更强大。

第一条　同一场斗争。一家工厂的罢工就是我们所有人的罢工。我们不接受从罢工工厂转移过来的工作；一旦公司企图这样做，我们就会告知工友。

第二条　处处都有体面的工资。在公司制造或销售汽车的每一个国家，我们都要求足以维持生活的工资，并要求同工同酬，不论我们的合同类型、性别或出身。

第三条　安全的工作和生活的时间。我们要求安全的工作场所，要求工作时间为家庭和休息留出余地，并要求在生命受到威胁时停止工作的权利。

第四条　组织起来的权利。每一名工人都有权加入自己选择的工会、进行集体谈判和罢工，而不受威胁、解雇或暴力。对任何地方任何一个工会的攻击，就是对我们所有人的攻击。

第五条　公正转型。向电动汽车转型的代价不应由工人承担。我们要求培训、稳定的就业，以及在有关新技术和工厂关闭的每一项决定中拥有发言权。

第六条　行动中的团结。我们跨越国界分享信息，向彼此的罢工纠察线派遣代表团，并在共同行动日一起行动，直到赢得这些要求。""",
    ),
    "ar": (
        "ميثاق التضامن الدولي لعمال صناعة السيارات",
        """نحن عاملات وعمال صناعة السيارات وقطع غيارها، في المصانع ومواقع الإنتاج وسلاسل التوريد في أنحاء العالم، نعتمد هذا الميثاق. تشغّلنا الشركات نفسها في بلدان كثيرة؛ فتقارن بين أجورنا وتنقل الإنتاج لتفرّق صفوفنا. ونحن معًا أقوى من أي شركة.

المادة ١. نضال واحد. الإضراب في مصنع واحد هو إضراب لنا جميعًا. لن نقبل عملًا يُنقل من مصنع مُضرب، وسنُبلغ زملاءنا كلما حاولت الشركة ذلك.

المادة ٢. أجور لائقة في كل مكان. نطالب بأجر يكفي للعيش الكريم في كل بلد تصنع فيه الشركة سياراتها أو تبيعها، وبأجر متساوٍ عن العمل المتساوي، أيًّا كان نوع عقدنا أو جنسنا أو أصلنا.

المادة ٣. عمل آمن ووقت للحياة. نطالب بأماكن عمل آمنة، وبساعات عمل تترك وقتًا للأسرة والراحة، وبالحق في التوقف عن العمل حين تكون حياتنا في خطر.

المادة ٤. الحق في التنظيم. لكل عامل وعاملة الحق في الانضمام إلى النقابة التي يختارها، وفي التفاوض الجماعي والإضراب، دون تهديد أو فصل أو عنف. والاعتداء على أي نقابة في أي مكان اعتداء علينا جميعًا.

المادة ٥. انتقال عادل. يجب ألا يدفع العمال ثمن التحول إلى السيارات الكهربائية. نطالب بالتدريب، وبوظائف مضمونة، وبصوت مسموع في كل قرار يتعلق بالتقنيات الجديدة وإغلاق المصانع.

المادة ٦. تضامن في الميدان. نتبادل المعلومات عبر الحدود، ونرسل الوفود إلى خطوط الإضراب لدى بعضنا بعضًا، ونتحرك معًا في أيام تحرّك مشتركة حتى ننتزع هذه المطالب.""",
    ),
}

# Translations the demo leaves waiting for a reviewer.
DRAFTS = ("so", "hi")

# Who reviewed each approved translation (demo names).
REVIEWERS = {
    "es": "Lucía Ferrer (demo)",
    "fa": "Shirin Rahimi (demo)",
    "it": "Marco Bellini (demo)",
    "id": "Dewi Lestari (demo)",
    "ko": "Kim Min-jun (demo)",
    "fr": "Claire Dubois (demo)",
    "zh-hans": "Wang Fang (demo)",
    "ar": "Youssef Haddad (demo)",
}
