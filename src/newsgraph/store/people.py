"""Person resolution across articles: which profile does a PERSON entity belong to?

The rule (documented in docs/knowledge-base.md, pinned by tests/test_store_people.py):

1. Names are compared by ``names.name_key`` (case, diacritics, hyphens, spacing ignored).
2. A full name (two tokens or more) joins an existing cross-article profile with the same key,
   unless their roles clearly conflict: both sides know a place *and* an organisation, and
   neither any place nor any organisation is shared. Among several compatible profiles the
   one sharing the most places/organisations wins, then the oldest. No compatible profile:
   a new one (slug ``name``, ``name-2``, ...).
3. A single-token name ("Asmolov") never matches across articles. Inside its article it joins
   the one full-name person whose name contains that token; otherwise it gets a profile
   scoped to that article (slug ``name@article``) that no other article can join.

Slugs: ``kim-jong-un`` for the first profile of a name, ``kim-jong-un~2`` for a second person
of the same name, ``asmolov@3f1c2a9b0d4e`` for an article-scoped one.

The resolver keeps what it has learnt in memory (per ingest); after a failed transaction the
ingest calls ``reset()`` and it reloads from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.store.keys import person_id
from newsgraph.store.names import name_key, slugify
from newsgraph.store.prepare import PEntity, Prepared
from newsgraph.store.rows import Rows, Sql

PERSON = "PERSON"


@dataclass(slots=True)
class PersonState:
    id: int
    slug: str
    name: str
    places: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    variants: set[str] = field(default_factory=set)


def roles_conflict(p: PersonState, places: set[str], orgs: set[str]) -> bool:
    """Clear evidence of two different people: other places AND other organisations."""
    return bool(places and orgs and p.places and p.orgs
                and places.isdisjoint(p.places) and orgs.isdisjoint(p.orgs))


def _slug_order(p: PersonState) -> tuple[int, str]:
    return (len(p.slug), p.slug)


class PeopleResolver:
    def __init__(self) -> None:
        self.by_key: dict[str, list[PersonState]] = {}
        self.local_slugs: set[str] = set()  # article-scoped profiles made so far
        self.orgs_seen: set[str] = set()  # organisation keys queued so far (insert is idempotent)

    def reset(self) -> None:
        self.by_key.clear()
        self.local_slugs.clear()
        self.orgs_seen.clear()

    def prefetch(self, db: Sql, articles: list[Prepared]) -> None:
        """Load every cross-article profile whose key occurs in these articles (one query)."""
        by_key = self.by_key
        keys = {e.key for a in articles for e in a.entities
                if e.type == PERSON and " " in e.key and e.key not in by_key}
        if not keys:
            return
        found: dict[int, tuple[str, PersonState]] = {}
        for pid, slug, name, key, scope in db.where_in(
                "id, slug, name, name_key, scope", "people", "name_key", sorted(keys), "text"):
            if scope is None:
                found[pid] = (key, PersonState(pid, slug, name))
        for key in keys:
            by_key[key] = []
        if found:
            ids = sorted(found)
            for pid, kind, akey in db.where_in("person_id, kind, key", "person_affiliations",
                                               "person_id", ids, "bigint"):
                st = found[pid][1]
                (st.orgs if kind == "org" else st.places).add(akey)
            for pid, variant in db.where_in("person_id, name", "person_names", "person_id",
                                            ids, "bigint"):
                found[pid][1].variants.add(variant)
            for key, st in found.values():
                by_key[key].append(st)
            for key in {key for key, _ in found.values()}:
                by_key[key].sort(key=_slug_order)

    def resolve(self, art: Prepared, rows: Rows) -> dict[str, PersonState]:
        """Map the article's PERSON entity ids to profiles, queuing rows for new facts."""
        out: dict[str, PersonState] = {}
        full = [e for e in art.entities if e.type == PERSON and " " in e.key]
        single = [e for e in art.entities if e.type == PERSON and e.key and " " not in e.key]
        states: dict[str, PersonState] = {}
        for e in full:
            st = self._resolve_full(e, art, rows)
            out[e.local_id] = states[e.local_id] = st
        for e in single:
            owners = {states[f.local_id].id: states[f.local_id] for f in full
                      if e.key in f.key.split()}
            if len(owners) == 1:
                st = next(iter(owners.values()))
                self._learn(st, e, art, rows)
            else:
                st = self._local_profile(e, art, rows)
            out[e.local_id] = st
        return out

    def _resolve_full(self, e: PEntity, art: Prepared, rows: Rows) -> PersonState:
        places = {name_key(p) for _, _, p in e.roles if p}
        orgs = {name_key(o) for _, o, _ in e.roles if o}
        best: PersonState | None = None
        best_score = -1
        for cand in self.by_key.setdefault(e.key, []):
            if roles_conflict(cand, places, orgs):
                continue
            score = len(cand.places & places) + len(cand.orgs & orgs)
            if score > best_score:
                best, best_score = cand, score
        if best is None:
            best = self._new_profile(e, art, rows)
            self.by_key[e.key].append(best)
        self._learn(best, e, art, rows)
        return best

    def _new_profile(self, e: PEntity, art: Prepared, rows: Rows) -> PersonState:
        # Slugs are one-to-one with name keys (names.slugify), and by_key holds every
        # profile of this key, so the next free "~n" suffix needs no database lookup.
        n = len(self.by_key[e.key]) + 1
        slug = slugify(e.name) + (f"~{n}" if n > 1 else "")
        st = PersonState(person_id(slug), slug, e.name)
        rows.add("people", (st.id, slug, e.name, e.key, None, art.id))
        for tok in sorted(set(e.key.split())):
            rows.add("person_tokens", (tok, st.id))
        return st

    def _local_profile(self, e: PEntity, art: Prepared, rows: Rows) -> PersonState:
        slug = f"{slugify(e.name)}@{art.id[:12]}"
        st = PersonState(person_id(slug), slug, e.name)
        if slug not in self.local_slugs:  # a second entity with the same bare name: same one
            rows.add("people", (st.id, slug, e.name, e.key, art.id, art.id))
            rows.add("person_tokens", (e.key, st.id))
            self.local_slugs.add(slug)
        self._learn(st, e, art, rows)
        return st

    def _learn(self, st: PersonState, e: PEntity, art: Prepared, rows: Rows) -> None:
        """Queue the names, affiliations and roles this article shows for the person."""
        for variant in (e.name, *e.mentions):
            if variant not in st.variants:
                st.variants.add(variant)
                rows.add("person_names", (st.id, variant, name_key(variant)))
        for title, org, place in e.roles:
            rows.add_role(st.id, art, title, org, place)
            for kind, value, known in (("org", org, st.orgs), ("place", place, st.places)):
                if value:
                    k = name_key(value)
                    if k and k not in known:
                        known.add(k)
                        rows.add("person_affiliations", (st.id, kind, k, value))
                        if kind == "org" and k not in self.orgs_seen:
                            self.orgs_seen.add(k)
                            rows.add("organisations", (k, value))
