"""The demo campaign's common demands, written in English, with real translations into
the content languages its members read (kept apart: long lines of other scripts)."""

DEMANDS = (
    (
        "A living wage in every plant of the group, for agency and contract workers too.",
        {
            "es": "Un salario digno en todas las plantas del grupo, también para el personal "
            "de ETT y subcontratas.",
            "ar": "أجر يكفي للعيش الكريم في كل مصانع المجموعة، بما في ذلك عمال الوكالات والعقود.",
            "fr": "Un salaire décent dans toutes les usines du groupe, intérimaires et "
            "sous-traitants compris.",
            "it": "Un salario dignitoso in tutti gli stabilimenti del gruppo, anche per i "
            "lavoratori interinali e in appalto.",
            "ko": "파견·하청 노동자를 포함해 그룹의 모든 공장에서 생활임금 보장.",
            "id": "Upah layak di setiap pabrik grup, termasuk bagi pekerja alih daya dan kontrak.",
            "fa": "دستمزدی کافی برای زندگی در همهٔ کارخانه‌های گروه، برای کارگران پیمانکاری "
            "و قراردادی نیز.",
            "hi": "समूह के हर संयंत्र में जीवन-निर्वाह योग्य वेतन, एजेंसी और ठेका मज़दूरों के लिए भी।",
            "zh-hans": "集团每一家工厂都实行生活工资，派遣工和外包工也不例外。",
        },
    ),
    (
        "A permanent contract after six months: no more agency work to pay people less.",
        {
            "es": "Contrato fijo a los seis meses: se acabó la cesión de trabajadores para "
            "pagar menos.",
            "ar": "عقد دائم بعد ستة أشهر: لا مزيد من العمل عبر الوكالات لدفع أجور أقل.",
            "fr": "Un contrat permanent après six mois : fini l'intérim pour payer moins.",
            "it": "Un contratto a tempo indeterminato dopo sei mesi: basta lavoro interinale "
            "per pagare di meno.",
            "ko": "6개월 후 정규직 전환: 임금을 깎기 위한 파견 노동은 이제 그만.",
            "id": "Kontrak tetap setelah enam bulan: hentikan alih daya untuk membayar pekerja "
            "lebih murah.",
            "fa": "قرارداد دائم پس از شش ماه: پایان استفاده از نیروی پیمانکاری برای پرداخت "
            "دستمزد کمتر.",
            "hi": "छह महीने बाद स्थायी अनुबंध: कम वेतन देने के लिए एजेंसी के ज़रिए काम करवाना बंद हो।",
            "zh-hans": "工作满六个月即签订长期合同：不再用劳务派遣压低工资。",
        },
    ),
    (
        "The union recognised in every plant and along the supply chain.",
        {
            "es": "Reconocimiento del sindicato en todas las plantas y en toda la cadena de "
            "suministro.",
            "ar": "الاعتراف بالنقابة في كل مصنع وعلى امتداد سلسلة التوريد.",
            "fr": "La reconnaissance du syndicat dans chaque usine et chez les fournisseurs.",
            "it": "Il riconoscimento del sindacato in ogni stabilimento e lungo tutta la catena "
            "di fornitura.",
            "ko": "모든 공장과 공급망 전반에서 노동조합 인정.",
            "id": "Pengakuan serikat pekerja di setiap pabrik dan di sepanjang rantai pasok.",
            "fa": "به رسمیت شناختن اتحادیه در همهٔ کارخانه‌ها و در سراسر زنجیرهٔ تأمین.",
            "hi": "हर संयंत्र में और पूरी आपूर्ति शृंखला में यूनियन को मान्यता।",
            "zh-hans": "在每一家工厂和整个供应链中承认工会。",
        },
    ),
    (
        "No plant closed and no mass layoffs in the switch to electric cars without an "
        "agreement with the unions.",
        {
            "es": "Ningún cierre de planta ni despidos masivos en la transición al coche "
            "eléctrico sin acuerdo con los sindicatos.",
            "ar": "لا إغلاق لأي مصنع ولا تسريح جماعي في التحول إلى السيارات الكهربائية دون "
            "اتفاق مع النقابات.",
            "fr": "Aucune fermeture d'usine ni aucun licenciement collectif lors du passage à "
            "la voiture électrique sans accord avec les syndicats.",
            "it": "Nessuna chiusura di stabilimenti e nessun licenziamento collettivo nel "
            "passaggio all'auto elettrica senza un accordo con i sindacati.",
            "ko": "노동조합과의 합의 없이는 전기차 전환 과정에서 공장 폐쇄도, 대량 해고도 없어야 한다.",
            "id": "Tidak ada penutupan pabrik dan tidak ada PHK massal dalam peralihan ke mobil "
            "listrik tanpa kesepakatan dengan serikat pekerja.",
            "fa": "هیچ کارخانه‌ای بسته نشود و هیچ اخراج دسته‌جمعی در گذار به خودروهای برقی "
            "بدون توافق با اتحادیه‌ها صورت نگیرد.",
            "hi": "यूनियनों के साथ समझौते के बिना इलेक्ट्रिक कारों की ओर बदलाव में न कोई संयंत्र बंद हो, "
            "न सामूहिक छंटनी।",
            "zh-hans": "未经与工会达成协议，在向电动汽车转型中不关闭任何工厂、不进行大规模裁员。",
        },
    ),
)
