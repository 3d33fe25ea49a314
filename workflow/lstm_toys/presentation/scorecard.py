"""The scorecard as Markdown, made from the claims documents (``results/claims/*.json``):
one row per write-up observation, in the write-ups' order, with its verdict, the
median (or share) and its interval, k of n, the threshold and its basis, the ablation
beside it, and, where a file of earlier verdicts is given, the verdict before. The
README's results table is this file's output, never typed by hand."""

import csv

from lstm_toys.evaluation.verdict_names import INCONCLUSIVE, NOT_REPRODUCED, REPRODUCED

VERDICTS = (REPRODUCED, NOT_REPRODUCED, INCONCLUSIVE)


def source_order(row) -> tuple:
    """A write-up's file, then the first line of the observation."""
    file, lines = row["source"].split(":")
    return file, int(lines.split("-")[0])


def rows(documents: list) -> list:
    """Every claim of every document, with its experiment, in the write-ups' order."""
    found = [{**claim, "experiment": document["experiment"]} for document in documents for claim in document["claims"]]
    return sorted(found, key=lambda row: (*source_order(row), row["experiment"]))


def _number(value) -> str:
    return "n/a" if value is None else f"{value:.3g}"


def _interval(interval) -> str:
    return "n/a" if not interval else f"[{_number(interval[0])}, {_number(interval[1])}]"


def measured(row: dict) -> str:
    """The median (or share) and its interval, and k of n."""
    judged = "" if all(row["judged"]) else f" ({len(row['judged']) - sum(row['judged'])} not judged)"
    what = "share" if row["statistic"] == "rate" else "median"
    return f"{what} {_number(row['measured'])} {_interval(row['interval'])}, {row['passing']}/{row['replicates']}{judged}"


def threshold(row: dict) -> str:
    rate = f", in more than {row['share']:g} of runs" if row["statistic"] == "rate" else ""
    return f"{row['comparison']} {row['threshold']:g}{rate}"


def ablation(row: dict) -> str:
    twin = row.get("ablation")
    if not twin:
        return ""
    same = "same verdict" if twin["same"] else f"differs: {twin['verdict']}"
    return f"{', '.join(twin['variants'])}: {same}, {_number(twin['measured'])}, {twin['passing']}/{twin['replicates']}"


def earlier(path) -> dict:
    """``{(experiment, claim): the verdict before}`` from a TSV (experiment, claim, before)."""
    if path is None:
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        return {(r["experiment"], r["claim"]): r["before"] for r in csv.DictReader(handle, delimiter="\t")}


def totals(found: list) -> str:
    """The verdicts' counts per write-up and in all (the write-ups' own models; the
    ablations are not counted)."""
    files = sorted({row["source"].split(":")[0] for row in found})
    lines = ["| write-up | observations | reproduced | not reproduced | inconclusive |", "|---|---|---|---|---|"]
    for file in [*files, None]:
        chosen = [row for row in found if file is None or row["source"].startswith(file)]
        name = "all" if file is None else file.split("_")[0]
        lines.append(f"| {name} | {len(chosen)} | " + " | ".join(map(str, counts(chosen).values())) + " |")
    return "\n".join(lines)


def counts(rows: list) -> dict:
    """``{verdict: how many of rows have it}``, for each verdict in ``VERDICTS``' order."""
    return {verdict: sum(row["verdict"] == verdict for row in rows) for verdict in VERDICTS}


def preview_note(preview: list) -> str:
    """The warning a scorecard of a smaller config than the full one opens with."""
    if not preview:
        return ""
    return (f"> **A preview, not the study's result**: {len(preview)} settings are below the full config's "
            f"(first: {preview[0]}); these verdicts show that the pipeline runs.\n\n")


def markdown(documents: list, before=None, preview=()) -> str:
    found, was = rows(documents), earlier(before)
    header = ["write-up lines", "experiment", "observation", "verdict", "measured", "threshold", "basis", "ablation"]
    if was:
        header.append("before")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in found:
        cells = [row["source"].replace(".txt", ""), f"`{row['experiment']}`", f"{row['claim']}: {row['observed']}",
                 f"**{row['verdict']}**", measured(row), threshold(row), row["basis"], ablation(row)]
        if was:
            cells.append(was.get((row["experiment"], row["claim"]), "new"))
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return preview_note(list(preview)) + totals(found) + "\n\n" + "\n".join(lines) + "\n"
