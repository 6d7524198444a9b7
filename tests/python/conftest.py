# Shared by the Python module's tests: where the CLI, the module and the real data are, the
# CLI's outputs, and the comparison of a result dict with the CLI's CSV. The module comes from
# PYTHONPATH (build/python, as scripts/test.d/25-python.sh runs pytest); the CLI from build/
# (VOIGTFIT_NATIVE_BUILD overrides); real spectra from ../shared relative to the repository root.
import csv
import math
import os
import pathlib
import subprocess

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
BUILD = pathlib.Path(os.environ.get("VOIGTFIT_NATIVE_BUILD", ROOT / "build"))
CLI = BUILD / "native" / "voigtfit"
PROTEIN_L = SHARED / "data" / "proteinL_pseudo3d"


def run_cli(*args):
    """The CLI's exit status and stderr; statuses other than 0 and 1 (a fit with unfitted rows)
    fail the test."""
    r = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    return r


def cli_message(*args):
    """The message `voigtfit ARGS` prints for bad input (exit status 2), without its prefix."""
    r = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    return r.stderr.splitlines()[0].removeprefix("voigtfit: ")


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def same_value(value, text):
    """A column value equals the CSV's text exactly: the CSV writes the shortest text that reads
    back to the identical double, so float(text) must be the same bits (NaN matches "nan")."""
    if isinstance(value, (float, np.floating)):
        expected = float(text)
        return (math.isnan(expected) and math.isnan(value)) or (
            np.float64(value).tobytes() == np.float64(expected).tobytes())
    if isinstance(value, (int, np.integer)):
        return int(text) == int(value)
    return str(value) == text


def differences(columns, csv_path):
    """Every (row, column) where the result dict differs from the CLI's CSV, and a header
    mismatch; [] when identical."""
    header, rows = read_csv(csv_path)
    problems = []
    if list(columns.keys()) != header:
        problems.append(f"columns {list(columns.keys())} != CSV header {header}")
    for name in header:
        values = columns[name]
        if len(values) != len(rows):
            problems.append(f"{name}: {len(values)} rows, CSV {len(rows)}")
            continue
        for i, row in enumerate(rows):
            text = row[header.index(name)]
            if not same_value(values[i], text):
                problems.append(f"row {i} {name}: {values[i]!r} vs CSV {text!r}")
    return problems


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("voigtfit-python")


@pytest.fixture(scope="session")
def simulated(workdir):
    """`voigtfit simulate --peaks 300 --seed 1`: (spectrum, peak list)."""
    prefix = workdir / "sim300"
    run_cli("simulate", prefix, "--peaks", "300", "--seed", "1")
    return pathlib.Path(f"{prefix}.ft2"), pathlib.Path(f"{prefix}.peaks.csv")


@pytest.fixture(scope="session")
def protein_l():
    spectrum, peaks = PROTEIN_L / "test1.ft2", PROTEIN_L / "test.tab"
    if not spectrum.exists():
        pytest.fail(f"{spectrum} is missing: the tests need ../shared/data (see its README)")
    return spectrum, peaks


def cli_fit_csv(spectrum, peaks, out, *flags):
    run_cli("fit", spectrum, peaks, "-o", out, "--quiet", *flags)
    return out
