"""Writes gold.json for the hand-annotated fictional articles here, from the strings of each statement
(offsets are found in the text, so that they cannot be typed wrong). Run: python make_gold.py"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

# (content, cue, source, speaker, kind); each string is searched from the previous statement's cue on,
# a source that comes before its cue is searched from the start of its paragraph.
SPECS = {
    "harbour-strike": [
        (
            "Dock workers at the Port of Kestrel walked out on Thursday after talks over pay collapsed",
            "said",
            "the union",
            "the union",
            "indirect",
        ),
        (
            "We have been patient for eighteen months. Our members will not be taken for granted any longer",
            "told",
            "union leader Margaret Ellison",
            "Margaret Ellison",
            "direct",
        ),
        (
            'the port operator had offered a rise that was "an insult to every family on this dock"',
            "said",
            "She",
            "Margaret Ellison",
            "mixed",
        ),
        (
            "the offer was the most generous in the sector",
            "said",
            "Its chief executive, Daniel Okafor",
            "Daniel Okafor",
            "indirect",
        ),
        ("The numbers speak for themselves", "said", "Okafor", "Daniel Okafor", "direct"),
        ("We have put more on the table than any other port in the country", None, None, "Daniel Okafor", "direct"),
        ("the company remained open to further talks", "added", "He", "Daniel Okafor", "indirect"),
        (
            "the strike could cost local businesses two million pounds a week",
            "According to",
            "the regional chamber of commerce",
            "regional chamber of commerce",
            "indirect",
        ),
        (
            'she was "deeply concerned" about the disruption',
            "said",
            "Transport minister Helen Brandt",
            "Helen Brandt",
            "mixed",
        ),
        ("Nobody wins from a long strike", "said", "the minister", "Helen Brandt", "direct"),
        ('the meeting had been "cordial but unproductive"', "said", "The latter", "Daniel Okafor", "mixed"),
    ],
    "two-johnsons": [
        ('what he called "last-minute games" by the opposition', "blaming", "Speaker Mike Johnson", "Mike Johnson",
         "mixed"),
        ("We will not be rushed into a bad deal", "told", "Johnson", "Mike Johnson", "direct"),
        ('Washington needed "a dose of common sense"', "saying", "former British prime minister Boris Johnson",
         "Boris Johnson", "mixed"),
        ("markets were watching closely", "added", "Mr. Johnson, who left office in 2022,", "Boris Johnson",
         "indirect"),
        ("the delay would not affect payments this month", "said", "The treasury department", "treasury department",
         "indirect"),
        ("the speaker of stalling", "accused", "Senate leader Carla Mendes", "Carla Mendes", "indirect"),
        ("He has had the numbers for a week", "said", "she", "Carla Mendes", "direct"),
        ("the opposition had made the same demand twice", "said", "The former", "Carla Mendes", "indirect"),
        ("no such demand had been made", "said", "The latter", "Mike Johnson", "indirect"),
        ("There is time to fix this", "said", "Mendes", "Carla Mendes", "direct"),
        ("But not much", None, None, "Carla Mendes", "direct"),
    ],
    "drug-trial": [
        (
            "claims by drug maker Velmora that its new arthritis pill cut pain by half in clinical trials",
            "questioned",
            "The national medicines regulator",
            "national medicines regulator",
            "indirect",
        ),
        (
            "We have not seen the full data, and until we do we cannot endorse those figures",
            "said",
            "Dr. Amina Yusuf, the regulator's head of evaluation",
            "Amina Yusuf",
            "direct",
        ),
        (
            "the company had shared every result with the regulator in March",
            "said",
            "Velmora's spokesman, Peter Lang",
            "Peter Lang",
            "indirect",
        ),
        ("The data are complete and they are public", "said", "Lang", "Peter Lang", "direct"),
        ("Anyone can read them", None, None, "Peter Lang", "direct"),
        (
            "the trial was too small to support the company's headline figure",
            "said",
            "Professor Ruth Adeyemi of Northgate University",
            "Ruth Adeyemi",
            "indirect",
        ),
        ("Forty patients is a start, not a finish", "said", "she", "Ruth Adeyemi", "direct"),
        ("they had received no complaint about the trial", "said", "Police", "Police", "indirect"),
        ("Velmora would publish a second study next year", "told", "Lang", "Peter Lang", "indirect"),
    ],
}


def find(text: str, needle: str, start: int) -> tuple[int, int]:
    at = text.find(needle, start)
    if at < 0:
        raise SystemExit(f"not found after {start}: {needle!r}")
    return at, at + len(needle)


def gold(name: str) -> dict[str, object]:
    text = (HERE / name / "article.txt").read_text(encoding="utf-8")
    quotes, pos = [], 0
    for content, cue, source, speaker, kind in SPECS[name]:
        s, e = find(text, content, pos)
        para = text.rfind("\n", 0, s) + 1
        cue_span = find(text, cue, para) if cue else None
        src_span = find(text, source, para) if source else None
        quotes.append(
            {
                "text": content,
                "start": s,
                "end": e,
                "kind": kind,
                "cue": cue,
                "speaker": speaker,
                "cue_span": list(cue_span) if cue_span else None,
                "source_span": list(src_span) if src_span else None,
            }
        )
        pos = s
    return {"id": name, "source": "written for sayso's tests (fictional)", "quotes": quotes}


if __name__ == "__main__":
    for name in SPECS:
        (HERE / name / "gold.json").write_text(
            json.dumps(gold(name), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
