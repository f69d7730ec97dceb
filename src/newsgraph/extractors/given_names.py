"""Common given names, for telling a person's name from other capitalised words and for
grammatical gender."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

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
    ivan jack jacob jake james jamie jared jason javier jeff jeffrey jeremy jerome jerry
    jesse jim jimmy joe joel johan john johnny jon jonathan jorge jose joseph josh joshua juan
    julian justin karl keith ken kenneth kevin konstantin kurt larry lawrence lee
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
GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES


# ---------------------------------------------------------------- the SSA table
# data/given_names.tsv.gz: US Social Security Administration counts of babies given each name,
# by sex, 1880-2018 (public domain; scripts/build_given_names.py, data/README.md). Names
# given at least this many times in all are common enough to be evidence of a person.
COMMON_NAME_COUNT = 1000
TABLE = Path(__file__).resolve().parents[1] / "data" / "given_names.tsv.gz"


@lru_cache(maxsize=1)
def name_counts() -> dict[str, tuple[int, int]]:
    """Given name (lower case) -> (female count, male count)."""
    out: dict[str, tuple[int, int]] = {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            name, fem, male = line.rstrip("\n").split("\t")
            out[name] = (int(fem), int(male))
    return out


def given_name_count(word: str) -> int:
    """How many people (in the table) bear ``word`` as a given name; the hand-written lists
    above count as common."""
    if word in GIVEN_NAMES:
        return max(COMMON_NAME_COUNT, sum(name_counts().get(word, (0, 0))))
    return sum(name_counts().get(word, (0, 0)))


def female_share(word: str) -> float | None:
    """The share of bearers of the given name ``word`` who are female; None if unknown."""
    f, m = name_counts().get(word, (0, 0))
    return f / (f + m) if f + m else None
