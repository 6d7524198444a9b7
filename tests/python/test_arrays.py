# Spectra given as NumPy arrays, as nmrglue reads them: data (ny, nx), x (1H) fastest, and each
# axis by its ppm limits and spectrometer frequency. C-ordered float32 is viewed in place; Fortran
# order and float64 are copied once into float32, and every layout gives the same numbers.
import numpy as np
import pytest

import voigtfit
from conftest import cli_fit_csv, differences


class UnitConversion:
    """The part of nmrglue's unit_conversion the module reads (ppm_limits, hz_limits)."""

    def __init__(self, axis):
        self.axis = axis

    def ppm_limits(self):
        return self.axis.first_ppm, self.axis.last_ppm

    def hz_limits(self):
        return self.axis.first_ppm * self.axis.obs_mhz, self.axis.last_ppm * self.axis.obs_mhz


@pytest.fixture(scope="module")
def plane(protein_l):
    s = voigtfit.read_spectrum(protein_l[0])
    return s, np.array(s.data[0])  # plane 0, (ny, nx) float32, C order, the caller's own memory


def test_file_data_is_a_view(protein_l):
    s = voigtfit.read_spectrum(protein_l[0])
    assert s.data.shape == (4, 256, 546) and s.data.dtype == np.float32
    assert not s.data.flags.writeable and not s.data.flags.owndata
    assert s.num_planes == 4 and s.x.size_pt == 546 and s.y.size_pt == 256
    assert s.x.ppm[0] == s.x.first_ppm and s.x.ppm[-1] == s.x.last_ppm


def test_c_float32_is_viewed_without_copy(plane):
    s, data = plane
    viewed = voigtfit.as_spectrum((data, s.x, s.y))
    assert not viewed.copied and np.shares_memory(viewed.data, data)
    for layout in (np.asfortranarray(data), data.astype(np.float64), data[:, ::-1][:, ::-1].copy(order="F")):
        copied = voigtfit.as_spectrum((layout, s.x, s.y))
        assert copied.copied and not np.shares_memory(copied.data, layout)
        assert np.array_equal(copied.data, data)


def test_file_axes_give_the_cli_numbers(plane, protein_l, workdir):
    """The plane as an array with the file's own axes is the file: the CLI's numbers exactly."""
    s, data = plane
    result = voigtfit.fit((data, s.x, s.y), protein_l[1])
    assert differences(result, cli_fit_csv(*protein_l, workdir / "plane0.csv")) == []


def assert_same(a, b):
    for name, column in a.items():
        assert np.array_equal(b[name], column, equal_nan=column.dtype.kind == "f"), name


@pytest.mark.parametrize("axis_form", ["unit_conversion", "tuple"])
def test_every_layout_gives_the_same_result(plane, protein_l, axis_form):
    """C and Fortran order, float32 and float64: identical numbers (float64 data that are float32
    values convert back exactly)."""
    s, data = plane
    if axis_form == "unit_conversion":
        x, y = UnitConversion(s.x), UnitConversion(s.y)
    else:
        x, y = (s.x.first_ppm, s.x.last_ppm, s.x.obs_mhz), (s.y.first_ppm, s.y.last_ppm, s.y.obs_mhz)
    layouts = (data, np.asfortranarray(data), data.astype(np.float64), np.asfortranarray(data.astype(np.float64)))
    results = [voigtfit.fit((layout, x, y), protein_l[1], threads=2) for layout in layouts]
    assert results[0].summary["all_fitted"] and results[0].summary["ok"] == 63
    for r in results[1:]:
        assert_same(results[0], r)
    # The axes rebuilt from ppm limits are the file's to rounding: so are the fitted positions.
    from_file = voigtfit.fit(s, protein_l[1], threads=2)
    assert np.allclose(results[0]["x_ppm"], from_file["x_ppm"], rtol=1e-9, atol=0)
    assert np.allclose(results[0]["height"], from_file["height"], rtol=1e-6, atol=0)


def test_axis_from_ppm_limits_round_trips(plane):
    s, _ = plane
    a = voigtfit.Axis(s.x.size_pt, s.x.first_ppm, s.x.last_ppm, s.x.obs_mhz)
    assert a.first_ppm == pytest.approx(s.x.first_ppm, abs=1e-12)
    assert a.last_ppm == pytest.approx(s.x.last_ppm, abs=1e-12)
    assert a.sw_hz == pytest.approx(s.x.sw_hz, rel=1e-12)


def test_three_dimensional_array_is_a_series(protein_l):
    s = voigtfit.read_spectrum(protein_l[0])
    data = np.array(s.data)
    from_array = voigtfit.fit((data, s.x, s.y), protein_l[1], plane=3)
    from_file = voigtfit.fit(s, protein_l[1], plane=3)
    assert np.array_equal(from_array["height"], from_file["height"], equal_nan=True)
