"""Reading and writing ``.npz`` files: reproducible bytes, no pickle, clear errors."""

import io
import zipfile
from pathlib import Path

import numpy as np

from lstm_toys.data.layout import LAYOUT, ResultFileError, check_layout

# numpy's own savez stamps the current time into the zip: a fixed date keeps
# two runs byte-identical.
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


class ArrayFileError(ResultFileError):
    """A ``.npz`` file is missing, truncated or holds something unexpected."""


LAYOUT_KEY = "__layout__"


def save_npz(path, arrays: dict) -> None:
    """Write ``arrays`` and the layout version to ``path`` with fixed metadata (same
    arrays, same bytes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {**arrays, LAYOUT_KEY: np.array(LAYOUT)}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            array = np.asarray(arrays[name])
            if array.dtype == object:
                raise TypeError(f"{path}: array {name!r} has dtype object")
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())


def load_npz(path, required=()) -> dict:
    """Every array of ``path`` as a dict (not the layout version); errors name the
    file and the problem."""
    path = Path(path)
    try:
        data = np.load(path, allow_pickle=False)
        if not isinstance(data, np.lib.npyio.NpzFile):
            raise ArrayFileError(f"{path}: not a .npz archive (a single .npy array?)")
        with data:
            arrays = {name: data[name] for name in data.files}
    except FileNotFoundError:
        raise ArrayFileError(f"{path}: file not found") from None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ArrayFileError(f"{path}: not a readable .npz file ({error})") from None
    check_layout(path, int(arrays.pop(LAYOUT_KEY)) if LAYOUT_KEY in arrays else None)
    missing = [name for name in required if name not in arrays]
    if missing:
        raise ArrayFileError(f"{path}: missing arrays {', '.join(missing)}")
    return arrays


def nest(flat: dict) -> dict:
    """``{"val.outputs": a}`` -> ``{"val": {"outputs": a}}`` (how predictions are stored)."""
    nested = {}
    for key, value in flat.items():
        split, name = key.split(".", 1)
        nested.setdefault(split, {})[name] = value
    return nested


def flatten(nested: dict) -> dict:
    return {f"{split}.{name}": value for split, arrays in nested.items() for name, value in arrays.items()}
