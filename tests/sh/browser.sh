#!/bin/sh
# The web page in a real browser: headless Chromium (Debian's `chromium`),
# driven over its own DevTools pipe by tests/sh/browser.py, fills the case
# form like a person (typing, taking a food suggestion with the keyboard,
# ticking symptoms, picking a lab unit), submits it, and checks that the
# report shows the triage, a finding and an SVG chart, and that it fits a
# phone's width.  Screenshots of the form and the report, and of
# `cramplab assess --html` for each examples/*.json, are saved under
# tests/out/browser/ for people to look at.
#
# Chromium is installed here if it is missing and we are root (it is large,
# and only this test needs it); the test is skipped, saying why, only when
# it cannot be installed.
. "$(dirname "$0")/http.inc"

chromium=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$chromium" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing Debian's chromium for the browser test"
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get install -y -qq --no-install-recommends chromium ||
			{ apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }; } \
			>"$work/apt.log" 2>&1 || true
		chromium=$(command -v chromium || true)
	fi
	if [ -z "$chromium" ]; then
		echo "SKIP: Chromium is not installed and could not be installed here"
		echo "      (needs root and apt-get: apt-get install chromium); see $work/apt.log"
		exit 0
	fi
fi
export CHROMIUM="$chromium"
echo "browser: $("$chromium" --version 2>/dev/null | head -1)"

start_server
python3 "$TOP/tests/sh/browser.py" form "$base" "$work" || die "the browser test failed"

# The examples' reports, as a person would open the saved file.
for ex in "$TOP"/examples/*.json; do
	n=$(basename "$ex" .json)
	(cd "$(dirname "$ex")" && "$CRAMPLAB" assess "$(basename "$ex")" --html) >"$work/$n.html" ||
		die "assess $ex --html failed"
	for w in 1000 390; do
		python3 "$TOP/tests/sh/browser.py" shot "file://$work/$n.html" "$work/$n-$w.png" "$w" ||
			die "could not screenshot $n at $w px"
	done
done

# Every screenshot is a PNG of some substance.
for png in "$work"/*.png; do
	[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || die "$png is not a PNG"
	[ "$(wc -c <"$png")" -gt 20000 ] || die "$png is suspiciously small"
	echo "ok: screenshot $(basename "$png")"
done
stop_server_clean TERM
