#!/usr/bin/env bash
# Campaigns on a real Slurm: starts a one-node cluster of its own (munged, slurmctld, slurmd; all
# state, sockets and logs in a temporary folder, the daemons stopped by their PIDs on exit),
# submits the script `voigtfit batch --slurm-script` prints for 9 simulated spectra (7 HSQCs,
# 2 series) as an array of 3 tasks, and checks that:
#   - the merged table the merge job writes equals, byte for byte, a local batch + merge;
#   - with one array task cancelled midway, a resubmission runs only the jobs that were missing
#     (the done records of the others are unchanged) and the merge is again the local one.
# Skips (exit 0, with the reason) only where the daemons cannot start: not root, no slurm-wlm or
# munge, or a cluster that never comes up. Runs as root, without systemd (Debian 12, CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
skip() { echo "60-slurm: SKIPPED: $*"; exit 0; }
for tool in munged slurmctld slurmd sbatch squeue sinfo scancel; do
  command -v "$tool" > /dev/null || skip "$tool is not installed (Debian: slurm-wlm, munge)"
done
[ "$(id -u)" = 0 ] || skip "starting munged and slurmd needs root"
[ -x build/native/voigtfit ] || bash scripts/build.sh
V=$PWD/build/native/voigtfit

T=$(mktemp -d /tmp/voigt-slurm.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  if [ "${KEEP_SLURM_TEST:-}" = 1 ]; then echo "60-slurm: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
fail() {
  echo "60-slurm: FAILED: $*"
  tail -n 20 "$T"/log/*.log "$T"/*/slurm-*.out 2> /dev/null || true
  exit 1
}

# munge: a key of our own, the daemon in the foreground on our socket.
mkdir -p "$T/munge" "$T/log" "$T/state" "$T/spool"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged -F --force --key-file="$T/munge/munge.key" --socket="$T/munge/socket" \
  --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/seed" \
  --log-file="$T/log/munged.log" > /dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$T/munge/socket" ] && break; sleep 0.1; done
[ -S "$T/munge/socket" ] || skip "munged did not start ($(tail -n 3 "$T/log/munged.log" 2> /dev/null))"

# Slurm: one node of every CPU here, ports of our own (another cluster may use the defaults).
node=$(hostname -s)
port=$((20000 + RANDOM % 20000))
cat > "$T/slurm.conf" <<CONF
ClusterName=voigtfit-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MaxArraySize=1001
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$T/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" > "$T/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node" > "$T/log/slurmd.out" 2>&1 &
pids+=($!)
up=0
for _ in $(seq 100); do
  if sinfo -h -o %T 2> /dev/null | grep -qx idle; then up=1; break; fi
  sleep 0.2
done
[ "$up" = 1 ] || skip "slurmctld/slurmd did not come up: $(tail -n 3 "$T"/log/slurm*.log 2> /dev/null | tr '\n' ' ')"
echo "60-slurm: cluster up in $(( $(date +%s) - start )) s (node $node, $(nproc) CPUs)"

# The campaign: 7 HSQCs and 2 series; rows 4 and 7 (shard 1's 2nd and 3rd) are larger, so that
# shard 1 is still fitting when it is cancelled.
D=$T/data
mkdir -p "$D"
echo "name,spectrum,peaks,delays" > "$D/m.csv"
for i in 0 1 2 3 4 5 6 7 8; do
  case $i in
    2|5) $V simulate "$D/j$i" --series --peaks 30 --seed $i --nx 256 --ny 64 2> /dev/null
         echo "j$i,j$i.ft2,j$i.peaks.csv,j$i.delays" >> "$D/m.csv" ;;
    4|7) $V simulate "$D/j$i" --peaks 300 --seed $i --nx 1024 --ny 256 2> /dev/null
         echo "j$i,j$i.ft2,j$i.peaks.csv," >> "$D/m.csv" ;;
    *)   $V simulate "$D/j$i" --peaks 60 --seed $i --nx 512 --ny 128 2> /dev/null
         echo "j$i,j$i.ft2,j$i.peaks.csv," >> "$D/m.csv" ;;
  esac
done
$V batch "$D/m.csv" -o "$T/local" --threads 1 --quiet || [ $? = 1 ] || fail "local batch"
$V merge "$T/local" -o "$T/local/campaign.csv" --quiet || true

# Submits the printed script for OUTDIR; prints the array's job id.
submit() {
  $V batch --slurm-script "$D/m.csv" -o "$1" --array-size 3 --cpus-per-task 1 --time 10 > "$1.sh"
  sbatch --parsable "$1.sh" | cut -d';' -f1
}
# Waits until the array and the merge job it submitted have left the queue.
wait_for_merge() {
  for _ in $(seq 600); do
    if [ -s "$1/merge.jobid" ] && [ -z "$(squeue -h -o %i)" ]; then return 0; fi
    sleep 0.2
  done
  fail "the merge of $1 did not finish in 120 s: $(squeue)"
}
same_as_local() {
  for table in campaign.csv campaign.rates.csv campaign.status.csv; do
    cmp -s "$1/$table" "$T/local/$table" || fail "$1/$table differs from the local batch + merge"
  done
}

# 1. The whole campaign as submitted.
A=$T/a
rm -f "$A/merge.jobid"
submit "$A" > /dev/null
wait_for_merge "$A"
same_as_local "$A"
echo "60-slurm: array of 3 + merge: campaign.csv equals the local batch ($(( $(date +%s) - start )) s)"

# 2. Task 1 cancelled midway (once its first job is done), then the script submitted again.
B=$T/b
array=$(submit "$B")
for _ in $(seq 600); do [ -e "$B/j1.done.json" ] && break; sleep 0.05; done
[ -e "$B/j1.done.json" ] || fail "task 1 never finished its first job"
scancel "${array}_1"
wait_for_merge "$B"
done_before=$(cd "$B" && ls *.done.json | sort)
missing=$(cd "$D" && for i in 0 1 2 3 4 5 6 7 8; do [ -e "$B/j$i.done.json" ] || echo "j$i"; done)
[ -n "$missing" ] || fail "task 1 finished before it was cancelled"
grep -q ",missing," "$B/campaign.status.csv" || fail "the merge after the cancel shows no missing job"
for f in $done_before; do cp "$B/$f" "$T/$f.before"; done
for i in 0 1 2 3 4 5 6 7 8; do [ "$(ls "$B"/j$i.* 2> /dev/null | wc -l)" = 0 ] || \
  [ -e "$B/j$i.done.json" ] || fail "j$i has files but no done record after the cancel"; done
rm -f "$B/merge.jobid"
submit "$B" > /dev/null
wait_for_merge "$B"
for f in $done_before; do
  cmp -s "$B/$f" "$T/$f.before" || fail "$f was run again though it was done"
done
for name in $missing; do [ -e "$B/$name.done.json" ] || fail "$name did not run on resubmission"; done
same_as_local "$B"
echo "60-slurm: cancelled task 1 midway; resubmitted, only $(echo $missing | wc -w) missing jobs ran" \
  "($(echo $missing | tr '\n' ' ')); campaign.csv equals the local batch"
echo "60-slurm: passed in $(( $(date +%s) - start )) s"
