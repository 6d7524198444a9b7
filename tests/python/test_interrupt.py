# Ctrl-C during a long fit cancels it and returns control: the fit raises KeyboardInterrupt
# carrying the rows so far (the clusters not finished are `cancelled`, as in the CLI's files), and
# the module fits again afterwards. A helper thread sends SIGINT once
# the fit has reported progress (no sleeps, no timing thresholds).
import os
import signal
import threading

import pytest

import voigtfit
from conftest import run_cli


@pytest.fixture(scope="module")
def crowded(workdir):
    prefix = workdir / "sim1500"
    run_cli("simulate", prefix, "--peaks", "1500", "--seed", "2", "--nx", "2048", "--ny", "512")
    return voigtfit.read_spectrum(f"{prefix}.ft2"), f"{prefix}.peaks.csv"


@pytest.mark.parametrize("threads", [1, 2])
def test_keyboard_interrupt_cancels_the_fit(crowded, threads):
    spectrum, peaks = crowded
    started = threading.Event()
    seen = []

    def progress(p):
        seen.append(p)
        started.set()

    def interrupt():
        started.wait()
        os.kill(os.getpid(), signal.SIGINT)

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    sender = threading.Thread(target=interrupt)
    sender.start()
    with pytest.raises(KeyboardInterrupt) as e:
        voigtfit.fit(spectrum, peaks, threads=threads, progress=progress)
    sender.join()
    summary = e.value.results.summary
    assert summary["cancelled"] > 0 and summary["ok"] < summary["peaks_total"], summary["brief_report"]
    assert "cancelled" in set(e.value.results["status"])
    assert seen


def test_progress_can_abort_and_its_exception_propagates(crowded):
    spectrum, peaks = crowded
    result = voigtfit.fit(spectrum, peaks, threads=2, progress=lambda p: "abort")
    assert result.summary["cancelled"] > 0

    def fails(p):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        voigtfit.fit(spectrum, peaks, threads=2, progress=fails)


def test_usable_after_an_interrupt(protein_l):
    result = voigtfit.fit(voigtfit.read_spectrum(protein_l[0]), protein_l[1], threads=2)
    assert result.summary["all_fitted"]
