#!/usr/bin/env bash
# Records the current contracts as the last released ones: compiles engine-host/protos/bourse/engine/v1/*.proto into
# the descriptor set released/bourse-engine-v1.binpb, which the compatibility test compares every later change with.
# Run when you release a contract version (see README.md beside this script). Before writing, it runs that test, so
# a release is always compatible with the one before it.
#
# Uses the protoc of the Grpc.Tools package that Directory.Packages.props pins (restoring it if needed); set PROTOC
# to use another. Options: --no-check skips the compatibility test (only for the very first release).
set -euo pipefail
cd "$(dirname "$0")"
repo="$(cd ../.. && pwd)"

check=1
case "${1:-}" in
  --no-check) check=0 ;;
  "") ;;
  *) echo "usage: engine-host/protos/release.sh [--no-check]" >&2; exit 2 ;;
esac

version="$(sed -n 's/.*Include="Grpc.Tools" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")"
[ -n "$version" ] || { echo "Grpc.Tools has no version in Directory.Packages.props" >&2; exit 1; }
tools="${NUGET_PACKAGES:-$HOME/.nuget/packages}/grpc.tools/$version"
if [ ! -d "$tools" ]; then
  dotnet restore "$repo/engine-host/Bourse.Contracts/Bourse.Contracts.csproj" --nologo -v quiet
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_x64 ;;
  Linux-aarch64) platform=linux_arm64 ;;
  Darwin-*) platform=macosx_x64 ;;
  *) platform=unknown ;;
esac
protoc="${PROTOC:-$tools/tools/$platform/protoc}"
[ -x "$protoc" ] || { echo "protoc not found at $protoc (set PROTOC)" >&2; exit 1; }

if [ "$check" -eq 1 ]; then
  echo "checking the current contracts against the last release..."
  dotnet test "$repo/tests/Bourse.Contracts.Tests" -c Release --nologo -v quiet \
    --filter "FullyQualifiedName~ContractCompatibilityTests" \
    || { echo "not released: the current contracts break the last release (see the test output)" >&2; exit 1; }
fi

out=released/bourse-engine-v1.binpb
mkdir -p released
# Sorted file list and no source info: the same protos always give the same bytes, and comment edits change nothing.
files=$(LC_ALL=C ls bourse/engine/v1/*.proto)
# shellcheck disable=SC2086 # the list is word-split on purpose; the file names have no spaces
"$protoc" --proto_path=. --proto_path="$tools/build/native/include" \
  --include_imports --descriptor_set_out="$out.tmp" $files
mv "$out.tmp" "$out"
echo "wrote engine-host/protos/$out ($("$protoc" --version)); commit it with the contract change it releases"
