#!/usr/bin/env python3
"""Drive headless Chromium over its own DevTools pipe (--remote-debugging-pipe),
with nothing but the Python standard library: no WebDriver, no npm.  Input is
sent as real key and mouse events, so the page sees what a person's typing
and clicking would cause (input events, suggestions, focus, form submission).

  browser.py form BASE_URL OUTDIR     fill the case form like a person, submit,
      check the report (triage, a finding, an SVG chart with a title), save
      screenshots in OUTDIR; exit 1 with the reason if anything is missing.
  browser.py shot URL OUT.png WIDTH   screenshot a whole page at that width.

CHROMIUM names the browser (default: chromium).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 20.0


class Fail(Exception):
    pass


class Browser:
    def __init__(self, width=1000, height=900):
        self.profile = tempfile.mkdtemp(prefix="cramplab-chromium-")
        cmd_r, self.cmd_w = os.pipe()  # we write commands, Chromium reads fd 3
        self.res_r, res_w = os.pipe()  # Chromium writes answers on fd 4
        exe = os.environ.get("CHROMIUM", "chromium")
        args = [exe, "--headless=new", "--disable-gpu", "--remote-debugging-pipe",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--mute-audio",
                "--hide-scrollbars", "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (width, height), "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with it

        def fds():
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(args, preexec_fn=fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": page["targetId"], "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": width < 600})

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.monotonic() > deadline:
                raise Fail("Chromium did not answer within %.0f s" % TIMEOUT)
            chunk = os.read(self.res_r, 65536)
            if not chunk:
                raise Fail("Chromium closed its DevTools pipe (did it start?)")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise Fail("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == name:
                    del self.events[i]
                    return e
            self.events.append(self._read_message(deadline))

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise Fail("script %r failed: %s" % (expr[:80], r["exceptionDetails"].get("text")))
        return r["result"].get("value")

    def goto(self, url):
        self.events.clear()
        r = self.call("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise Fail("could not open %s: %s" % (url, r["errorText"]))
        self.wait_event("Page.loadEventFired")

    def wait_for(self, expr, what, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            v = self.eval(expr)
            if v:
                return v
            time.sleep(0.05)
        raise Fail("timed out waiting for " + what)

    def click(self, selector):
        box = self.eval("""(() => { const e = document.querySelector(%s);
            if (!e) return null; e.scrollIntoView({block: 'center'});
            const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; })()""" % json.dumps(selector))
        if not box:
            raise Fail("nothing on the page matches " + selector)
        x, y = box
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1})

    def key(self, name):
        codes = {"Enter": 13, "ArrowDown": 40, "ArrowUp": 38, "Escape": 27, "Tab": 9}
        base = {"key": name, "code": name, "windowsVirtualKeyCode": codes[name]}
        down = dict(base, type="keyDown")
        if name == "Enter":
            down["text"] = "\r"
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", dict(base, type="keyUp"))

    def type(self, text, delay=0.02):
        for ch in text:
            if ch == "\n":
                self.key("Enter")
            else:
                self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "key": ch})
                self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})
            time.sleep(delay)

    def choose(self, selector, value):
        """A <select>: focus it and pick the option, as the keyboard would."""
        self.click(selector)
        self.key("Escape")  # close the popup a click may open
        ok = self.eval("""(() => { const s = document.querySelector(%s);
            s.focus(); s.value = %s; s.dispatchEvent(new Event('input', {bubbles: true}));
            s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()"""
                       % (json.dumps(selector), json.dumps(value)))
        if ok != value:
            raise Fail("%s has no option %s" % (selector, value))

    def screenshot(self, path):
        m = self.call("Page.getLayoutMetrics")
        size = m.get("cssContentSize") or m["contentSize"]
        r = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"],
                     "height": min(size["height"], 16000), "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))


def fill_and_submit(base, out):
    b = Browser(1000, 900)
    try:
        b.goto(base + "/")
        b.click("#age")
        b.type("67")
        b.choose("#sex", "female")
        b.click("#weight")
        b.type("62")

        # The diary: type the date and a partial food, take a suggestion with
        # the keyboard, then type the rest of the lines.
        b.click("#diary")
        b.type("2026-11-18\n1 medium banan", delay=0.03)
        n = b.wait_for("document.querySelectorAll('#food-suggestions li').length",
                       "food suggestions under the diary")
        first = b.eval("document.querySelector('#food-suggestions li').firstChild.textContent")
        b.key("ArrowDown")
        b.key("Enter")
        line = b.eval("document.getElementById('diary').value.split('\\n')[1]")
        if not line.startswith("1 medium ") or first not in line:
            raise Fail("choosing the suggestion %r gave the line %r" % (first, line))
        print("ok: %d suggestions; chose %r -> %r" % (n, first, line))
        b.wait_for("/reads as/.test(document.getElementById('food-status').textContent)",
                   "the line's reading (/api/parse) under the diary")
        print("ok: status says: " + b.eval("document.getElementById('food-status').textContent"))
        b.type("\n1 cup oatmeal\n2 slices white bread\n1 cup 2% milk\n3 oz chicken breast\n"
               "1 cup white rice\n1 glass of water\n", delay=0.005)

        b.click("input[name=symptom][value=cramps]")
        b.click("input[name=symptom][value=nocturnal]")
        b.click("#cramps-week")
        b.type("4")

        b.choose("#labs .lab select[name=lab_test]", "magnesium")
        units = b.eval("[...document.querySelectorAll('#labs select[name=lab_unit] option')]"
                       ".map(o => o.value).join(' ')")
        if units != "mmol/L mg/dL mEq/L":
            raise Fail("the unit picker for magnesium offers %r" % units)
        b.choose("#labs .lab select[name=lab_unit]", "mg/dL")
        b.click("#labs .lab input[name=lab_value]")
        b.type("1.6")

        b.click("#medications")
        b.type("furosemide\n<script>alert('x')</script> & \"quotes\"")

        # The cramp log: save the diary's day and one cramp; the summary
        # line is read back from the history file through the API.
        b.wait_for("/Nothing saved yet/.test(document.getElementById('history-summary').textContent)",
                   "the empty cramp log's summary")
        b.click("#diary-save")
        b.wait_for("/Saved 1 day/.test(document.getElementById('history-status').textContent)",
                   "the diary saved to the log")
        b.eval("document.getElementById('cramp-date').value = '2026-11-18'")
        b.click("#cramp-time")
        b.eval("document.getElementById('cramp-time').value = '02:40'")
        b.choose("#cramp-context", "night")
        b.click("#cramp-muscle")
        b.type("<b>hamstring</b>")
        b.click("#cramp-severity")
        b.type("6")
        b.click("#cramp-save")
        b.wait_for("/Saved cramp #1/.test(document.getElementById('history-status').textContent)",
                   "the cramp saved to the log")
        summary = b.wait_for("(() => { const t = document.getElementById('history-summary').textContent;"
                             " return /1 cramp,/.test(t) && t; })()", "the log's summary after saving")
        if "at night 1" not in summary or "1 diary day" not in summary:
            raise Fail("the cramp log's summary reads %r" % summary)
        if b.eval("document.querySelectorAll('#history-card b').length"):
            raise Fail("a muscle name became markup")
        print("ok: cramp log: " + summary)
        b.screenshot(os.path.join(out, "form-filled.png"))

        b.events.clear()
        b.click("#submit")
        b.wait_event("Page.loadEventFired")
        title = b.eval("document.title")
        if not title.startswith("cramplab report"):
            raise Fail("after submitting, the page is %r: %s" % (
                title, b.eval("document.body.innerText.slice(0, 300)")))
        triage = b.eval("document.querySelector('#triage h2').textContent")
        findings = b.eval("document.querySelectorAll('#findings .finding').length")
        charts = b.eval("document.querySelectorAll('#intake svg[role=img] title').length")
        hatch = b.eval("document.querySelectorAll('svg pattern').length")
        scripts = b.eval("document.scripts.length")
        hostile = b.eval("document.getElementById('entered').textContent.includes("
                         "\"<script>alert('x')</script> & \\\"quotes\\\"\")")
        print("ok: report: triage %r, %d findings, %d charts" % (triage, findings, charts))
        if not triage or not findings or not charts or not hatch:
            raise Fail("the report lacks the triage, a finding or a chart")
        if scripts:
            raise Fail("the report holds %d script elements" % scripts)
        if not hostile:
            raise Fail("the hostile medicine name is not shown as text")
        lab = b.eval("document.getElementById('entered').textContent")
        if "you entered 1.6 mg/dL" not in lab:
            raise Fail("the lab in mg/dL was not read as entered: %r" % lab[:300])
        b.screenshot(os.path.join(out, "report-desktop.png"))
    finally:
        b.close()

    # The same report on a phone-sized screen: nothing may be wider than it.
    b = Browser(390, 844)
    try:
        b.goto(base + "/")
        b.click("#age")
        b.type("34")
        b.choose("#sex", "male")
        b.click("#weight")
        b.type("70")
        b.click("input[name=symptom][value=cramps]")
        b.click("input[name=symptom][value=during_exercise]")
        b.click("input[name=ex_minutes]")
        b.type("90")
        b.choose("select[name=ex_intensity]", "hard")
        for name, v in (("ex_temperature_c", "32"), ("ex_mass_before_kg", "70"),
                        ("ex_mass_after_kg", "67.9"), ("ex_fluid_during_ml", "400")):
            b.click("input[name=%s]" % name)
            b.type(v, delay=0.005)
        b.screenshot(os.path.join(out, "form-phone.png"))
        b.events.clear()
        b.click("#submit")
        b.wait_event("Page.loadEventFired")
        wide = b.eval("document.documentElement.scrollWidth")
        fluids = b.eval("document.querySelectorAll('#fluids svg').length")
        print("ok: phone report: page width %s, %d fluid charts" % (wide, fluids))
        if wide > 390:
            raise Fail("the report is %d px wide on a 390 px screen" % wide)
        if not fluids:
            raise Fail("the report lacks the fluid chart for the exercise session")
        b.screenshot(os.path.join(out, "report-phone.png"))
    finally:
        b.close()


def shot(url, path, width):
    b = Browser(width, 900)
    try:
        b.goto(url)
        b.screenshot(path)
    finally:
        b.close()


def main():
    try:
        if len(sys.argv) == 4 and sys.argv[1] == "form":
            fill_and_submit(sys.argv[2], sys.argv[3])
        elif len(sys.argv) == 5 and sys.argv[1] == "shot":
            shot(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Fail as e:
        print("FAIL: %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
