#!/usr/bin/env bash
# The whole test suite: installs what tests need, builds once, runs every test project,
# and closes with "N passed, N failed" summed over all projects.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Each script in tests/setup.d installs or starts one thing some test needs (idempotent).
for s in tests/setup.d/*.sh; do
  [ -e "$s" ] || continue
  echo "== setup: $s"
  bash "$s" || echo "setup script $s failed (tests that need it will report why)"
done

# Results and scratch files stay inside the clone, under the git-ignored test-results/.
results="$PWD/test-results/$(date -u +%Y%m%dT%H%M%SZ)-$$"
rm -rf test-results/scratch test-results/tmp  # the previous run's leftovers
mkdir -p "$results" test-results/tmp
echo "== build"
if ! dotnet build DapCu.Twin.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
TMPDIR="$PWD/test-results/tmp" dotnet test DapCu.Twin.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
rc=$?

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  p=$(grep -o '<UnitTestResult [^>]*outcome="Passed"' "$f" | wc -l)
  q=$(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$f" | wc -l)
  passed=$((passed + p)); failed=$((failed + q))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test run failed outside any test (see above)"; fi
echo "results: ${results#"$PWD"/}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
