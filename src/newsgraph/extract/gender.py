"""Grammatical gender of the people in an article, for resolving "he" and "she".

Evidence, strongest first: an honorific in front of a name (Mr, Ms), the pronouns that
follow a person when they are the only one in view (the article's own usage), then a short
list of common given names. Unknown stays unknown: the resolver then accepts either pronoun.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsgraph.extract.entities import EntityIndex
from newsgraph.extract.lexicon import PRONOUN_GENDER

# Common given names in English-language news (a few hundred each, written for this list;
# names used for both genders are left out).
MALE_NAMES = frozenset(
    """
    aaron abdul adam adrian ahmed alan albert aleksandr aleksei alex alexander alexei ali
    andre andrei andrew andy angelo anthony antonio arnold arthur barack ben benjamin bernard
    bernie bill billy bob boris brad bradley brandon brett brian bruce bryan carl carlos
    charles charlie chris christian christopher chuck clarence colin craig dale dan daniel
    danny darren dave david dennis derek dmitry dominic don donald doug douglas dwayne ed
    eddie edward emmanuel eric erik ernest eugene evan fabio farid felix fernando francis
    francisco frank fred frederick fyodor gary gavin geoffrey george gerald giovanni giuseppe
    glenn gordon graham greg gregory hans harold harry henry howard hugh hugo ian igor isaac
    ivan jack jacob jake james jamie jared jason javier jean jeff jeffrey jeremy jerome jerry
    jesse jim jimmy joe joel johan john johnny jon jonathan jorge jose joseph josh joshua juan
    julian justin karl keith ken kenneth kevin kim-jong konstantin kurt larry lawrence lee
    leon leonard lewis liam louis luis luke marc marco marcus mario mark martin marvin matt
    matthew maurice max michael miguel mike mikhail mitch mitchell mohamed mohammad mohammed
    muhammad nathan neil nicholas nick nigel noah oleg oliver omar oscar pablo patrick paul
    pedro pete peter phil philip philippe pierre rafael ralph randy raymond ricardo richard
    rick rob robert roberto rodney roger ron ronald ross roy russell ryan salman sam samuel
    scott sean sebastian sergei sergey seth shawn simon stanley stefan stephen steve steven
    stuart ted terry thomas tim timothy todd tom tommy tony travis trevor troy tyler victor
    vincent vladimir walter warren wayne william willie xavier yevgeny yuri zachary
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    abigail ada adriana agnes alexandra alice alicia alison allison amanda amber amelia amy
    ana anastasia andrea angela angelica anita ann anna anne annette antonia barbara beatrice
    betty beverly bonnie brenda bridget brittany camila carla carmen carol caroline carolyn
    catherine cecilia charlotte chelsea cheryl chloe christina christine cindy claire clara
    claudia colleen connie cynthia daisy dana daniela danielle deborah debra denise diana
    diane donna doris dorothy edith elaine eleanor elena elizabeth ella ellen elsa emily emma
    erica erin esther eva evelyn fatima fiona florence frances françoise gabriela gabrielle
    gail gina gloria grace hannah harriet hazel heather heidi helen helena hillary holly ida
    ingrid irene iris isabel isabella jacqueline jane janet janice jasmine jean jeanette
    jennifer jessica jill joan joanna joanne jody josephine joy joyce judith judy julia julie
    june karen kate katherine kathleen kathryn kathy katie kayla kelly kimberly kristen
    kristina laura lauren leah lena leslie lillian linda lisa lois lori louise lucia lucy
    lydia lynn madeleine madison margaret maria marie marilyn marina marion martha mary
    maureen maya megan melania melanie melissa michelle mildred miriam molly monica nadia
    nancy naomi natalia natalie natasha nicole nina nora olga olivia pamela patricia paula
    pauline peggy penny priya rachel rebecca regina renee rita roberta rosa rose ruth sabrina
    sally samantha sandra sara sarah sharon sheila shirley silvia sofia sonia sophia sophie
    stephanie susan suzanne svetlana sylvia tamara tanya teresa theresa tina tracy ursula
    valerie vanessa vera veronica victoria violet virginia wendy yolanda yvonne zoe
    """.split()
)
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
              "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}


def assign_genders(doc: Doc, index: EntityIndex, quoted_token: list[int | None]) -> None:
    """Set ``Cluster.gender`` for the people of the document where evidence allows."""
    votes: dict[str, Counter[str]] = {}
    people = [c for c in index.clusters if c.type == "PERSON"]
    for c in people:
        for s, _ in c.mentions:
            if s > 0 and doc[s - 1].lower_ in HONORIFICS:
                votes.setdefault(c.id, Counter())[HONORIFICS[doc[s - 1].lower_]] += 5
    # the article's own pronouns: in a sentence with one person, and in the next sentence
    # when that one names nobody
    sents = list(doc.sents)
    prev_only = None
    for sent in sents:
        persons = {
            index.at(i).id
            for i in range(sent.start, sent.end)
            if index.at(i) is not None and index.at(i).type == "PERSON" and quoted_token[i] is None
        }
        pronouns = Counter(
            PRONOUN_GENDER[t.lower_]
            for t in sent
            if t.lower_ in PRONOUN_GENDER and quoted_token[t.i] is None
        )
        only = next(iter(persons)) if len(persons) == 1 else None
        target = only or (prev_only if not persons else None)
        if target is not None and pronouns:
            votes.setdefault(target, Counter()).update(pronouns)
        prev_only = only if persons else prev_only if not persons else None
    for c in people:
        v = votes.get(c.id)
        if v:
            (g, n), *rest = v.most_common(2) + [("", 0)]
            if n >= 2 * rest[0][1] and n >= 1:
                c.gender = g
                continue
        first = c.words[0] if len(c.words) > 1 else None
        if first in MALE_NAMES:
            c.gender = "m"
        elif first in FEMALE_NAMES:
            c.gender = "f"
