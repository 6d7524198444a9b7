// Every public header of the engine, for a program that wants the whole API in one include. Each
// header says what it holds in its opening comment; the shells include only what they use.
#ifndef VOIGT_PUBLIC_VOIGTFIT_H_
#define VOIGT_PUBLIC_VOIGTFIT_H_

#include "voigt/axis.h"            // a spectrum axis: points, Hz, ppm
#include "voigt/csv.h"             // RFC 4180 CSV records and fields
#include "voigt/decay_fit.h"       // I(t) = I0 exp(-R t) [+ C] from one peak's heights
#include "voigt/executor.h"        // where tasks run: sequential, thread pool; progress; summary
#include "voigt/fit.h"             // fit_spectrum: plan, per-cluster tasks, results
#include "voigt/fit_options.h"     // FitOptions and its validation
#include "voigt/input_checks.h"    // a shell's inputs checked against the spectrum
#include "voigt/lineshape.h"       // the Voigt profile and its width
#include "voigt/owned_spectrum.h"  // spectra that own their bytes
#include "voigt/peak_list.h"       // the listed peaks
#include "voigt/peak_list_io.h"    // peak list formats in
#include "voigt/peak_result.h"     // one result row per peak, its status
#include "voigt/pick.h"            // peak picking over the whole spectrum
#include "voigt/plot_data.h"       // numbers a shell plots
#include "voigt/reconcile.h"       // a listed peak list matched to the picked peaks
#include "voigt/result_io.h"       // result tables out: CSV, JSON, lunaNMR
#include "voigt/result_table.h"    // result tables as typed columns (what the CSV writes)
#include "voigt/series.h"          // series (pseudo-3D): options, results, fit_series
#include "voigt/series_io.h"       // delays files in, series tables out
#include "voigt/simulate.h"        // simulated spectra and series with known parameters
#include "voigt/spectrum.h"        // non-owning views of a spectrum and a series
#include "voigt/spectrum_io.h"     // spectrum files in and out (NMRPipe, UCSF)
#include "voigt/stop_flag.h"       // a task's stop request

#endif  // VOIGT_PUBLIC_VOIGTFIT_H_
