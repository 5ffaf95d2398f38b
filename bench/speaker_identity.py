"""How well the archive makes one speaker of each person across articles: pairwise precision and recall
of its merges.

Generated cases: made-up people, some sharing a surname (and some of those an initial), named in each
article in one of the ways news names people -- full name, role and full name, initial and surname,
bare surname, title and surname -- saved article by article; every pair of article speakers the
archive puts together is checked against who they really are.

Real text: the PolNeAR dev articles analyzed by `sayso analyze` (give its JSON Lines with --analyses,
or the script analyzes them), saved to an archive; every pair of article speakers (people) the archive
merged, or left apart though they share a surname, is scored against hand judgments in
bench/data/polnear_dev_people.json (who each article's speaker is), where there is one.

    .venv/bin/python bench/speaker_identity.py [--articles 400] [--analyses polnear-dev.jsonl]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa

from sayso.config import settings
from sayso.model import Analysis, Quote, Speaker, SpeakerRef, content_id
from sayso.store import open_store
from sayso.store import schema as t

MALE = ["James", "John", "Robert", "Michael", "David", "Richard", "Thomas", "Boris", "Stanley", "Dmitry", "Peter"]
FEMALE = ["Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Susan", "Karen", "Nancy", "Anna", "Elena", "Sarah"]
SURNAMES = [
    "Johnson", "Peskov", "Varga", "Reyes", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Brennan",
    "Haddad", "Novak", "Fischer", "Costa", "Ivanova", "Walsh", "Sato", "Mendes", "Larsen", "Quinn",
]  # fmt: skip
ROLES = ["spokesman", "minister", "senator", "mayor", "chief executive", "professor", "governor", "adviser"]
FORMS = [("full", 0.35), ("role full", 0.2), ("initial", 0.05), ("surname", 0.3), ("title", 0.1)]
GOLD = Path(__file__).resolve().parent / "data" / "polnear_dev_people.json"


def people(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(first, last, role, gender): the first 8 surnames have 2-3 people each, the rest one."""
    out = []
    for i, last in enumerate(SURNAMES):
        for _ in range(rng.choice((2, 3)) if i < 8 else 1):
            gender = rng.choice(("male", "female"))
            firsts = [p[0] for p in out if p[1] == last]
            first = rng.choice([n for n in (MALE if gender == "male" else FEMALE) if n not in firsts])
            out.append((first, last, rng.choice(ROLES), gender))
    return out


def mention(person: tuple[str, str, str, str], rng: random.Random) -> tuple[str, list[str]]:
    first, last, role, gender = person
    form = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS])[0]
    name = {
        "full": f"{first} {last}",
        "role full": f"{role} {first} {last}",
        "initial": f"{first[0]}. {last}",
        "surname": last,
        "title": f"{'Mr.' if gender == 'male' else 'Mrs.'} {last}",
    }[form]
    return name, [role] if rng.random() < 0.5 else []


def generated_article(number: int, cast: list[tuple[str, str, str, str]], rng: random.Random) -> Analysis:
    aid, text, quotes, speakers = f"g{number:04d}", "", [], []
    for person in cast:
        name, roles = mention(person, rng)
        start = len(text)
        text += f'{name} said: "Statement {number} of {person[1]}." '
        sid = content_id("PERSON", name.lower())
        speakers.append(Speaker(id=sid, name=name, type="PERSON", roles=roles, mentions=[(start, start + len(name))]))
        span = (start + len(name) + 8, len(text) - 3)
        quotes.append(
            Quote(id=content_id(aid, str(span)), kind="direct", content=text[span[0] : span[1]],
                  content_spans=[span], speaker_id=sid, speaker=SpeakerRef(id=sid, name=name, type="PERSON"))
        )  # fmt: skip
    day = f"2024-{1 + number // 60 % 12:02d}-{1 + number % 28:02d}"
    return Analysis(id=aid, text_sha1=content_id(text, length=40), text=text, published=day, quotes=quotes,
                    speakers=speakers)  # fmt: skip


def pairwise(
    system: dict[tuple[str, str], str], truth: dict[tuple[str, str], str], unresolved: frozenset[str] = frozenset()
) -> tuple[float, float, int, int]:
    """Precision and recall of 'same speaker' over the pairs of article speakers in ``truth``; pairs that
    share an ``unresolved`` speaker (surname-only: who it is was left open) count as kept apart."""
    together = both = same = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        if a[0] == b[0]:
            continue  # within one article is the per-article resolver's job
        s, g = system[a] == system[b] and system[a] not in unresolved, truth[a] == truth[b]
        together += s
        same += g
        both += s and g
    return (both / together if together else 1.0), (both / same if same else 1.0), together, same


def stored_speakers(url: str) -> dict[tuple[str, str], str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        sp = t.article_speakers
        rows = conn.execute(sa.select(sp.c.article_id, sp.c.local_id, sp.c.speaker_id)).all()
    engine.dispose()
    return {(a, local): sid for a, local, sid in rows}


def surname_only(url: str) -> frozenset[str]:
    """Archive people known by a surname only."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.speakers.c.id, t.speakers.c.key).where(t.speakers.c.type == "PERSON")).all()
    engine.dispose()
    return frozenset(sid for sid, key in rows if len(key.split()) == 1)


def generated(n: int, seed: int) -> None:
    rng = random.Random(seed)
    cast = people(rng)
    weights = [1 / (i + 1) ** 0.7 for i in range(len(cast))]
    truth: dict[tuple[str, str], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'identity.db'}"
        with open_store(url) as store:
            for number in range(n):
                picked: dict[str, tuple[str, str, str, str]] = {}
                while len(picked) < 3:
                    person = rng.choices(cast, weights=weights)[0]
                    picked.setdefault(person[1], person)  # one person a surname in an article
                analysis = generated_article(number, list(picked.values()), rng)
                store.save(analysis)
                for speaker, person in zip(analysis.speakers, picked.values(), strict=True):
                    truth[(analysis.id, speaker.id)] = f"{person[0]} {person[1]}"
        system, bare = stored_speakers(url), surname_only(url)
    shared = sum(1 for last in {c[1] for c in cast} if sum(c[1] == last for c in cast) > 1)
    print(f"generated: {n} articles, {len(cast)} people ({shared} surnames shared by 2-3 people)")
    for label, unresolved in (("all merges", frozenset[str]()), ("merges into named people", bare)):
        p, r, together, same = pairwise(system, truth, unresolved)
        print(
            f"  {label}: pairs of article speakers put together {together}, really the same {same}; "
            f"precision {p:.3f}, recall {r:.3f}"
        )


def analyses(path: Path | None) -> Iterable[Analysis]:
    if path is not None:
        for line in path.read_text(encoding="utf-8").splitlines():
            yield Analysis.model_validate_json(line)
        return
    from sayso.batch import Options, analyze_inputs

    folder = settings().polnear_dir / "dev" / "text"
    for outcome in analyze_inputs(sorted(str(p) for p in folder.glob("*.txt")), Options(), workers=2):
        if outcome.analysis is not None:
            yield outcome.analysis


def real(path: Path | None) -> None:
    if path is None and not (settings().polnear_dir / "dev" / "text").is_dir():
        print("real text: skipped (no ../shared/data/polnear/dev/text)")
        return
    names: dict[tuple[str, str], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'real.db'}"
        with open_store(url) as store:
            for analysis in analyses(path):
                store.save(analysis)
                names.update({(analysis.id, s.id): s.name for s in analysis.speakers if s.type == "PERSON"})
        system = {k: v for k, v in stored_speakers(url).items() if k in names}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["people"] if GOLD.exists() else {}
    truth = {k: gold[f"{k[0]}|{names[k]}"] for k in names if f"{k[0]}|{names[k]}" in gold}
    merged = _report_clusters(system, names)
    if truth:
        p, r, together, same = pairwise(system, truth)
        print(
            f"real text (PolNeAR dev): {len(truth)} of {len(names)} article speakers (people) judged by hand; "
            f"pairs put together: {together}, really the same: {same}; precision {p:.3f}, recall {r:.3f}"
        )
    print(f"real text: {merged} archive people gather names from more than one article")


def _report_clusters(system: dict[tuple[str, str], str], names: dict[tuple[str, str], str]) -> int:
    clusters: dict[str, set[tuple[str, str]]] = {}
    for key, sid in system.items():
        clusters.setdefault(sid, set()).add((key[0], names[key]))
    merged = 0
    for members in sorted(clusters.values(), key=lambda m: -len(m)):
        if len({a for a, _ in members}) > 1:
            merged += 1
            print("  together: " + "; ".join(sorted({n for _, n in members})), file=sys.stderr)
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--analyses", type=Path, default=None, help="`sayso analyze --format jsonl` of the dev texts")
    args = parser.parse_args()
    generated(args.articles, args.seed)
    real(args.analyses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
