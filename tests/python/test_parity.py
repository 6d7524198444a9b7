# The module against the CLI on the simulated set and on protein L: the same engine, so every
# number of every row is bit-identical to the CLI's CSV (written with full precision), whatever
# the thread count; likewise the series tables and the picked peaks.
import pytest

import voigtfit
from conftest import PROTEIN_L, cli_fit_csv, differences, read_csv, run_cli


@pytest.mark.parametrize("dataset", ["simulated", "protein_l"])
@pytest.mark.parametrize("threads", [1, 2])
def test_fit_equals_cli(dataset, threads, request, workdir):
    spectrum, peaks = request.getfixturevalue(dataset)
    csv_path = cli_fit_csv(spectrum, peaks, workdir / f"{dataset}.cli.csv")
    result = voigtfit.fit(voigtfit.read_spectrum(spectrum), str(peaks), threads=threads)
    assert differences(result, csv_path) == []
    header, rows = read_csv(csv_path)
    assert len(result["index"]) == len(rows) > 50
    assert result.summary["threads_used"] == threads
    assert result.summary["ok"] == sum(1 for r in rows if r[header.index("status")] == "ok")


def test_fit_options_equal_cli_flags(protein_l, workdir):
    spectrum, peaks = protein_l
    csv_path = cli_fit_csv(spectrum, peaks, workdir / "pl_gauss.csv", "--shape", "gauss", "--window-x", "0.15",
                           "--single-pass", "--plane", "2")
    result = voigtfit.fit(voigtfit.read_spectrum(spectrum), peaks, shape="gauss", window_x_ppm=0.15,
                          second_pass=False, plane=2)
    assert differences(result, csv_path) == []


def test_peak_sequence_equals_list_file(protein_l, workdir):
    """(name, x_ppm, y_ppm) tuples fit as a list file of the same positions (names and ppm only:
    a .tab's widths are hints the tuples do not carry)."""
    spectrum, peaks = protein_l
    s = voigtfit.read_spectrum(spectrum)
    listed = [(f"p{i}", x, y) for i, (x, y) in enumerate(zip(*[voigtfit.fit(s, peaks)[c] for c in ("x_ppm_in",
                                                                                                   "y_ppm_in")]))]
    path = workdir / "listed.csv"
    path.write_text("name,x_ppm,y_ppm\n" + "".join(f"{n},{float(x)!r},{float(y)!r}\n" for n, x, y in listed))
    assert differences(voigtfit.fit(s, listed), cli_fit_csv(spectrum, path, workdir / "listed.cli.csv")) == []


def test_series_equals_cli(protein_l, workdir):
    spectrum, peaks = protein_l
    prefix = workdir / "pl_series"
    run_cli("series", spectrum, peaks, "--delays", PROTEIN_L / "vclist", "-o", prefix, "--quiet")
    result = voigtfit.fit_series(voigtfit.read_spectrum(spectrum), peaks, PROTEIN_L / "vclist", threads=2)
    for table in ("shapes", "planes", "rates"):
        assert differences(result[table], f"{prefix}.{table}.csv") == [], table
    assert result["summary"]["num_planes"] == 4
    assert list(result["delays"]) == [2, 50, 100, 150]


def test_pick_equals_cli(simulated, workdir):
    spectrum, _ = simulated
    out = workdir / "picked.csv"  # lunaNMR CSV: positions with full precision
    run_cli("pick", spectrum, "-o", out, "--threshold", "8")
    header, rows = read_csv(out)
    picked = voigtfit.pick(voigtfit.read_spectrum(spectrum), threshold_noise=8)
    assert len(picked["x_ppm"]) == len(rows) > 250
    assert [float(r[header.index("Position_X")]) for r in rows] == list(picked["x_ppm"])
    assert [float(r[header.index("Position_Y")]) for r in rows] == list(picked["y_ppm"])
    assert picked.summary["peaks"] == len(rows)
