"""The pipeline's JSON results (metrics, claims): written with sorted keys and the
layout version, read back with an error that names the file and what is wrong."""

import json
from pathlib import Path

from lstm_toys.data.layout import LAYOUT, ResultFileError, check_layout


def write_document(path, document: dict) -> None:
    with open(path, "w") as handle:
        json.dump({**document, "layout": LAYOUT}, handle, indent=2, sort_keys=True)


def read_document(path, required=()) -> dict:
    """The document at ``path`` without its layout version."""
    path = Path(path)
    try:
        document = json.loads(path.read_text())
    except FileNotFoundError:
        raise ResultFileError(f"{path}: file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ResultFileError(f"{path}: not valid JSON, truncated or edited by hand? ({error})") from None
    if not isinstance(document, dict):
        raise ResultFileError(f"{path}: not a results document (a JSON {type(document).__name__}, not an object)")
    check_layout(path, document.pop("layout", None))
    missing = [key for key in required if key not in document]
    if missing:
        raise ResultFileError(f"{path}: missing {', '.join(missing)}")
    return document
