# Bad input raises a Python exception with a clear message (the engine's and the CLI's where
# they have one); nothing crashes, and the module works afterwards.
import math

import numpy as np
import pytest

import voigtfit
from conftest import PROTEIN_L, cli_message


@pytest.fixture(scope="module")
def spectrum(protein_l):
    return voigtfit.read_spectrum(protein_l[0])


def axes(s):
    return (s.x.first_ppm, s.x.last_ppm, s.x.obs_mhz), (s.y.first_ppm, s.y.last_ppm, s.y.obs_mhz)


@pytest.mark.parametrize("shape", [(546,), (1, 2, 256, 546)])
def test_wrong_dimensions(spectrum, protein_l, shape):
    x, y = axes(spectrum)
    with pytest.raises(ValueError, match=r"data must be a 2D \(ny, nx\) or 3D \(planes, ny, nx\) array, not \dD"):
        voigtfit.fit((np.zeros(shape, np.float32), x, y), protein_l[1])


def test_axis_size_must_match_the_data(spectrum, protein_l):
    data = np.array(spectrum.data[0])
    with pytest.raises(ValueError, match="Axis x: size_pt = 546 but the data have 256 points along x"):
        voigtfit.fit((data.T.copy(), spectrum.x, spectrum.y), protein_l[1])


def test_nan_axes(spectrum, protein_l):
    data = np.array(spectrum.data[0])
    x, y = axes(spectrum)
    with pytest.raises(ValueError, match="Axis x: first_ppm = nan; must be finite"):
        voigtfit.fit((data, (math.nan, x[1], x[2]), y), protein_l[1])
    with pytest.raises(ValueError, match="Axis y: obs_mhz = nan; must be finite and > 0"):
        voigtfit.fit((data, x, (y[0], y[1], math.nan)), protein_l[1])
    with pytest.raises(ValueError, match=r"Axis x: give \(first_ppm, last_ppm, obs_mhz\)"):
        voigtfit.fit((data, x[:2], y), protein_l[1])


def test_integer_data(spectrum, protein_l):
    x, y = axes(spectrum)
    with pytest.raises(ValueError, match="data must be float32 or float64, not int32"):
        voigtfit.fit((np.zeros((256, 546), np.int32), x, y), protein_l[1])


def test_unknown_option(spectrum, protein_l):
    with pytest.raises(TypeError, match="fit: unknown option 'window_x'; options are shape, solver, window_x_ppm"):
        voigtfit.fit(spectrum, protein_l[1], window_x=0.1)


def test_negative_window_has_the_cli_message(spectrum, protein_l):
    expected = cli_message("fit", *protein_l, "--window-x", "-0.2")
    assert "FitOptions::window_x_ppm" in expected
    with pytest.raises(ValueError) as e:
        voigtfit.fit(spectrum, protein_l[1], window_x_ppm=-0.2)
    assert str(e.value) in expected


def test_option_of_the_wrong_type(spectrum, protein_l):
    with pytest.raises(TypeError, match="max_iterations: a value of type 'float' cannot be an int"):
        voigtfit.fit(spectrum, protein_l[1], max_iterations=2.5)
    with pytest.raises(ValueError, match="voigt"):
        voigtfit.fit(spectrum, protein_l[1], shape="triangle")


def test_bad_plane_and_threads(spectrum, protein_l):
    with pytest.raises(ValueError, match=r"plane 4: the spectrum has 4 plane\(s\)"):
        voigtfit.fit(spectrum, protein_l[1], plane=4)
    with pytest.raises(ValueError, match="ExecutorOptions::threads"):
        voigtfit.fit(spectrum, protein_l[1], threads=-1)


def test_files(spectrum, protein_l, workdir):
    with pytest.raises(FileNotFoundError, match="no-such.ft2"):
        voigtfit.read_spectrum(workdir / "no-such.ft2")
    junk = workdir / "junk.ft2"
    junk.write_bytes(b"not a spectrum" * 100)
    with pytest.raises(ValueError) as e:
        voigtfit.read_spectrum(junk)
    assert str(e.value) == cli_message("info", junk)
    bad_peaks = workdir / "bad.csv"
    bad_peaks.write_text("Assignment,Position_X,Position_Y\nA1,8.1,abc\n")
    with pytest.raises(ValueError) as e:
        voigtfit.fit(spectrum, bad_peaks)
    assert str(e.value) == cli_message("fit", protein_l[0], bad_peaks)


def test_bad_peak_tuples(spectrum):
    with pytest.raises(ValueError, match=r"peaks\[1\]: give \(name, x_ppm, y_ppm\)"):
        voigtfit.fit(spectrum, [("a", 8.0, 120.0), ("b", 8.0)])
    with pytest.raises(ValueError, match=r"peaks\[0\]: x_ppm and y_ppm must be finite numbers"):
        voigtfit.fit(spectrum, [("a", math.nan, 120.0)])
    with pytest.raises(ValueError, match="peaks: no peaks"):
        voigtfit.fit(spectrum, [])


def test_series_delays(spectrum, protein_l):
    with pytest.raises(ValueError, match=r"delays: 3 delays, but the series has 4 plane\(s\)"):
        voigtfit.fit_series(spectrum, protein_l[1], [0.0, 1.0, 2.0])
    with pytest.raises(TypeError, match="fit_series: unknown option 'reference'"):
        voigtfit.fit_series(spectrum, protein_l[1], PROTEIN_L / "vclist", reference=1)


def test_module_still_works(spectrum, protein_l):
    assert voigtfit.fit(spectrum, protein_l[1], threads=1).summary["ok"] > 50
