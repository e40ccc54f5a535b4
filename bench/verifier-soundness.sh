#!/usr/bin/env bash
# Long soundness run of the verifier: N random packet programs (default 1,000,000); every one the verifier accepts
# runs in the checked interpreter on 8 random packets and must never access memory out of bounds or fault.
# Usage: bench/verifier-soundness.sh [PROGRAMS] [SEED]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
programs="${1:-1000000}"; seed="${2:-$RANDOM}"
dotnet build "$root/tests/P4Bpf.Ebpf.Tests" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
start=$(date +%s)
P4BPF_SOUNDNESS_PROGRAMS="$programs" P4BPF_SOUNDNESS_SEED="$seed" \
  dotnet "$root/tests/P4Bpf.Ebpf.Tests/bin/Release/net10.0/P4Bpf.Ebpf.Tests.dll" -noColor -diagnostics \
  -method "P4Bpf.Ebpf.Tests.Verifier.SoundnessTests.Accepted_random_programs_never_fault" | grep -E "soundness:|Total:|\[FAIL\]|Expected" || true
echo "elapsed: $(( $(date +%s) - start )) s"
