"""A deterministic synthetic news corpus in newsgraph/1 records, for benchmarks and tests.

Realistic where it matters to the knowledge base: quote words follow a Zipf distribution over
a vocabulary of real and made-up words (so full-text posting lists are as skewed as in news),
speakers follow a Zipf distribution too (a few people are quoted very often), people carry
titles and organisations that change over time, names come with spelling variants
("Kim Jong-Un" / "Kim Jong Un"), some full names belong to two different people, later
mentions use the bare surname, and a share of articles are syndicated copies (other site,
same statements) or the same article under a second URL.

    from newsgraph.store.synthetic import Corpus
    for record in Corpus(seed=7).records(n_quotes=10_000): ...
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

COMMON = """the of and to in a is that for it as was with be by on not he i this are or his
from at which but have an they you were her she there been one all we their has would more
will when who so no if out up what about into than them can only other new some time could
these two may then first any like now such our over also after most even made many before must
through back years where much your way well down should because each just those people how
too little state good very make world still own see men work long get here between both life
being under never day same another know while last might us great old year off come since
against go came right used take three""".split()
TOPICAL = """sanctions summit economic cooperation nuclear weapons talks agreement government
president minister ministry railway pipeline gas oil trade border security military army
election vote parliament reform budget tax inflation market markets investment bank banks
energy prices crisis war peace negotiations deal treaty relations diplomatic embassy visit
meeting leader leaders country countries region regional international national policy
policies labor workers migrants migration refugees court law laws justice police protest
protests opposition campaign support pressure threat threats missile missiles test tests
program programme development infrastructure project projects investment growth recession
unemployment jobs industry companies company exports imports tariffs currency debt loans
climate emissions coal health hospital vaccine pandemic schools education students research
science technology internet media press journalists freedom rights human humanitarian aid
food water drought floods disaster export denuclearization blockade guarantees leverage
ties bilateral multilateral alliance partners partnership strategy strategic interest
interests cooperation council committee commission union federation republic kingdom
province city capital village farmers harvest shipping port ports tourism airline airport
""".split()
SYLLABLES = """ka ko ri an mo ve sta lin dor pe ru sa mi tal ber gon ex pro vi tor ne la cor
dan el fi gra hu is jo ke lu mar nor os pa que res sol tri ul ven wa xi yo zan bra cli dro
fle glo kri plu sku tre""".split()

FIRST = """Konstantin Aleksei Fyodor Oleg Yevgeny Anatoly Vladimir Dmitry Sergei Ivan Olga
Natalia Elena Maria Anna Irina Tatiana John James Robert Michael William David Richard Joseph
Thomas Charles Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Ahmed
Mohammed Fatima Aisha Omar Hassan Ali Leila Yusuf Zeynep Emre Mehmet Ayşe José María Jesús
Sofía Lucía Martín Andrés Camila Valentina Juan Carlos François Émilie Hélène Jérôme Zoë
Søren Björn Jürgen Günter Małgorzata Paweł Łukasz Hiroshi Yuki Haruto Sakura Wei Li Mei
Chen Priya Rahul Anil Sunita Arjun Kwame Amara Chidi Ngozi Thabo Lerato""".split()
LAST = """Asmolov Maslov Tertitsky Belozerov Kozlov Yanovsky Ditrikh Kozhemyako Ivanov Petrov
Smirnov Volkov Sokolov Popova Lebedeva Smith Johnson Williams Brown Jones Garcia Miller Davis
Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Thomas Moore Jackson Martin
Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker
Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins
Edwards Stewart Morris Müller Schröder Weiß Dubois Lefèvre Girard Rossi Bianchi Nowak
Kowalski Wiśniewski Yılmaz Kaya Demir Şahin Al-Rashid Haddad Nasser Tanaka Suzuki Sato
Takahashi Wang Zhang Liu Chen Yang Sharma Patel Singh Gupta Okafor Mensah Adeyemi Nkosi
Dlamini Mbeki García Fernández Sánchez Pérez Gómez Núñez O'Brien O'Neil""".split()
KOREAN = ["Kim Jong-Un", "Moon Jae-In", "Park Geun-Hye", "Lee Jae-Myung", "Kim Yo-Jong",
          "Choi Sun-Hee", "Ri Yong-Ho", "Kang Kyung-Wha"]
TITLES = """minister deputy-minister spokesperson analyst professor director chairman
ambassador governor mayor senator general secretary researcher economist adviser
senior-research-fellow chief-executive president prime-minister lawmaker""".split()
ORG_KINDS = ["Institute of {} Studies", "{} University", "Ministry of {}", "{} Bank",
             "{} Council", "Center for {} Research", "{} Railways", "{} News"]
ORG_TOPICS = """Korean Asian Economic Energy Foreign Defence Trade Strategic European African
Arctic Security Development Labour Finance Transport Maritime Nuclear""".split()
PLACES = """Russia China Japan Korea Germany France Britain Spain Italy Poland Turkey Egypt
Nigeria Kenya India Pakistan Brazil Mexico Canada Australia Moscow Seoul Beijing Tokyo Berlin
Paris London Madrid Warsaw Ankara Cairo Lagos Nairobi Delhi Vladivostok Washington""".split()
SITES = [f"{w}.example" for w in """dailyherald worldpost morningledger eveningtimes
northernnews globalwire thecourier citytribune pacificreview easternobserver
continentalpress heraldtribune wirefeed thechronicle metroexpress signalnews dispatch
capitalgazette frontierpost harbourtimes""".split()]
CUES = ["said", "told reporters", "added", "noted", "argued", "stressed", "warned",
        "explained", "pointed out", "commented"]


def _zipf_cum(n: int, s: float, q: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(1, n + 1)))


@dataclass(slots=True)
class Role:
    title: str
    org: str
    place: str
    since: date


@dataclass(slots=True)
class Person:
    name: str
    surname: str
    variants: list[str]
    roles: list[Role] = field(default_factory=list)

    def role_at(self, d: date) -> Role:
        i = bisect.bisect_right([r.since for r in self.roles], d) - 1
        return self.roles[max(i, 0)]


class Corpus:
    """Deterministic corpus generator; equal seeds give equal records."""

    def __init__(self, seed: int = 7, n_people: int = 20_000, n_words: int = 30_000,
                 start: date = date(2015, 1, 1), days: int = 3650) -> None:
        self.seed = seed
        rnd = random.Random(seed)
        self.start, self.days = start, days
        pseudo: list[str] = []
        seen = set(COMMON) | set(TOPICAL)
        n_pseudo = max(0, n_words - len(seen))
        while len(pseudo) < n_pseudo:
            w = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.choice((2, 2, 3, 3, 4))))
            if w not in seen:
                seen.add(w)
                pseudo.append(w)
        # Rank: function words first (the, of, and, ...), then news words interleaved with the
        # rest of the common words (the commonest news word, rank 40, is in ~5% of quotes),
        # then the long tail.
        head = 40
        self.vocab = COMMON[:head]
        rest = COMMON[head:]
        for i, w in enumerate(TOPICAL):
            self.vocab.append(w)
            if i < len(rest):
                self.vocab.append(rest[i])
        self.vocab += rest[len(TOPICAL):] + pseudo
        self._word_cum = _zipf_cum(len(self.vocab), 1.07, 2.7)
        orgs = [k.format(t) for k in ORG_KINDS for t in ORG_TOPICS]
        self.people: list[Person] = []
        names_seen: list[str] = []
        for i in range(n_people):
            if i < len(KOREAN):
                name = KOREAN[i]
            elif names_seen and rnd.random() < 0.01:
                name = rnd.choice(names_seen)  # a namesake: same name, another person
            else:
                name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
            names_seen.append(name)
            place = rnd.choice(PLACES)
            roles, d = [], start - timedelta(days=rnd.randrange(2000))
            for _ in range(rnd.choice((1, 1, 2, 3))):
                roles.append(Role(rnd.choice(TITLES).replace("-", " "), rnd.choice(orgs),
                                  place, d))
                d += timedelta(days=rnd.randrange(300, 2500))
            surname = name.split()[0] if name in KOREAN else name.split()[-1]
            self.people.append(Person(name, surname, self._variants(name), roles))
        self._person_cum = _zipf_cum(n_people, 1.0, 10.0)

    @staticmethod
    def _variants(name: str) -> list[str]:
        out = [name]
        if "-" in name:  # Kim Jong-Un -> Kim Jong Un, Kim Jong-un
            head, _, tail = name.rpartition("-")
            out += [name.replace("-", " "), f"{head}-{tail.lower()}"]
        if not name.isascii():  # José Pérez -> Jose Perez
            out.append("".join(c for c in unicodedata.normalize("NFKD", name)
                               if not unicodedata.combining(c)))
        return out

    def word(self, rank: int) -> str:
        """The rank-th most frequent word (0-based)."""
        return self.vocab[rank]

    def person(self, rank: int) -> Person:
        """The rank-th most quoted person (0-based)."""
        return self.people[rank]

    def records(self, n_quotes: int = 1_000_000, syndicated: float = 0.05,
                duplicates: float = 0.01) -> Iterator[dict]:
        """Records until ``n_quotes`` distinct statements have been produced."""
        rnd = random.Random(self.seed * 7919 + 1)
        # Dates advance with the stream (as in a crawl or an archive), with a few days' jitter.
        expected_articles = max(1, int(n_quotes / 6 * (1 + syndicated + duplicates)))
        made = 0
        recent: list[dict] = []
        serial = 0
        while made < n_quotes:
            serial += 1
            roll = rnd.random()
            if recent and roll < syndicated:
                yield self._copy(rnd, rnd.choice(recent), serial, retext=True)
                continue
            if recent and roll < syndicated + duplicates:
                yield self._copy(rnd, rnd.choice(recent), serial, retext=False)
                continue
            pos = min(1.0, serial / expected_articles)
            day = self.start + timedelta(days=max(0, min(self.days - 1, int(pos * self.days)
                                                         + rnd.randint(-3, 3))))
            rec = self._article(rnd, serial, day, min(rnd.randint(1, 11), n_quotes - made))
            made += len(rec["quotes"])
            recent.append(rec)
            if len(recent) > 200:
                recent.pop(0)
            yield rec

    def write_jsonl(self, path: str | Path, n_quotes: int) -> int:
        n = 0
        with open(path, "w", encoding="utf-8") as f:
            for rec in self.records(n_quotes):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n

    # -- one article -------------------------------------------------------------------------

    def _words(self, rnd: random.Random, k: int) -> list[str]:
        return rnd.choices(self.vocab, cum_weights=self._word_cum, k=k)

    def _sentence(self, rnd: random.Random, lo: int, hi: int) -> str:
        w = self._words(rnd, rnd.randint(lo, hi))
        if len(w) > 8 and rnd.random() < 0.5:
            w[len(w) // 2] += ","
        s = " ".join(w)
        return s[0].upper() + s[1:]

    def _article(self, rnd: random.Random, serial: int, day: date, n_quotes: int) -> dict:
        site = rnd.choice(SITES)
        n_speakers = max(1, min(n_quotes, rnd.randint(1, 5)))
        ranks = sorted(set(bisect.bisect_left(self._person_cum, rnd.random() *
                                              self._person_cum[-1])
                           for _ in range(n_speakers)))
        speakers = [self.people[min(r, len(self.people) - 1)] for r in ranks]
        b = _Builder()
        ents: dict[int, dict] = {}
        orgs: dict[str, dict] = {}
        quotes = []
        b.add(self._sentence(rnd, 10, 25) + ". ")
        b.add(self._sentence(rnd, 10, 25) + ".\n\n")
        for qn in range(n_quotes):
            who = rnd.randrange(len(speakers))
            p = speakers[who]
            content = self._sentence(rnd, 8, 36)
            first = who not in ents
            if first:
                ents[who] = {"id": f"E{len(ents) + 1}", "type": "PERSON",
                             "name": rnd.choice(p.variants) if rnd.random() < 0.3 else p.name,
                             "mentions": [], "roles": []}
            ent = ents[who]
            kind = "direct" if rnd.random() < 0.6 else "indirect"
            cue_word = rnd.choice(CUES)
            if kind == "direct":
                b.add("“")
                c0 = b.add(content)
                b.add(",” ")
                cue = b.add(cue_word)
                b.add(" ")
            else:
                sp0 = b.add(ent["name"] if first else p.surname)
                ent["mentions"].append(sp0)
                b.add(" ")
                cue = b.add(cue_word)
                b.add(" that ")
                c0 = b.add(content[0].lower() + content[1:])
                b.add(".")
                quotes.append(self._quote(qn, kind, c0, cue, sp0, ent))
                if first:
                    self._role(b, p, day, ent, orgs, lead=", ")
                b.add("\n\n" if rnd.random() < 0.5 else " ")
                continue
            sp0 = b.add(ent["name"] if first else p.surname)
            ent["mentions"].append(sp0)
            quotes.append(self._quote(qn, kind, c0, cue, sp0, ent))
            if first:
                self._role(b, p, day, ent, orgs, lead=", ")
            else:
                b.add(".")
            b.add("\n\n")
            if rnd.random() < 0.3:
                b.add(self._sentence(rnd, 10, 25) + ".\n\n")
        text = b.text()
        entities = list(ents.values()) + list(orgs.values())
        for e in entities:
            e["mentions"] = [{"start": s, "end": t, "text": text[s:t]} for s, t in e["mentions"]]
        for q in quotes:
            for k in ("content", "cue", "speaker"):
                s, t = q[k]
                q[k] = {"start": s, "end": t, "text": text[s:t]}
            kind = _kind(q["content"]["text"])
            if kind != "speech":  # absent means speech, as extractors write it
                q["kind"] = kind
        events = []
        people_ids = [e["id"] for e in ents.values()]
        if len(people_ids) >= 2 and rnd.random() < 0.2:
            trig = b.find(text, "meeting") if "meeting" in text else None
            if trig:
                events.append({"id": "V1", "type": "meeting",
                               "trigger": {"start": trig[0], "end": trig[1], "text": "meeting"},
                               "participants": people_ids[:2], "place": None,
                               "date": day.isoformat()})
        title = self._sentence(rnd, 5, 10).title()
        url = f"https://{site}/{day:%Y/%m}/{serial}-{title.split()[0].lower()}"
        return {
            "schema": "newsgraph/1",
            "id": hashlib.sha1(url.encode()).hexdigest(),
            "source": {"path": None, "url": url, "format": "html", "offset": None},
            "title": title,
            "published": day.isoformat(),
            "authors": [],
            "site": site,
            "language": "en",
            "text": text,
            "entities": entities,
            "quotes": quotes,
            "events": events,
            "errors": [],
        }

    @staticmethod
    def _quote(qn: int, kind: str, c0: tuple[int, int], cue: tuple[int, int],
               sp: tuple[int, int], ent: dict) -> dict:
        return {"id": f"Q{qn + 1}", "type": kind, "content": c0, "cue": cue, "speaker": sp,
                "speaker_entity": ent["id"], "speaker_name": ent["name"]}

    @staticmethod
    def _role(b: _Builder, p: Person, day: date, ent: dict, orgs: dict[str, dict],
              lead: str) -> None:
        r = p.role_at(day)
        b.add(lead)
        s0 = b.add(f"{r.title} at the {r.org} in {r.place}")
        b.add(".")
        org_start = s0[0] + len(r.title) + len(" at the ")
        ent["roles"].append({"title": r.title, "org": r.org, "place": r.place,
                             "start": s0[0], "end": s0[1]})
        o = orgs.setdefault(r.org, {"id": f"O{len(orgs) + 1}", "type": "ORG", "name": r.org,
                                    "mentions": [], "roles": []})
        o["mentions"].append((org_start, org_start + len(r.org)))

    def _copy(self, rnd: random.Random, orig: dict, serial: int, retext: bool) -> dict:
        """A syndicated copy (other site, a dateline added) or the same page at another URL."""
        rec = json.loads(json.dumps(orig))
        site = rnd.choice(SITES)
        if retext:
            rec["site"] = site
            prefix = f"({site.split('.')[0].upper()}) — "
            rec["text"] = prefix + rec["text"]
            shift = len(prefix)
            for e in rec["entities"]:
                for m in e["mentions"]:
                    m["start"] += shift
                    m["end"] += shift
                for r in e["roles"]:
                    r["start"] += shift
                    r["end"] += shift
            for q in rec["quotes"]:
                for k in ("content", "cue", "speaker"):
                    q[k]["start"] += shift
                    q[k]["end"] += shift
            for v in rec["events"]:
                v["trigger"]["start"] += shift
                v["trigger"]["end"] += shift
            url = f"https://{site}/syndicated/{serial}"
        else:
            url = orig["source"]["url"] + f"?amp=1&n={serial}"
        rec["source"]["url"] = url
        rec["id"] = hashlib.sha1(url.encode()).hexdigest()
        return rec


# Attribution kinds by a hash of the content (no draw from the corpus's random stream, so
# every other part of the corpus is as before): 82% speech, then belief, stance, intention,
# evidence (record.md).
_KIND_SHARES = (("belief", 8), ("stance", 5), ("intention", 3), ("evidence", 2))


def _kind(content: str) -> str:
    h = int.from_bytes(hashlib.blake2b(content.encode("utf-8"), digest_size=4).digest(),
                       "big") % 100
    for kind, share in _KIND_SHARES:
        if h < share:
            return kind
        h -= share
    return "speech"


class _Builder:
    """Builds a text while handing out the offsets of the pieces added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    def text(self) -> str:
        return "".join(self.parts)

    @staticmethod
    def find(text: str, word: str) -> tuple[int, int] | None:
        i = text.find(word)
        return (i, i + len(word)) if i >= 0 else None
