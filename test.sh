#!/usr/bin/env bash
# The one test command: installs what the tests need (when root), builds everything, runs every test
# project, and ends with "N passed, N failed, N skipped". Exit status is non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# --- tools the kernel/clang tests need (they skip with a reason when these are missing) ---
if [[ $(id -u) == 0 ]]; then
  missing=()
  command -v clang >/dev/null || missing+=(clang)
  command -v llc >/dev/null || missing+=(llvm)
  command -v bpftool >/dev/null || missing+=(bpftool)
  [[ -f /usr/include/bpf/bpf_helpers.h ]] || missing+=(libbpf-dev)
  command -v dot >/dev/null || missing+=(graphviz)
  if (( ${#missing[@]} )); then
    echo "test.sh: installing ${missing[*]} (apt)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/tmp/p4bpf-apt.log 2>&1 \
      || echo "test.sh: apt install failed (see /tmp/p4bpf-apt.log); kernel/clang tests will skip"
  fi
  if ! mount | grep -q ' /sys/fs/bpf type bpf'; then
    mount -t bpf bpf /sys/fs/bpf 2>/dev/null || echo "test.sh: could not mount /sys/fs/bpf; kernel tests will skip"
  fi
else
  echo "test.sh: not root: not installing clang/bpftool; tests that need them skip with a reason"
fi

# --- build ---
echo "test.sh: building (Release)"
if ! dotnet build p4bpf.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
touch cli/obj/.p4bpf-launcher-stamp 2>/dev/null || true

# --- run every test project (xunit v3 executables), sum their summaries ---
passed=0; failed=0; skipped=0; status=0
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dll="$(dirname "$proj")/bin/Release/net10.0/$name.dll"
  log=$(mktemp)
  dotnet "$dll" -noColor -parallel collections >"$log" 2>&1
  rc=$?
  # show every failure with its message and stack, and every skip with its reason
  grep -E -A25 '\[FAIL\]' "$log" | grep -vE '^\s*$' | head -300
  grep -E -A1 '\[SKIP\]' "$log" | grep -vE '^--$'
  line=$(grep -E "^\s+$name\s+Total:" "$log" | tail -1)
  if [[ -z "$line" ]]; then
    echo "test.sh: $name produced no summary (exit $rc)"; tail -20 "$log"
    failed=$((failed+1)); status=1; rm -f "$log"; continue
  fi
  field() { local v; v=$(grep -oE "$1: [0-9]+" <<<"$line" | grep -oE '[0-9]+'); echo "${v:-0}"; }
  t=$(field Total); e=$(field Errors); f=$(field Failed); s=$(field Skipped); n=$(field 'Not Run')
  p=$((t - f - s - n))
  printf '  %-26s %5d passed, %d failed, %d skipped\n' "$name" "$p" "$((f+e))" "$s"
  passed=$((passed+p)); failed=$((failed+f+e)); skipped=$((skipped+s))
  if (( rc != 0 || f + e > 0 )); then status=1; fi
  rm -f "$log"
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
