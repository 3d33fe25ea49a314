"""The folder where what is made from the sources is kept (``lstm_toys.source_cache``) is
the user's own: where something else stands in its place, a start keeps nothing, and
still validates the config and knows every job's code identity."""

import atexit
import hashlib
import json
import os
from pathlib import Path

import pytest

from lstm_toys import code_identity, contract, source_cache, validation
from lstm_toys.config import ConfigError

from conftest import REPO


def plant(place: Path, what: str, target: Path) -> None:
    """Put ``what`` where the user's folder would be made."""
    if what == "a link to a folder elsewhere":
        place.symlink_to(target, target_is_directory=True)
    else:
        place.write_text("")


@pytest.mark.parametrize("what", ["a link to a folder elsewhere", "a file"])
def test_a_start_keeps_nothing_where_the_folder_is_not_its_own_and_still_validates(copied_sources, tmp_path,
                                                                                 monkeypatch, what):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plant(tmp_path / f"lstm-toys-{os.getuid()}", what, elsewhere)
    at_exit = []
    monkeypatch.setattr(atexit, "register", lambda *call, **keywords: at_exit.append((call, keywords)))

    assert source_cache.path(validation.SCHEMA) is None
    given = Path(validation.schema_file())
    assert json.loads(given.read_text()) == contract.schema()
    assert validation.effective_config(REPO)["replicates"] >= 1  # valid: given back, completed
    with pytest.raises(ConfigError, match="^replicates: 0 is less than the minimum of 1"):
        validation.effective_config(REPO, {"replicates": 0})
    made = code_identity.identity("predict.py")
    assert made == hashlib.sha256(code_identity.reach("predict.py").text().encode()).hexdigest()
    assert list(elsewhere.iterdir()) == []  # nothing written through the link

    for (function, *arguments), keywords in at_exit:  # the start ends: its own schema file goes
        function(*arguments, **keywords)
    assert not given.exists()
