"""Who speaks, for which side, and with what stance, in the frames wire copy uses: a grid of
speakers, frames and contents, each a one-report text, each scored on its first claim (a
second, wrong claim from the same text goes unseen here: tests/test_claim_rules.py holds
such cases).

    python bench/frames.py                     # this checkout
    python bench/frames.py --code /tmp/before  # another checkout of geomap (a worktree)

Prints, for each grid, how many of its texts give the first claim the side (speakers) or
the stance (contents) a reader gives it, and the texts that do not. The sentences are
written for this bench, of the Armenia-Azerbaijan and Kyrgyzstan-Tajikistan borders:

- "speakers" (22 speakers in 9 frames) and "stances" (15 contents in 12 frames) are the
  grids the rules of session 36 were fixed against: in-sample, a regression check;
- "held out" (9 speakers, 8 frames, 5 contents) was written after those fixes and run once
  before any change from it: its first figure is the honest one (see the closing note).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPENING = "YEREVAN — Azerbaijani troops advanced near Berd on Sunday. "

SPEAKERS = [
    ("Armenia's defence ministry", "AM"), ("the Armenian defence ministry", "AM"),
    ("Armenian Defence Minister Suren Papikyan", "AM"),
    ("Suren Papikyan, Armenia's defence minister,", "AM"),
    ("a spokesman for Armenia's defence ministry", "AM"),
    ("Armenia's defence ministry spokeswoman Aram Torosyan", "AM"),
    ("two Armenian security officials", "AM"),
    ("an Armenian official who asked not to be named", "AM"), ("Armenian border guards", "AM"),
    ("the Armenian army", "AM"), ("Yerevan", "AM"),
    ("Armenian Prime Minister Nikol Pashinyan", "AM"),
    ("the head of Armenia's Tavush province", "AM"), ("Tavush governor Hayk Ghalumyan", "AM"),
    ("residents of Berd", "AM"), ("a resident of Berd", "AM"),
    ("the UN Secretary-General's spokesman", "UN"), ("the EU's foreign policy chief", "EU"),
    ("Human Rights Watch", "HRW"), ("Russia's foreign ministry", "RU"), ("the Kremlin", "RU"),
    ("U.S. State Department spokesman Matthew Miller", "US"),
]
SPEAKER_FRAMES = [
    "{S} said Azerbaijani troops shelled Berd.",
    "Azerbaijani troops shelled Berd, {s} said.",
    "\"Azerbaijani troops shelled Berd,\" {s} said.",
    "According to {s} Azerbaijani troops shelled Berd.",
    "{S} told reporters that Azerbaijani troops shelled Berd.",
    "{S} accused Azerbaijani troops of shelling Berd.",
    "{S} has said Azerbaijani troops shelled Berd.",
    "On Monday, {s} said Azerbaijani troops shelled Berd.",
    "Azerbaijani troops shelled Berd, said {s}.",
]
CONTENTS = [
    ("Azerbaijani troops crossed into Tavush", "asserts"),
    ("Azerbaijani troops did not cross into Tavush", "denies"),
    ("no Azerbaijani soldier crossed into Tavush", "denies"),
    ("Azerbaijani troops never entered Tavush", "denies"),
    ("reports that Azerbaijani troops shelled Tavush were false", "denies"),
    ("Azerbaijan must withdraw its troops from Tavush", "calls"),
    ("Azerbaijani forces have not fired a single shot at Tavush", "denies"),
    ("there was no incursion into Tavush", "denies"),
    ("not a single Azerbaijani soldier was in Tavush", "denies"),
    ("no shots were fired at Tavush", "denies"),
    ("Azerbaijan had nothing to do with the shelling of Tavush", "denies"),
    ("the situation in Tavush was calm", "asserts"),
    ("Azerbaijani troops shelled Tavush with mortars", "asserts"),
    ("Baku should stop the shelling of Tavush", "calls"),
    ("the international community must condemn the shelling of Tavush", "calls"),
]
STANCE_FRAMES = [
    "{C}, Armenia's defence ministry said.", "Armenia's defence ministry said {c}.",
    "Armenia's defence ministry said that {c}.", "According to Armenia's defence ministry, {c}.",
    "\"{C},\" Armenia's defence ministry said.", "\"{C},\" said Armenia's defence ministry.",
    "Armenia's defence ministry said on Monday that {c}.",
    "{C}, Armenia's defence ministry said in a statement on Monday.",
    "In a statement, Armenia's defence ministry said {c}.",
    "Armenia's defence ministry, in a statement, said {c}.",
    "{C}, according to Armenia's defence ministry.",
    "Armenia's defence ministry told reporters that {c}.",
]
HELD_OPENING = "BISHKEK — Tajik troops advanced near Kok-Tash on Sunday. "
HELD_SPEAKERS = [
    ("Kyrgyzstan's border service", "KG"), ("Tajik Foreign Minister Sirojiddin Muhriddin", "TJ"),
    ("a Kyrgyz border guard commander", "KG"), ("Kyrgyz President Sadyr Japarov", "KG"),
    ("the Tajik State Committee for National Security", "TJ"),
    ("Batken region governor Abdikadyr Aidaraliev", "KG"),
    ("Russia's foreign ministry spokeswoman Maria Zakharova", "RU"), ("the OSCE", "OSCE"),
    ("residents of Vorukh", "TJ"),
]
HELD_FRAMES = [
    "{S} warned on Tuesday that {c}.", "{S} stressed in a televised address that {c}.",
    "Speaking in parliament, {s} said {c}.", "{C}, {s} wrote on X.", "{S} claimed {c}.",
    "{S}, speaking to state television, said {c}.", "{S} reiterated that {c}.",
    "In comments carried by state media, {s} said {c}.",
]
HELD_CONTENTS = [
    ("Tajik troops fired mortars at Kok-Tash", "asserts"),
    ("Kyrgyz troops did not open fire on Vorukh", "denies"),
    ("the Tajik side must withdraw its troops from Kok-Tash", "calls"),
    ("reports of an attack on Vorukh were fabricated", "denies"),
    ("no Kyrgyz unit entered Vorukh", "denies"),
]


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def texts() -> dict[str, list[tuple[str, str, str]]]:
    """Each grid's (text, what is scored: side or stance, the answer)."""
    speakers = []
    for (who, side), frame in itertools.product(SPEAKERS, SPEAKER_FRAMES):
        # (an appositive's closing comma only where the verb follows it)
        mid = who if "{s} " in frame or "{S} " in frame else who.rstrip(",")
        body = frame.replace("{S}", _cap(mid)).replace("{s}", mid)
        if "According to" in frame:
            body = body.replace(f"{mid} ", f"{who.rstrip(',')}, ")
        speakers.append((OPENING + body.replace(",,", ","), "side", side))
    stances = [("YEREVAN — " + f.format(c=c, C=_cap(c)), "stance", want)
               for (c, want), f in itertools.product(CONTENTS, STANCE_FRAMES)]
    held = [(HELD_OPENING + f.format(s=who, S=_cap(who), c=c, C=_cap(c)), what, want)
            for (who, side), f, (c, stance) in itertools.product(HELD_SPEAKERS, HELD_FRAMES,
                                                                 HELD_CONTENTS)
            for what, want in (("side", side), ("stance", stance))]
    return {"speakers": speakers, "stances": stances, "held out": held}


def worker(code: str) -> dict:
    """Run in a process of its own, with ``code``'s geomap first on the path."""
    sys.path.insert(0, code)
    from geomap.api import extract
    from geomap.records import Document

    out = {}
    for grid, cases in texts().items():
        wrong = []
        for text, what, want in cases:
            said = [c for c in extract(Document(text=text, name="frames.txt",
                                                published="2024-06-14"))
                    if c.claimant != "the report (unattributed)"]
            got = (said[0].claimant_side if what == "side" else said[0].stance) if said else ""
            if got != want:
                wrong.append([text, what, want, got])
        out[grid] = {"n": len(cases), "wrong": wrong}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--code", default=str(ROOT), help="a checkout of geomap (default: this)")
    ap.add_argument("--show", type=int, default=10, help="wrong texts to print per grid")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    run = subprocess.run([sys.executable, __file__, "--worker", args.code],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    print(f"frames of wire copy, geomap at {args.code}")
    for grid, r in result.items():
        right = r["n"] - len(r["wrong"])
        print(f"  {grid:9} {right:4} of {r['n']:4} right ({100 * right / r['n']:.1f} %)")
        for text, what, want, got in r["wrong"][:args.show]:
            print(f"      {what} {want!r}, got {got!r}: {text[text.index('— ') + 2:]}")


if __name__ == "__main__":
    main()
