#!/usr/bin/env bash
# Installs what the page tests need, when missing: Debian's chromium (driven by Playwright through
# its executable path; Playwright's own browser download is not used) and CJK fonts so Chinese
# renders. Quick when both are present. Called by `make test`.
set -euo pipefail

packages=(chromium fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

give_up() {
    echo "install-browser: $1; page tests need: ${missing[*]}" >&2
    # outside CI the page tests skip and say why; in CI they must run, so stop here
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
}

command -v apt-get >/dev/null 2>&1 || give_up "no apt-get on this system"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    give_up "not root and no password-less sudo"
fi

echo "install-browser: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
