"""Importing Anki's Image Occlusion notes: quizzer beside the real Anki, same package,
same run.

Builds (once, in a temp folder) a modern .apkg of 100 Image Occlusion notes made with the
real Anki backend (the `anki` test extra), each on an image of its own (1200 x 900 PNG,
drawn with labels) with 5 shapes: 500 cards. Then, alternating, each in its own process:

- **quizzer, first import**: a fresh database and deck folder; it draws every card's
  question and answer (1,000 images);
- **quizzer, again**: the same package into the folder the first import wrote; the
  drawings are linked from the deck's media folder, not drawn again;
- **Anki** (the reference): its own importer into a fresh collection. Anki draws
  nothing at import: its review draws the shapes each time a card is shown.

Each is the import call alone, timed inside the process as bench_interchange.py times
it; peak RSS is the whole process's. Prints the median and p99 of each; asserts
nothing. Run: `.venv/bin/python bench/bench_occlusion.py [--runs 5] [--notes 100]
[--json]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_interchange import _ANKI, QUIZZER_SCRIPT, _figures, _new, _ratio, _run, print_rows

NOTES = 100
SHAPES = 5

_QUIZZER = QUIZZER_SCRIPT.replace("CHECK", 'report.decks[0]["cards"] and not report.warnings')


def build(folder: Path, notes: int) -> Path:
    """The benchmark package (real Anki backend, its own Image Occlusion note type)."""
    from anki.collection import Collection, ExportAnkiPackageOptions
    from PIL import Image, ImageDraw

    rng = random.Random(7)
    col = Collection(str(folder / "bench.anki2"))
    col.add_image_occlusion_notetype()
    kind = col.models.by_name("Image Occlusion")
    for n in range(notes):
        image = Image.new("RGB", (1200, 900), (rng.randrange(256), 200, 220))
        pen = ImageDraw.Draw(image)
        for k in range(40):
            x, y = rng.randrange(1100), rng.randrange(800)
            pen.rectangle([x, y, x + rng.randrange(20, 100), y + 60], outline=(0, 0, 0))
            pen.text((x + 4, y + 4), f"part {k}", fill="black")
        path = folder / f"figure{n}.png"
        image.save(path)
        shapes = "<br>".join(
            f"{{{{c{i}::image-occlusion:rect:left=.{i}:top=.{i}:width=.08:height=.05:oi=1}}}}"
            for i in range(1, SHAPES + 1)
        )
        col.add_image_occlusion_note(kind["id"], str(path), shapes, f"Figure {n}", "", [])
    out = folder / "bench.apkg"
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=True, legacy=False
        ),
        limit=None,
    )
    col.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:  # in its own process: this one stays small (ru_maxrss)
        build(args.build, args.notes)
        return
    names = ("quizzer_first", "quizzer_again", "anki")
    times: dict[str, list[float]] = {name: [] for name in names}
    rss: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        subprocess.run(
            [sys.executable, __file__, "--build", temp, "--notes", str(args.notes)], check=True
        )
        package = str(folder / "bench.apkg")
        for run in range(args.runs):
            os.environ["QUIZZER_HOME"] = str(folder / f"home{run}")
            db, decks = str(folder / f"q{run}.db"), str(folder / f"decks{run}")
            took = {
                "quizzer_first": _run(_QUIZZER, package, db, decks),
                "quizzer_again": _run(_QUIZZER, package, db, decks),
                "anki": _run(_ANKI, package, str(_new(folder / f"anki{run}"))),
            }
            for name, (seconds, peak) in took.items():
                times[name].append(seconds)
                rss[name].append(peak)
            shutil.rmtree(decks)
    result: dict[str, object] = {
        "notes": args.notes,
        "cards": args.notes * SHAPES,
        "images_drawn": args.notes * SHAPES * 2,
        "runs": args.runs,
        **{name: _figures(times[name], rss[name]) for name in names},
        "ratio_first_median": _ratio(times["quizzer_first"], times["anki"]),
        "ratio_again_median": _ratio(times["quizzer_again"], times["anki"]),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.notes} Image Occlusion notes, {args.notes * SHAPES} cards, {args.runs} runs")
    labels = {
        "quizzer_first": "quizzer, first import",
        "quizzer_again": "quizzer, again",
        "anki": "Anki import call",
    }
    print_rows(labels, times, rss)
    print(f"ratio (quizzer / Anki, median): first {result['ratio_first_median']}, "
          f"again {result['ratio_again_median']}")  # fmt: skip


if __name__ == "__main__":
    main()
