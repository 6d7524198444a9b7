// The files of a campaign's output folder: each job's OUTDIR/NAME.* and NAME.done.json, the
// staging folder a job writes into while it runs, and the copy of the manifest merge reads.
//
// A job writes only into its staging folder (OUTDIR/.staging/NAME/); when it has ended its files
// are renamed into OUTDIR, then its done record is written. So a job killed while it fits leaves
// nothing in OUTDIR, and a job without a done record is one to run again: its leftovers are
// cleared first. Job names hold no '.' (batch_manifest.h), so NAME.* never matches another
// job's files.
#ifndef VOIGT_NATIVE_CAMPAIGN_FOLDER_H_
#define VOIGT_NATIVE_CAMPAIGN_FOLDER_H_

#include <string>
#include <vector>

namespace voigt {

std::string done_record_path(const std::string& outdir, const std::string& name);
std::string staging_folder(const std::string& outdir, const std::string& name);
// OUTDIR/.manifest.csv: hidden, so no job's name can clash with it.
std::string manifest_copy_path(const std::string& outdir);

// Creates `folder` and its parents; std::runtime_error naming it when that fails.
void make_folder(const std::string& folder);

// Removes the job's done record first (the job is then not done), then every OUTDIR/NAME.* file
// and its staging folder, and makes an empty staging folder.
void clear_job(const std::string& outdir, const std::string& name);

// Renames every file of the job's staging folder into OUTDIR (rename(2): each lands whole),
// removes the folder, and returns the names moved, sorted.
std::vector<std::string> commit_staged(const std::string& outdir, const std::string& name);

}  // namespace voigt

#endif  // VOIGT_NATIVE_CAMPAIGN_FOLDER_H_
