"""The config checks: every error is one line that names the key."""

import copy
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from lstm_toys import config as cfg
from lstm_toys import contract, validation
from lstm_toys.validation import effective_config

from conftest import REPO, SEEDS
from judging import SOURCE

def assembled() -> dict:
    """config.yaml with the experiments' files, as the Snakefile assembles them (unchecked)."""
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    validation.add_experiments(config, validation.experiment_files(REPO / "config" / "experiments"))
    return config


CONFIG = assembled()
EFFECTIVE = effective_config(REPO)
QUICK = yaml.safe_load((REPO / "config" / "quick.yaml").read_text())
SCHEMA = validation.schema()


def checked(config) -> dict:
    """The Snakefile's validation of (a copy of) ``config``: raises its one-line error;
    returns the checked copy, its defaults filled in."""
    config = copy.deepcopy(config)
    error = validation.problem(config)
    if error is not None:
        raise error
    return config


def test_shipped_configs_are_valid():
    checked(CONFIG)
    checked(cfg.deep_merge(CONFIG, QUICK))


def amplitude(config):
    return config["experiments"]["s2v_amplitude"]


BAD = {
    "missing seed": (lambda c: c.pop("seed"), "(top level): 'seed' is a required property"),
    "unknown kind": (lambda c: amplitude(c).update(kind="seq2moon"), "experiments.s2v_amplitude.kind"),
    "zero epochs": (lambda c: amplitude(c)["training"].update(epochs=0), "experiments.s2v_amplitude.training.epochs: 0"),
    "negative n": (lambda c: amplitude(c)["data"]["splits"]["val"].update(n=-5), "splits.val.n: -5"),
    "epochs as text": (lambda c: amplitude(c)["training"].update(epochs="ten"), "training.epochs: 'ten' is not of type 'integer'"),
    "unknown key": (lambda c: amplitude(c)["training"].update(epoch=3), "'epoch' was unexpected"),
    "low above high": (
        lambda c: amplitude(c)["data"]["splits"]["ood"].update(ranges={"amplitude": [1.0, 0.6]}),
        "experiments.s2v_amplitude.data.splits.ood.ranges.amplitude: low 1.0 exceeds high 0.6",
    ),
    "ood overlaps training": (
        lambda c: amplitude(c)["data"]["splits"]["ood"].update(ranges={"amplitude": [0.2, 0.8]}),
        "splits.ood.ranges: overlaps the training range",
    ),
    "unknown generator": (lambda c: amplitude(c)["data"].update(generator="spiral"), "data.generator: 'spiral' is not one of ['constant_to_wave',"),
    "range for another factor": (
        lambda c: amplitude(c)["data"]["splits"]["val"].update(ranges={"slope": [0, 1]}),
        "splits.val.ranges: generator sine_amplitude draws amplitude (required: amplitude), got slope",
    ),
    "unknown plot": (
        lambda c: amplitude(c)["figures"]["predicted_amplitude"].update(plot="pie"),
        "figures.predicted_amplitude.plot: 'pie' is not one of ['input_curves',",
    ),
    "figure of a missing split": (
        lambda c: amplitude(c)["figures"]["predicted_amplitude"].update(splits=["test"]),
        "figures.predicted_amplitude.splits: 'test' does not exist",
    ),
    "claim without its measure": (lambda c: amplitude(c)["claims"].update(flies={"threshold": 1, **SOURCE}),
                                  "claims.flies: 'measure' is a required property"),
    "unknown measure": (lambda c: amplitude(c)["claims"].update(flies={"measure": "flies", "threshold": 1, **SOURCE}),
                        "claims.flies.measure: 'flies' is not one of ['recovered',"),
    "claim without its source": (lambda c: amplitude(c)["claims"]["recovered"].pop("source"),
                                 "claims.recovered: 'source' is a required property"),
    "source that is not file:lines": (
        lambda c: amplitude(c)["claims"]["recovered"].update(source="the blog post"),
        "claims.recovered.source: 'the blog post' does not match"),
    "input channel the generator lacks": (lambda c: amplitude(c)["data"].update(inputs=["code"]), "has no channel 'code'"),
    "probe values of unequal length": (
        lambda c: amplitude(c)["data"]["splits"].update(probe_grid={"values": {"amplitude": [1, 2]}, "generator": "line"}),
        "splits.probe_grid.values: generator line draws intercept, slope (required: slope), got amplitude",
    ),
    "missing val split": (lambda c: amplitude(c)["data"]["splits"].pop("val"), "'val' is a required property"),
    "model key of another kind": (lambda c: amplitude(c)["model"].update(latent=3), "'latent' was unexpected"),
    "echo batch_size that its stateful model would ignore": (
        lambda c: c["experiments"]["echo_whole"]["training"].update(batch_size=10),
        "experiments.echo_whole.training.batch_size: 10 differs from model.batch 5"),
    "seq2seq without LSTM layers before a dense head": (
        lambda c: c["experiments"]["s2s_xy_line"]["model"].update(layers=[], head="dense"),
        "experiments.s2s_xy_line.model.layers: no LSTM layer before a dense head"),
    "printed number of a variant that does not exist": (
        lambda c: c["experiments"]["echo_whole"]["printed"]["final_loss"].update(variant="lstm17"),
        "experiments.echo_whole.printed.final_loss.variant: 'lstm17' does not exist; choose from lstm16"),
    "printed metric without its split": (
        lambda c: c["experiments"]["echo_whole"]["printed"]["final_loss"].update(metric="final_loss"),
        "experiments.echo_whole.printed.final_loss.metric: 'final_loss' does not match"),
    "printed metric of a split that does not exist": (
        lambda c: c["experiments"]["echo_whole"]["printed"]["final_loss"].update(metric="tain.final_loss"),
        "experiments.echo_whole.printed.final_loss.metric: 'tain' does not exist; choose from train, val, training, model"),
    "variant note that is not text": (
        lambda c: c["experiments"]["ae_line"]["variants"]["latent1"].update(note=["a", "list"]),
        "experiments.ae_line.variants.latent1.note: ['a', 'list'] is not of type 'string'"),
    "Keras 3's hard sigmoid": (lambda c: amplitude(c)["model"].update(recurrent_activation="hard_sigmoid"),
                               "model.recurrent_activation: 'hard_sigmoid' is not one of ['sigmoid', 'hard_sigmoid_keras2']"),
    "subset naming an unknown experiment": (lambda c: c.update(subset=["s2v_amplitude", "s2v_amp"]),
                                            "subset: unknown experiment 's2v_amp'"),
    "subset that is not a list": (lambda c: c.update(subset="s2v_amplitude"), "subset: 's2v_amplitude' is not of type 'array'"),
}


def test_a_subset_selects_the_experiments_to_run():
    assert cfg.experiment_names({**CONFIG, "subset": ["s2v_line_params", "ae_line"]}) == ["ae_line", "s2v_line_params"]
    assert cfg.experiment_names({**CONFIG, "subset": []}) == sorted(CONFIG["experiments"])


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_config_names_the_key_in_one_line(case):
    mutate, expected = BAD[case]
    config = copy.deepcopy(CONFIG)
    mutate(config)
    with pytest.raises(cfg.ConfigError) as error:
        checked(config)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message


def test_canonical_json_ignores_key_order():
    assert cfg.canonical({"b": 1, "a": {"d": 2, "c": 3}}) == cfg.canonical({"a": {"c": 3, "d": 2}, "b": 1})


def test_variant_overrides_merge_into_the_base():
    config = copy.deepcopy(CONFIG)
    amplitude(config)["variants"]["wide"] = {"model": {"units": 64}, "training": {"epochs": 3}}
    config = checked(config)
    spec = cfg.training_spec(config, "s2v_amplitude", "wide", 0)
    assert spec["model"] == {"units": 64, "recurrent_activation": "hard_sigmoid_keras2", "head": "lstm1"}
    assert spec["training"]["epochs"] == 3 and spec["training"]["optimizer"] == "adam"
    assert spec["seed"] != cfg.training_spec(config, "s2v_amplitude", "lstm32", 0)["seed"]


def test_every_random_source_of_a_replicate_has_its_own_seed_whatever_the_count():
    config = checked(CONFIG)
    seeds = {r: (cfg.dataset_spec(config, "s2v_amplitude", "train", r)["seed"],
                 cfg.dataset_spec(config, "s2v_amplitude", "train", r)["experiment_seed"],
                 cfg.training_spec(config, "s2v_amplitude", "lstm32", r)["seed"],
                 cfg.predict_spec(config, "s2v_amplitude", "lstm32", r)["seed"]) for r in range(5)}
    assert len({seed for four in seeds.values() for seed in four}) == 20
    config["replicates"] = 1
    amplitude(config)["replicates"] = 9
    assert cfg.replicate_numbers(config, "s2v_amplitude") == list(range(9))
    assert cfg.replicate_numbers(config, "ae_line") == [0]
    # no job's slice names the count: a replicate's bytes do not depend on its companions
    assert cfg.training_spec(config, "s2v_amplitude", "lstm32", 0) == cfg.training_spec(EFFECTIVE, "s2v_amplitude", "lstm32", 0)
    assert cfg.dataset_spec(config, "s2v_amplitude", "val", 0) == cfg.dataset_spec(EFFECTIVE, "s2v_amplitude", "val", 0)
    assert cfg.claims_spec(config, "s2v_amplitude") == cfg.claims_spec(EFFECTIVE, "s2v_amplitude")


def test_claims_keep_the_configs_order_in_their_canonical_slice():
    spec = json.loads(cfg.canonical(cfg.claims_spec(EFFECTIVE, "ae_phase_full")))
    assert [name for name, _ in spec["claims"]] == list(CONFIG["experiments"]["ae_phase_full"]["claims"])
    assert [name for name, _ in spec["claims"]] != sorted(CONFIG["experiments"]["ae_phase_full"]["claims"])


def test_ood_splits_come_after_train_and_val():
    assert cfg.split_names(CONFIG, "s2v_line_params") == ["train", "val", "ood_larger", "ood_negative"]


def test_the_schema_and_the_key_tables_are_made_from_the_models():
    """``make contract`` writes both from the typed models; a file edited by hand, or a
    model changed without ``make contract``, fails here."""
    assert contract.SCHEMA_FILE.read_text() == contract.schema_text()
    readme = (REPO / "config" / "README.md").read_text()
    assert readme == contract.readme_text(readme)
    assert contract.main(["--check"]) == 0


def properties(node) -> set:
    """Every property a JSON schema names, at any depth."""
    found = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= properties(value)
    elif isinstance(node, list):
        for value in node:
            found |= properties(value)
    return found


def test_every_key_of_the_schema_has_its_row_with_type_default_and_meaning():
    keys = properties(contract.schema())
    rows = [line for line in (REPO / "config" / "README.md").read_text().splitlines() if line.startswith("| `")]
    documented = {re.match(r"\| `(?:[\w<>]+\.)*(\w+)`", row).group(1) for row in rows}
    assert len(keys) > 60 and keys - documented == set()
    assert all(len(row.split(" | ")) == 4 and row.split(" | ")[3].strip(" |") for row in rows), rows  # each has a meaning


def test_every_claim_names_write_up_lines_that_exist():
    """Each claim's source is a file of ../shared/seeds and a range of its lines with text."""
    sources = [(name, entry, spec["source"]) for name, block in CONFIG["experiments"].items()
               for entry, spec in [*block["claims"].items(), *block.get("printed", {}).items()]]
    assert len(sources) == 47 + 27  # claims, and numbers the write-ups print
    for name, claim, source in sources:
        file, lines = source.split(":")
        first, last = map(int, lines.split("-"))
        text = (SEEDS / file).read_text(encoding="utf-8").splitlines()
        assert 1 <= first <= last <= len(text), f"{name}.{claim}: {source} is outside the {len(text)} lines of {file}"
        assert any(line.strip() for line in text[first - 1:last]), f"{name}.{claim}: {source} is blank"
    assert {source.split(":")[0] for _, _, source in sources} == {path.name for path in SEEDS.iterdir()} - {
        "001_2d47d243ef59ce49.txt"}  # 001 is the shorter version of 000, which the claims cite


def test_every_printed_number_is_printed_in_the_lines_it_cites():
    for name, block in CONFIG["experiments"].items():
        for entry, spec in block.get("printed", {}).items():
            file, lines = spec["source"].split(":")
            first, last = map(int, lines.split("-"))
            text = "\n".join((SEEDS / file).read_text(encoding="utf-8").splitlines()[first - 1:last])
            assert str(spec["value"]) in text, f"{name}.printed.{entry}: {spec['value']} is not in {spec['source']}"


def test_every_image_of_the_write_ups_is_a_figure_under_its_name_and_format():
    images = {name for path in SEEDS.glob("*.txt")
              for name in re.findall(r"[A-Za-z0-9_]+\.(?:png|gif)", path.read_text(encoding="utf-8"))}
    figures = {f"{figure}.{cfg.plot_of(EFFECTIVE, name, figure).format}": name
               for name, block in CONFIG["experiments"].items() for figure in block["figures"]}
    assert len(images) == 41 and images - set(figures) == set()  # two of them animations (.gif)
    assert {figures["lstm_hill.gif"], figures["sine_1_latent.gif"]} == {"s2s_xy_hill", "ae_sine"}


def test_validating_the_config_loads_no_heavy_library():
    """Snakemake validates the config at every start (a dry run, each cluster job):
    the claims' and plots' declarations it reads must not import SciPy, matplotlib
    or TensorFlow."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lstm_toys import validation\n"
        "validation.effective_config(Path('.'))\n"
        "print(sorted(name for name in ('scipy', 'matplotlib', 'tensorflow', 'keras') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO / "workflow")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_schema_is_made_again_for_new_sources_or_a_damaged_copy_and_read_otherwise(copied_sources):
    """Each start reads the schema made for its package's sources: a changed module gives a
    new file, a damaged file is made again, and what is read equals the models' schema."""

    def fresh() -> str:
        copied_sources.new_start()
        return validation.schema_file()

    first = fresh()
    assert json.loads(open(first).read()) == contract.schema()
    made = os.stat(first).st_mtime_ns
    assert fresh() == first and os.stat(first).st_mtime_ns == made  # read, not made again
    with open(copied_sources.root / "lstm_toys" / "kinds" / "__init__.py", "a") as module:
        module.write("# a comment is a new source\n")
    second = fresh()
    assert second != first and json.loads(open(second).read()) == contract.schema()
    with open(second, "w") as damaged:
        damaged.write('{"$schema": ')
    assert fresh() == second and json.loads(open(second).read()) == contract.schema()
