#!/bin/sh
# Regenerate every screenshot of docs/screenshots/ at 1366x768 (offscreen, Vietnamese), from the
# repository root: scripts/screenshots/all.sh [python] [folder]. The hub pages (hub_*.png) come
# from tests/hub/web/test_screenshots.py.
set -e
PY=${1:-.venv/bin/python}
OUT=${2:-docs/screenshots}
# A counter PC in Viet Nam: the window and the supervisor screen read the same clock.
export QT_QPA_PLATFORM=offscreen PYTHONPATH=. TZ=Asia/Ho_Chi_Minh
"$PY" scripts/screenshots/main_window.py "$OUT/main_window.png" "$OUT/finish_summary.png" 1366x768
"$PY" scripts/screenshots/parts_dialog.py "$OUT/parts_dialog.png" 1366x768
"$PY" scripts/screenshots/large_paper.py "$OUT/large_paper.png" 1366x768
"$PY" scripts/screenshots/first_run.py "$OUT/first_run.png" 1366x768
"$PY" scripts/screenshots/supervisor.py "$OUT/supervisor.png"
