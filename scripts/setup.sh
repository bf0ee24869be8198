#!/usr/bin/env bash
# Set up SoHoa Station on Debian 12 / Ubuntu 24.04: system packages, then a virtual environment.
#   scripts/setup.sh        the application
#   scripts/setup.sh test   the application plus everything the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-app}"
test_packages=()
case "$target" in
  # The application is installed as a copy; the tests run against the clone's own code (an
  # editable install), as a developer edits it.
  app) install=(.) ;;
  # PostgreSQL server binaries: the hub's --dsn path is tested on a throwaway cluster;
  # SoftHSM2: a PKCS#11 token the signing tests initialise themselves;
  # Tesseract's English data: the page-fidelity tests read known digits off encoded scans;
  # poppler-utils: pdftotext reads the text layer of finished PDFs back;
  # nginx: the hub's security cases also run behind the reverse proxy docs/deploy/ ships;
  # Chromium and its driver: the hub's dashboard is tested in a real browser.
  test) install=(-e ".[test]")
        test_packages=(postgresql softhsm2 tesseract-ocr-eng poppler-utils nginx chromium chromium-driver) ;;
  *) echo "usage: scripts/setup.sh [app|test]" >&2; exit 2 ;;
esac

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

# libsane + sane-utils: scanners (libsane's `test` device and scanimage serve the tests);
# tesseract-ocr + tesseract-ocr-vie: the Vietnamese model pages are read with (OCR, text
# layer); the rest is what Qt's xcb and offscreen platforms load, plus a compiler for wheels
# built from source.
packages=(
  python3 python3-venv python3-dev gcc
  libsane1 libsane-dev sane-utils tesseract-ocr tesseract-ocr-vie
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 fonts-dejavu-core
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth
  ${test_packages[@]+"${test_packages[@]}"}
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "SoHoa Station needs Python 3.11 or newer; $("$python" --version) found." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "${install[@]}"
echo "Ready: .venv/bin/sohoa ($(.venv/bin/sohoa --version))"
