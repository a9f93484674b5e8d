#!/usr/bin/env bash
# Installs whatever marsad's build and tests need and is missing: the wasm32 target, the
# wasm-bindgen CLI at exactly the version in Cargo.lock, Debian's chromium, chromium-driver,
# firefox-esr, webkit2gtk-driver, xvfb and fonts-noto-core (for the browser tests in three
# engines), and the npm dependencies. Says plainly what it cannot install.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*" >&2; }
need_browser=${MARSAD_NEED_BROWSER:-1}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

ver=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -z "$ver" ]; then say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1; fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$ver" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $ver (2-3 minutes, once)"
  cargo install wasm-bindgen-cli --version "$ver"
fi

if [ "$need_browser" = 1 ]; then
  # The browser engines of the end-to-end tests, all from Debian: Chromium (and its driver, for the
  # wasm tests), Firefox ESR (driven over WebDriver BiDi), WebKitGTK's WebKitWebDriver (with its
  # MiniBrowser) under an Xvfb display; and an Arabic font.
  want() { # package: the file it provides
    case $1 in
      chromium) echo /usr/bin/chromium ;;
      chromium-driver) echo /usr/bin/chromedriver ;;
      fonts-noto-core) echo /usr/share/fonts/truetype/noto ;;
      firefox-esr) echo /usr/bin/firefox-esr ;;
      webkit2gtk-driver) echo /usr/bin/WebKitWebDriver ;;
      xvfb) echo /usr/bin/Xvfb ;;
    esac
  }
  packages=(chromium chromium-driver fonts-noto-core firefox-esr webkit2gtk-driver xvfb)
  missing=()
  for p in "${packages[@]}"; do [ -e "$(want "$p")" ] || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq || say "apt-get update failed; trying the installed package lists"
      if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
        # One at a time, so one package that cannot be installed does not stop the others.
        for p in "${missing[@]}"; do apt-get install -y -qq "$p" >/dev/null || say "apt-get install $p failed"; done
      fi
    else
      say "not root or no apt-get here, so this script cannot install: ${missing[*]}"
    fi
    still=()
    for p in "${packages[@]}"; do [ -e "$(want "$p")" ] || still+=("$p"); done
    if [ ${#still[@]} -gt 0 ]; then
      say "COULD NOT INSTALL: ${still[*]} (install with: sudo apt-get install ${still[*]})"
      for p in "${still[@]}"; do
        case $p in
          firefox-esr) say "  without it the page suite fails in Firefox (tests/e2e/engines.test.mjs)" ;;
          webkit2gtk-driver|xvfb) say "  without $p the page suite fails in WebKit (tests/e2e/engines.test.mjs)" ;;
        esac
      done
      # Chromium runs most browser layers (wasm tests, page suite, consumers): stop without it.
      for p in "${still[@]}"; do
        case $p in chromium|chromium-driver) say "the browser tests need $p; stopping"; exit 1 ;; esac
      done
    fi
  fi
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ] || [ ! -d node_modules/binaryen ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
