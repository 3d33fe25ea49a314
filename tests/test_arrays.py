import json

import numpy as np
import pytest

from lstm_toys.data.arrays import ArrayFileError, flatten, load_npz, nest, save_npz
from lstm_toys.data.documents import read_document, write_document
from lstm_toys.data.layout import LAYOUT, ResultFileError
from lstm_toys.data.seeds import derive_seed
from lstm_toys.inputs import by_replicate, named
from lstm_toys.training.history import read_history, write_history


def test_round_trip_and_identical_bytes(tmp_path):
    arrays = {"inputs": np.arange(12, dtype=np.float32).reshape(3, 4), "names": np.array(["a", "b"])}
    save_npz(tmp_path / "one.npz", arrays)
    save_npz(tmp_path / "two.npz", dict(reversed(list(arrays.items()))))
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    loaded = load_npz(tmp_path / "one.npz")
    np.testing.assert_array_equal(loaded["inputs"], arrays["inputs"])
    assert list(loaded["names"]) == ["a", "b"]


def test_object_arrays_are_refused(tmp_path):
    with pytest.raises(TypeError, match="dtype object"):
        save_npz(tmp_path / "x.npz", {"bad": np.array([{"a": 1}], dtype=object)})


def test_truncated_file_error_names_the_file(tmp_path):
    path = tmp_path / "cut.npz"
    save_npz(path, {"inputs": np.zeros((100, 100))})
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ArrayFileError, match=str(path)):
        load_npz(path)


def test_missing_file_and_missing_array_are_named(tmp_path):
    with pytest.raises(ArrayFileError, match="nothing.npz: file not found"):
        load_npz(tmp_path / "nothing.npz")
    save_npz(tmp_path / "a.npz", {"inputs": np.zeros(2)})
    with pytest.raises(ArrayFileError, match="missing arrays targets"):
        load_npz(tmp_path / "a.npz", required=("inputs", "targets"))


def test_nest_and_flatten_are_inverse():
    nested = {"val": {"outputs": np.zeros(1)}, "ood_large": {"outputs": np.ones(1), "latent": np.arange(2.0)},
              "sweep": {"x.grid": np.arange(3)}}  # a name may hold a dot: only the first one splits
    flat = flatten(nested)
    assert sorted(flat) == ["ood_large.latent", "ood_large.outputs", "sweep.x.grid", "val.outputs"]
    again = nest(flat)
    assert {split: sorted(arrays) for split, arrays in again.items()} == {
        split: sorted(arrays) for split, arrays in nested.items()}
    for split, arrays in nested.items():
        for name, array in arrays.items():
            np.testing.assert_array_equal(again[split][name], array, strict=True)  # values, shape, dtype
    assert flatten(again) == flat


def test_derived_seeds_are_stable_and_distinct():
    assert derive_seed(1, "exp", "train") == derive_seed(1, "exp", "train")
    assert derive_seed(1, "exp", "train") == 653525346  # fixed across processes and machines
    assert len({derive_seed(1, "exp", s) for s in ("train", "val", "ood")} | {derive_seed(2, "exp", "train")}) == 4


def test_files_of_an_older_layout_or_a_foreign_format_are_named_with_what_to_do(tmp_path):
    np.savez(tmp_path / "old.npz", inputs=np.zeros(3))  # no layout version: an older pipeline's file
    with pytest.raises(ResultFileError, match=r"old.npz: written by layout 1 of the pipeline, .* rebuild it"):
        load_npz(tmp_path / "old.npz")
    np.save(tmp_path / "single.npy", np.zeros(3))
    with pytest.raises(ArrayFileError, match=r"single.npy: not a .npz archive"):
        load_npz(tmp_path / "single.npy")
    (tmp_path / "table.npz").write_text("a,b\n1,2\n")
    with pytest.raises(ArrayFileError, match=r"table.npz: not a readable .npz file"):
        load_npz(tmp_path / "table.npz")
    save_npz(tmp_path / "new.npz", {"inputs": np.ones(2)})
    assert list(load_npz(tmp_path / "new.npz")) == ["inputs"]  # the version is checked, not returned


def test_json_results_carry_the_layout_and_bad_ones_are_named(tmp_path):
    write_document(tmp_path / "m.json", {"val": {"mse": 0.5}})
    assert json.loads((tmp_path / "m.json").read_text())["layout"] == LAYOUT
    assert read_document(tmp_path / "m.json") == {"val": {"mse": 0.5}}
    (tmp_path / "cut.json").write_text((tmp_path / "m.json").read_text()[:20])
    with pytest.raises(ResultFileError, match=r"cut.json: not valid JSON, truncated or edited by hand\?"):
        read_document(tmp_path / "cut.json")
    (tmp_path / "old.json").write_text(json.dumps({"val": {"mse": 0.5}}))
    with pytest.raises(ResultFileError, match=r"old.json: written by layout 1 of the pipeline"):
        read_document(tmp_path / "old.json")
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(ResultFileError, match=r"list.json: not a results document"):
        read_document(tmp_path / "list.json")
    write_document(tmp_path / "claims.json", {"experiment": "e"})
    with pytest.raises(ResultFileError, match=r"claims.json: missing claims"):
        read_document(tmp_path / "claims.json", required=("experiment", "claims"))


def test_a_history_that_is_not_one_is_named(tmp_path):
    write_history([{"epoch": 1, "loss": 0.5, "val_loss": 0.4, "seconds": 1.0}], tmp_path / "h.csv")
    assert read_history(tmp_path / "h.csv")["loss"].tolist() == [0.5]
    (tmp_path / "other.csv").write_text("step,value\n1,2\n")
    with pytest.raises(ResultFileError, match=r"other.csv: not a training history: columns \['step', 'value'\]"):
        read_history(tmp_path / "other.csv")
    (tmp_path / "edited.csv").write_text("epoch,loss,val_loss,seconds\n1,oops,0.4,1\n")
    with pytest.raises(ResultFileError, match=r"edited.csv: a row is not numbers"):
        read_history(tmp_path / "edited.csv")


def test_inputs_are_read_back_by_name_and_by_replicate():
    inputs = {"dataset_val": "d", "r1_metrics_lstm_2": "b", "r0_metrics_lstm_2": "a", "r0_metrics_x": "c",
              "r0_history_x": "h", "code": "c.py"}
    assert named(inputs, "dataset") == {"val": "d"}
    assert by_replicate(inputs, "metrics") == [{"lstm_2": "a", "x": "c"}, {"lstm_2": "b"}]
    assert by_replicate(inputs, "snapshots") == []
    with pytest.raises(ValueError, match="metrics inputs of replicates \\[0, 2\\] skip a replicate"):
        by_replicate({"r0_metrics_x": "a", "r2_metrics_x": "c"}, "metrics")
