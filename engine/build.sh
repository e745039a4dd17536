#!/usr/bin/env bash
# Builds the real Pulumi engine for the tests, offline, into .engine/ (ignored by git):
#   .engine/bin/pulumi                  the Pulumi CLI, built from its Go modules at the version in
#                                       .pulumi-version (the one @pulumi/pulumi in package.json is)
#   .engine/bin/pulumi-language-nodejs  the Node.js language host (engine/language-host)
#   .engine/home/plugins/               the offline providers (engine/providers), one per package
#                                       the program uses, at the versions in package-lock.json
# A build that is already there at the right version is reused. The first build downloads about
# 1.9 GB of Go modules and compiles for 5 to 10 minutes on two cores; later ones take seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.engine"
version="$(tr -d ' \n' < "$root/.pulumi-version")"

fail() { echo "engine/build.sh: $*" >&2; exit 1; }

[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    fail ".pulumi-version holds \"$version\"; write the CLI version as N.N.N (e.g. 3.276.0)"
sdk_version="$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/pulumi"].version' \
    "$root/package-lock.json" 2>/dev/null)" || fail "cannot read @pulumi/pulumi from package-lock.json; run npm ci first"
[[ "$sdk_version" == "$version" ]] ||
    fail ".pulumi-version is $version but package-lock.json has @pulumi/pulumi $sdk_version; the CLI and the SDK must be the same release: change one of them"
command -v go >/dev/null ||
    fail "the Go toolchain is not on PATH (go 1.26 or newer builds the CLI); install Go, or add /usr/local/go/bin to PATH"

mkdir -p "$out/bin" "$out/home"
if [[ "$("$out/bin/pulumi" version 2>/dev/null || true)" != "v$version" ]]; then
    started=$SECONDS
    echo "engine/build.sh: building the Pulumi CLI v$version from github.com/pulumi/pulumi/pkg/v3 (first build: 5-10 min)"
    src="$out/src/v$version"
    rm -rf "$src" && mkdir -p "$src"
    for module in pkg sdk; do
        # go mod download -json prints the module's directory in the module cache (or the error).
        info="$(go mod download -json "github.com/pulumi/pulumi/$module/v3@v$version" 2>&1)" || true
        dir="$(node -e 'try { const m = JSON.parse(process.argv[1]); if (m.Dir) console.log(m.Dir) } catch {}' "$info")"
        [[ -n "$dir" ]] || fail "cannot download github.com/pulumi/pulumi/$module/v3@v$version from the Go module proxy:
$info"
        # pkg's go.mod has `replace github.com/pulumi/pulumi/sdk/v3 => ../sdk`: lay the two out as
        # in the repository, which is also why `go install ...@version` cannot build it.
        cp -r "$dir" "$src/$module" && chmod -R u+w "$src/$module"
    done
    (cd "$src/pkg" && go build -trimpath \
        -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        -o "$out/bin/pulumi" ./cmd/pulumi) || fail "go build of the Pulumi CLI v$version failed (output above)"
    rm -rf "$src"
    echo "engine/build.sh: built the CLI in $((SECONDS - started)) s"
fi

# A plugin is a small script that starts one of the project's TypeScript servers with the plan's
# TypeScript hook, so nothing here is compiled or copied out of the repository.
write_plugin() { # <file> <server .ts> [args...]
    local file="$1" server="$2"; shift 2
    printf '#!/bin/sh\nexec node -r "%s" "%s" %s "$@"\n' \
        "$root/plan/typescript-hook.cjs" "$root/$server" "$*" > "$file"
    chmod +x "$file"
}
write_plugin "$out/bin/pulumi-language-nodejs" engine/language-host/main.ts

export PULUMI_HOME="$out/home" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
for pkg in aws kubernetes random; do
    v="$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/" + process.argv[2]].version' \
        "$root/package-lock.json" "$pkg")"
    script="$out/providers/pulumi-resource-$pkg"
    mkdir -p "$out/providers"
    write_plugin "$script" engine/providers/main.ts "$pkg" "$v"
    installed="$PULUMI_HOME/plugins/resource-$pkg-v$v/pulumi-resource-$pkg"
    cmp -s "$script" "$installed" ||
        "$out/bin/pulumi" plugin install resource "$pkg" "$v" --file "$script" --reinstall >/dev/null
done
echo "engine/build.sh: $("$out/bin/pulumi" version) with $(ls "$out/home/plugins" | grep -c '^resource-.*[0-9]$') offline providers in $out"
