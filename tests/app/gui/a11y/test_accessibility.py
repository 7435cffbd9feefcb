#!/usr/bin/python3
"""The app as a screen reader reads it: over AT-SPI, the way Orca does.

Runs in a session D-Bus (CMake: dbus-run-session -- this script), starts its own Xvfb on a free
display, then starts `causerie` with a tiny model in a fresh data folder, then checks, in the language given:
  - the composer has the focus at start;
  - disabled controls are reported disabled (Send with an empty composer) and enabled again;
  - Tab walks a cycle back to the composer (no trap), through Send and the message list, and every
    control it reaches has a name and lies inside the window and inside every view around it;
  - a reply reaches the assistive technology (the notification spoken when a reply ends, and the
    message list items with author and text), and Up/Down walk the messages;
  - every interactive node of the main screen, the settings, the models page and the conversation
    drawer has a name.
Keys are typed with xdotool. Exit status 0 when every check passes.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

WORDS = {
    "fr": {"send": "Envoyer le message (Entrée)", "you": "Vous", "reply": "Réponse", "messages": "Messages",
           "settings": "Paramètres", "models": "Modèles", "context": "contexte",
           "drawer": "Réglages de la conversation"},
    "en": {"send": "Send the message (Enter)", "you": "You", "reply": "Reply", "messages": "Messages",
           "settings": "Settings", "models": "Models", "context": "context",
           "drawer": "Conversation settings"},
}
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
               "spin button", "slider", "page tab", "menu item", "list item", "link", "password text"}
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def children(node):
    try:
        return [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except Exception:  # a node that went away while we walked
        return []


def walk(node):
    yield node
    for c in children(node):
        if c is not None:
            yield from walk(c)


def has(node, state):
    return node.get_state_set().contains(state)


def extents(node):
    e = node.get_extents(Atspi.CoordType.SCREEN)
    return (e.x, e.y, e.width, e.height)


def describe(node):
    if node is None:
        return "nothing"
    return f"{node.get_role_name()} '{node.get_name()[:60]}' at {extents(node)}"


def find_app(timeout):
    desktop = Atspi.get_desktop(0)
    end = time.time() + timeout
    while time.time() < end:
        for a in children(desktop):
            if a is not None and a.get_name() == "Causerie" and a.get_child_count() > 0:
                return a
        time.sleep(0.5)
    return None


def showing(node):
    return has(node, Atspi.StateType.SHOWING) and has(node, Atspi.StateType.VISIBLE)


def focused(app):
    """The deepest focused node (Qt reports the focus scopes around it focused too)."""
    found = None
    for n in walk(app):
        if has(n, Atspi.StateType.FOCUSED) and n.get_role_name() not in ("application", "frame", "panel", "filler", "window", "dialog"):
            found = n
    return found


def message_items(app, words):
    """The messages: the list items directly in the message list."""
    messages = find(app, "list", words["messages"])
    return [n for n in children(messages) if n is not None and n.get_role_name() == "list item"] if messages else []


def announcement(app, words, after=""):
    """The reply notification being shown, if its text differs from `after`."""
    note = find(app, "notification", words["reply"])
    return note if note is not None and note.get_name() != after else None


def find(app, role, name_start="", need_showing=True):
    for n in walk(app):
        if n.get_role_name() == role and n.get_name().startswith(name_start) and (not need_showing or showing(n)):
            return n
    return None


def wait_for(condition, timeout, step=0.25):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True)
    time.sleep(0.35)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)
    time.sleep(0.35)


def inside(inner, outer, slack=2):
    """Inside; a node larger than the view: its start shown (reading begins there)."""
    x, y, w, h = inner
    X, Y, W, H = outer
    def shown(a, n, A, N):
        if n <= N:
            return a >= A - slack and a + n <= A + N + slack
        return A - slack <= a <= A + N / 4
    return shown(x, w, X, W) and shown(y, h, Y, H)


def outside_of(node, window):
    """What the node sticks out of: an enclosing list or scroll view, or the window (None: in view).
    Inside a view, what the window must hold is the part of the node that the view shows."""
    box = extents(node)
    shown = box
    parent = node.get_parent()
    while parent is not None and parent.get_role_name() not in ("frame", "application"):
        if parent.get_role_name() in ("list", "scroll pane", "table", "tree") and showing(parent):
            view = extents(parent)
            if not inside(box, view):
                return describe(parent)
            x, y = max(shown[0], view[0]), max(shown[1], view[1])
            shown = (x, y, min(shown[0] + shown[2], view[0] + view[2]) - x, min(shown[1] + shown[3], view[1] + view[3]) - y)
        parent = parent.get_parent()
    if not inside(shown, window):
        return f"the window {window}"
    return None


def visible_in_views(node, window):
    return outside_of(node, window) is None


def unnamed_interactive(root):
    missing = []
    for n in walk(root):
        if n.get_role_name() in INTERACTIVE and showing(n) and n.get_name().strip() == "":
            missing.append(describe(n))
    return missing


def tab_cycle(app, window, start, words):
    """Tab from the composer until it has the focus again; what was reached, in order."""
    reached = []
    for _ in range(60):
        key("Tab")
        node = wait_for(lambda: focused(app), 3)
        if node is None:
            check(False, "Tab: the focus went nowhere after " + " > ".join(reached[-3:]))
            return reached
        label = f"{node.get_role_name()} '{node.get_name()[:40]}'"
        reached.append(label)
        check(node.get_name().strip() != "", f"Tab reaches a named control: {describe(node)}")
        # (The view scrolls right after the focus moves: give it a moment.)
        wait_for(lambda: outside_of(node, window) is None, 3)
        out = outside_of(node, window)
        check(out is None, f"the focused control is in view: {describe(node)}" + (f", outside {out}" if out else ""))
        if node.get_role_name() == "text" and node.get_name() == start.get_name() and len(reached) > 1:
            return reached
    check(False, "Tab never came back to the composer (a trap): " + " > ".join(reached[-6:]))
    return reached


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--lang", default="fr", choices=sorted(WORDS))
    args = parser.parse_args()
    words = WORDS[args.lang]
    # Our own X server, on the first free display (it writes the number it took).
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        display = f.readline().strip()
    if not display:
        print("FAIL Xvfb did not start", flush=True)
        return 1
    os.environ["DISPLAY"] = ":" + display
    os.environ.pop("XAUTHORITY", None)
    try:
        return run(args, words)
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def run(args, words):
    data = tempfile.mkdtemp(prefix="causerie-a11y-")
    env = dict(os.environ, QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               QT_QPA_PLATFORM="xcb", LANGUAGE=args.lang)
    env.pop("QT_QPA_PLATFORMTHEME", None)
    log = open(os.path.join(data, "app.log"), "w")
    proc = subprocess.Popen([args.app, "--data-dir", data, "--lang", args.lang, "--model", args.model],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        app = find_app(90)
        if not check(app is not None, "the app appears on the accessibility bus"):
            return 1
        frame = wait_for(lambda: find(app, "frame"), 30)
        window = extents(frame)
        # The model is loaded when the composer's placeholder invites to write; Send then
        # depends on the text only.
        composer = wait_for(lambda: (lambda n: n if n and n.get_role_name() == "text" else None)(focused(app)), 60)
        check(composer is not None and composer.get_name() == "Message",
              f"the composer has the focus at start (focused: {describe(focused(app))})")
        if composer is None:
            return 1
        # The model is ready when the context figures show under the composer.
        check(wait_for(lambda: find(app, "label", words["context"]), 180) is not None, "the model is loaded")
        send = wait_for(lambda: find(app, "push button", words["send"]), 60)
        if not check(send is not None, "Send is on the screen"):
            return 1
        check(not has(send, Atspi.StateType.ENABLED) and not has(send, Atspi.StateType.SENSITIVE),
              "Send is reported disabled while the composer is empty")
        type_text("Bonjour")
        check(wait_for(lambda: has(send, Atspi.StateType.SENSITIVE), 10), "Send is reported enabled once there is text")
        missing = unnamed_interactive(app)
        check(not missing, "every interactive node of the main screen has a name" + (": " + "; ".join(missing) if missing else ""))

        # One exchange: Enter sends; the end of the reply is announced.
        key("Return")
        note = wait_for(lambda: announcement(app, words), 120)
        check(note is not None and len(note.get_name()) > len(words["reply"]) + 3,
              f"the finished reply is announced: {describe(note)}")
        if note is None:
            print("notifications: " + "; ".join(describe(n) + str(showing(n)) for n in walk(app) if n.get_role_name() == "notification"))
        items = message_items(app, words)
        check(len(items) == 2, f"the message list holds 2 list items (found {len(items)})")
        if len(items) == 2:
            check(items[0].get_name().startswith(words["you"]) and "Bonjour" in items[0].get_name(),
                  f"the first item names its author and text: {describe(items[0])}")
            reply_text = items[1].get_name().split(": ", 1)[-1].split(" : ", 1)[-1]
            check(note is not None and reply_text[:40] in note.get_name(),
                  "the announcement carries the reply's text")
        # Two more exchanges so that the list scrolls.
        for text in ("Encore", "Une histoire"):
            before = note.get_name() if note is not None else ""
            type_text(text)
            key("Return")
            note = wait_for(lambda: announcement(app, words, before), 120)
        # (A list exposes the messages it has made, those near the view.)
        names = [n.get_name() for n in message_items(app, words)]
        check(any(n.startswith(words["you"]) and "Une histoire" in n for n in names) and len(names) >= 2,
              "three exchanges: the last question and its reply are list items")
        reached = tab_cycle(app, window, composer, words)
        print("Tab order: " + " > ".join(reached), flush=True)
        check(any(r.startswith("list item") for r in reached), "Tab enters the message list")
        # The keyboard walks the messages: Shift+Tab back into the list, then Up.
        for _ in range(12):
            key("shift+Tab")
            node = focused(app)
            print("  Shift+Tab: " + describe(node), flush=True)
            if node is not None and node.get_role_name() == "list item":
                break
        node = focused(app)
        if check(node is not None and node.get_role_name() == "list item", "Shift+Tab from the composer reaches a message"):
            last = node.get_name()
            key("Up")
            up = focused(app)
            check(up is not None and up.get_role_name() == "list item" and up.get_name() != last
                  and up.get_name().startswith(words["you"]), f"Up moves to the previous message: {describe(up)}")
            check(up is not None and visible_in_views(up, window), "the message reached by Up is in view")
            key("Home")
            first = focused(app)
            check(first is not None and "Bonjour" in first.get_name() and visible_in_views(first, window),
                  f"Home goes to the first message, in view: {describe(first)}")
        key("Escape")

        # The other screens: every interactive node named (each tab of the models page).
        def all_named(title):
            missing = unnamed_interactive(app)
            check(not missing, f"every interactive node of {title} has a name" + (": " + "; ".join(missing) if missing else ""))

        key("ctrl+comma")
        time.sleep(1.5)
        all_named(words["settings"])
        key("Escape")
        time.sleep(0.8)
        key("ctrl+m")
        time.sleep(1.5)
        tabs = [n for n in walk(app) if n.get_role_name() == "page tab" and showing(n)]
        check(len(tabs) >= 3, f"the models page has its tabs ({len(tabs)})")
        for tab in tabs:
            tab.do_action(0)
            time.sleep(1.2)
            all_named(f"{words['models']} > {tab.get_name()}")
        key("Escape")
        time.sleep(0.8)
        drawer_button = find(app, "push button", words["drawer"])
        if check(drawer_button is not None, "the conversation settings button is there"):
            drawer_button.do_action(0)
            time.sleep(1.5)
            all_named(words["drawer"])
            key("Escape")
        return 0 if not failures else 1
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if failures:
            print("--- app log", flush=True)
            print(open(os.path.join(data, "app.log")).read()[-4000:], flush=True)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
