"""News pages in languages other than English, written for the tests (not copied from any
site): a headline, a byline, three or four paragraphs with names, places and a quotation, and
the usual page furniture (menu, share links, related stories, footer) in the same language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    lang: str
    title: str
    site: str
    paragraphs: tuple[str, ...]
    menu: tuple[str, ...]
    related: tuple[str, ...]
    footer: str


STORIES = (
    Story(
        "de", "Stadtrat beschließt neue Fährlinie über den Hafen", "Hafenblatt",
        (
            "Der Stadtrat von Kiel hat am Dienstag mit großer Mehrheit beschlossen, zwei neue "
            "Fährlinien über die Förde einzurichten. Die Boote sollen ab dem kommenden Herbst "
            "alle zwanzig Minuten zwischen Holtenau und der Innenstadt verkehren.",
            "„Das ist die größte Veränderung im Nahverkehr seit einer Generation“, sagte "
            "Bürgermeisterin Maria Jensen nach der Abstimmung. Die Bürger hätten viel zu lange "
            "auf eine verlässliche Verbindung gewartet, fügte sie hinzu.",
            "Der Plan kostet nach Angaben der Verwaltung rund 40 Millionen Euro über fünf "
            "Jahre. Peter Holm von der Opposition kritisierte, das Geld werde für die "
            "Sanierung von Straßen und Brücken dringender gebraucht.",
            "Die ersten elektrisch betriebenen Schiffe werden derzeit auf einer Werft in "
            "Rendsburg gebaut. Der Bau der neuen Anleger soll im März beginnen.",
        ),
        ("Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Meinung"),
        ("Neue Radwege für die Altstadt geplant", "Hafenfest lockt tausende Besucher an",
         "Streit um Parkgebühren geht weiter"),
        "© 2024 Hafenblatt. Alle Rechte vorbehalten. Impressum · Datenschutz · Kontakt",
    ),
    Story(
        "ko", "시의회, 항구 횡단 여객선 신규 노선 승인", "항구신문",
        (
            "부산시의회는 화요일 본회의에서 항구를 가로지르는 여객선 노선 두 개를 새로 "
            "개설하는 안건을 찬성 다수로 통과시켰다. 새 여객선은 내년 가을부터 20분 "
            "간격으로 운항할 예정이다.",
            "김민정 교통위원장은 표결 직후 기자들과 만나 \"시민들이 너무 오랫동안 믿을 수 "
            "있는 교통수단을 기다려 왔다\"며 \"이번 결정은 한 세대 만의 가장 큰 변화\"라고 "
            "말했다.",
            "시 관계자에 따르면 이 사업에는 5년간 약 400억 원이 들어갈 것으로 보인다. "
            "야당 소속 박준호 의원은 도로와 교량 보수가 더 시급하다며 반대 의견을 밝혔다.",
            "전기로 움직이는 첫 여객선은 현재 울산의 조선소에서 건조되고 있으며, 새 "
            "선착장 공사는 3월에 시작된다.",
        ),
        ("홈", "정치", "경제", "사회", "스포츠", "오피니언"),
        ("구도심 자전거 도로 확대 추진", "항구 축제에 관광객 몰려", "주차 요금 논란 계속"),
        "ⓒ 2024 항구신문. 무단 전재 및 재배포 금지. 회사소개 · 개인정보처리방침 · 고객센터",
    ),
    Story(
        "es", "El ayuntamiento aprueba dos nuevas líneas de ferry en el puerto",
        "Diario del Puerto",
        (
            "El pleno del Ayuntamiento de Valencia aprobó el martes, por amplia mayoría, la "
            "creación de dos nuevas líneas de ferry que cruzarán el puerto a partir del "
            "próximo otoño, con salidas cada veinte minutos.",
            "«Es el mayor cambio en el transporte público de la ciudad en una generación», "
            "dijo la concejala de Movilidad, María Jiménez, tras la votación. Según ella, los "
            "vecinos llevaban demasiado tiempo esperando una conexión fiable.",
            "El proyecto costará unos 40 millones de euros en cinco años, según el consistorio. "
            "Pedro Holguín, portavoz de la oposición, afirmó que ese dinero debería destinarse "
            "a reparar calles y puentes.",
            "Los primeros barcos, que funcionarán con electricidad, se construyen en un astillero "
            "de Cartagena. Las obras de los nuevos muelles empezarán en marzo.",
        ),
        ("Portada", "Política", "Economía", "Deportes", "Cultura", "Opinión"),
        ("Nuevos carriles bici para el centro histórico", "La fiesta del puerto atrae a miles",
         "Sigue la polémica por las tarifas de aparcamiento"),
        "© 2024 Diario del Puerto. Todos los derechos reservados. Aviso legal · Privacidad",
    ),
    Story(
        "fr", "Le conseil municipal approuve deux nouvelles lignes de ferry", "La Gazette du Port",
        (
            "Le conseil municipal de Marseille a approuvé mardi, à une large majorité, la "
            "création de deux nouvelles lignes de ferry qui traverseront le port à partir de "
            "l'automne prochain, avec un départ toutes les vingt minutes.",
            "« C'est le plus grand changement dans les transports publics de la ville depuis "
            "une génération », a déclaré l'adjointe aux transports, Marie Dupont, après le vote. "
            "Les habitants attendaient depuis trop longtemps une liaison fiable, a-t-elle ajouté.",
            "Le projet coûtera environ 40 millions d'euros sur cinq ans, selon la mairie. Pierre "
            "Lambert, chef de l'opposition, estime que cet argent serait mieux employé à réparer "
            "les routes et les ponts.",
            "Les premiers bateaux, électriques, sont en construction dans un chantier naval de "
            "Toulon. Les travaux des nouveaux pontons commenceront en mars.",
        ),
        ("Accueil", "Politique", "Économie", "Sports", "Culture", "Opinions"),
        ("De nouvelles pistes cyclables pour le centre", "La fête du port attire des milliers "
         "de visiteurs", "La polémique sur le stationnement continue"),
        "© 2024 La Gazette du Port. Tous droits réservés. Mentions légales · Confidentialité",
    ),
    Story(
        "ja", "市議会、港を結ぶ新しいフェリー航路を承認", "港湾新報",
        (
            "横浜市議会は火曜日の本会議で、港を横断する二つの新しいフェリー航路を開設する"
            "議案を賛成多数で可決した。新しいフェリーは来年の秋から二十分おきに運航する予定だ。",
            "交通委員会の田中美咲委員長は採決の後、「市民は信頼できる交通手段をあまりにも長く"
            "待ってきた。今回の決定は一世代で最も大きな変化だ」と記者団に語った。",
            "市によると、事業費は五年間で約五十億円に上る見通しだ。野党の山本健一議員は、"
            "道路や橋の補修の方が急務だとして反対した。",
            "電気で動く最初の船は現在、長崎の造船所で建造されており、新しい桟橋の工事は"
            "三月に始まる。",
        ),
        ("ホーム", "政治", "経済", "社会", "スポーツ", "オピニオン"),
        ("旧市街に自転車道を拡大へ", "港まつりに観光客が殺到", "駐車料金を巡る議論続く"),
        "© 2024 港湾新報 無断転載を禁じます。 会社概要 ・ プライバシーポリシー ・ お問い合わせ",
    ),
    Story(
        "ru", "Городская дума одобрила две новые паромные линии", "Портовые вести",
        (
            "Городская дума Санкт-Петербурга во вторник большинством голосов одобрила "
            "создание двух новых паромных линий через залив. Паромы начнут ходить следующей "
            "осенью каждые двадцать минут.",
            "«Это самое большое изменение в общественном транспорте города за целое "
            "поколение», — заявила после голосования председатель комитета по транспорту "
            "Мария Иванова. По её словам, жители слишком долго ждали надёжного сообщения.",
            "По данным мэрии, проект обойдётся примерно в четыре миллиарда рублей за пять лет. "
            "Лидер оппозиции Пётр Смирнов считает, что эти деньги лучше потратить на ремонт "
            "дорог и мостов.",
            "Первые суда на электрической тяге строятся на верфи в Выборге. Строительство "
            "новых причалов начнётся в марте.",
        ),
        ("Главная", "Политика", "Экономика", "Спорт", "Культура", "Мнения"),
        ("Новые велодорожки в историческом центре", "Праздник порта собрал тысячи гостей",
         "Спор о стоимости парковки продолжается"),
        "© 2024 Портовые вести. Все права защищены. О нас · Конфиденциальность · Контакты",
    ),
)


def story_html(s: Story, date: str = "2024-03-12") -> str:
    """A whole page for ``s``: menu, headline, byline, body, share links, related, footer."""
    menu = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(s.menu))
    related = "".join(f'<li><a href="/r/{i}">{t}</a></li>' for i, t in enumerate(s.related))
    body = "".join(f"<p>{p}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html><html lang="{s.lang}"><head><meta charset="utf-8">
<title>{s.title} | {s.site}</title>
<meta property="og:title" content="{s.title}">
<meta property="og:site_name" content="{s.site}">
<meta property="article:published_time" content="{date}T08:00:00+01:00">
</head><body>
<header><a class="logo" href="/">{s.site}</a><nav class="menu"><ul>{menu}</ul></nav></header>
<main><article>
<h1>{s.title}</h1>
<div class="byline"><time datetime="{date}">{date}</time></div>
<div class="article-body">{body}</div>
<div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">E-Mail</a></div>
</article>
<aside class="related"><ul>{related}</ul></aside></main>
<footer class="site-footer"><p>{s.footer}</p></footer>
</body></html>"""
