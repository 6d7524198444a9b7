# The module's API mirrors the engine: option names and defaults are the structs' fields (read
# from the headers, in their order), result columns are the CSV's, and a result is a dict of
# NumPy columns that pandas.DataFrame takes as it is.
import math
import re

import numpy as np

import voigtfit
from conftest import ROOT

HEADERS = ROOT / "engine" / "include" / "voigt"


def cpp_fields(header, name):
    """Data members of `struct NAME { ... };` (methods and comments left out), in order."""
    body = re.search(r"struct %s \{(.*?)\n\};" % name, (HEADERS / header).read_text(), re.S).group(1)
    fields = []
    for line in body.split("\n"):
        line = re.sub(r"//.*$", "", line)
        line = re.sub(r"\{[^}]*\}", "", line).strip()
        if not line.endswith(";") or "(" in line or re.match(r"^(using|static|friend)\b", line):
            continue
        declarators = re.sub(r"^[\w:<>]+(<[^>]*>)?\s+", "", line[:-1])
        fields += [d.split("=")[0].strip() for d in declarators.split(",")]
    return fields


def test_options_are_the_engine_fields():
    assert list(voigtfit.default_fit_options()) == cpp_fields("fit_options.h", "FitOptions")
    assert list(voigtfit.default_series_options()) == cpp_fields("series.h", "SeriesOptions")
    assert list(voigtfit.default_pick_options()) == cpp_fields("pick.h", "PickOptions")
    # The fork pool (processes) is the CLI's alone.
    assert list(voigtfit.default_run_options()) == [
        f for f in cpp_fields("executor.h", "ExecutorOptions") if f != "processes"]


def test_defaults_are_the_engine_defaults():
    o = voigtfit.default_fit_options()
    assert o["shape"] == "voigt" and o["solver"] == "lm" and o["baseline"] == "none"
    assert o["window_x_ppm"] == 0.2 and o["window_y_ppm"] == 2.0 and math.isnan(o["noise"])
    assert voigtfit.default_series_options()["reference_plane"] == -1
    assert voigtfit.default_run_options() == {"threads": 0, "task_time_limit_s": 300.0}


def test_results_are_columns(protein_l):
    result = voigtfit.fit(voigtfit.read_spectrum(protein_l[0]), protein_l[1], threads=1)
    assert isinstance(result, dict) and isinstance(result, voigtfit.Results)
    # Every PeakResult field, in the CSV's order (test_parity.py compares it with the CLI's header).
    assert sorted(result) == sorted(cpp_fields("peak_result.h", "PeakResult"))
    assert result["index"].dtype == np.int64 and result["height"].dtype == np.float64
    assert result["status"].dtype == object and set(result["status"]) <= {"ok", "added"}
    assert len({len(column) for column in result.values()}) == 1
    s = result.summary
    assert s["peaks_total"] == 63 and s["threads_requested"] == 1 and s["wall_time_s"] > 0
    assert s["brief_report"].startswith(f"{s['peaks_total']} peaks: {s['ok']} fitted")
    try:
        import pandas
    except ImportError:
        return  # pandas is optional: the module never needs it
    frame = pandas.DataFrame(result)
    assert list(frame.columns) == list(result) and len(frame) == len(result["index"])
