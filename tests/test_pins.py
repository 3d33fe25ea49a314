"""The conda env files of the jobs carry exactly the pip pins."""

import re

import pytest
import yaml

from conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def pins(lines):
    return {m.group(1).lower(): m.group(2) for line in lines if (m := PIN.match(line.strip()))}


REQUIREMENTS = pins((REPO / "requirements.txt").read_text().splitlines())
CONSTRAINTS = pins((REPO / "constraints.txt").read_text().splitlines())
ENV_FILES = sorted((REPO / "envs").glob("*.yaml"))


def test_every_requirement_is_pinned_and_locked():
    lines = [line for line in (REPO / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert len(REQUIREMENTS) == len(lines), "every requirement is pinned with =="
    for name, version in REQUIREMENTS.items():
        assert CONSTRAINTS.get(name.replace("-", "_"), CONSTRAINTS.get(name)) == version, name


@pytest.mark.parametrize("path", ENV_FILES, ids=lambda p: p.name)
def test_env_file_pins_agree_with_requirements(path):
    env = yaml.safe_load(path.read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    env_pins = pins(pip_section)
    assert len(env_pins) == len(pip_section), f"{path.name}: every pip entry is pinned"
    for name, version in env_pins.items():
        assert REQUIREMENTS.get(name) == version, f"{path.name}: {name}=={version} vs requirements.txt"
    assert "python=3.11" in env["dependencies"]


def test_every_rule_names_an_existing_env_file():
    referenced = set()
    for rules in (REPO / "workflow" / "rules").glob("*.smk"):
        referenced |= set(re.findall(r'"\.\./\.\./(envs/[a-z_]+\.yaml)"', rules.read_text()))
    assert referenced == {str(p.relative_to(REPO)) for p in ENV_FILES}
