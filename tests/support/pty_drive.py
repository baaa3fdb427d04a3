"""Drives a command through a pseudo-terminal as a person at a keyboard would: waits for each
expected text (with a timeout), then types the next keys. Prints the whole screen transcript
and exits with the command's exit code (124 when an expected text never came).

usage: pty_drive.py TIMEOUT_SECONDS EXPECT KEYS [EXPECT KEYS ...] -- COMMAND [ARGS ...]
KEYS may contain \\r for Enter.
"""
import os
import pty
import select
import sys
import time


def main():
    args = sys.argv[1:]
    split = args.index("--")
    timeout = float(args[0])
    steps = args[1:split]
    command = args[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    screen = b""

    def read_until(wanted, deadline):
        nonlocal screen
        while wanted.encode() not in screen:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    return wanted.encode() in screen
                if not chunk:
                    return wanted.encode() in screen
                screen += chunk
        return True

    for i in range(0, len(steps), 2):
        expect, keys = steps[i], steps[i + 1].replace("\\r", "\r")
        if not read_until(expect, time.monotonic() + timeout):
            sys.stdout.write(screen.decode("utf-8", "replace"))
            sys.stdout.write(f"\n[pty_drive: never saw {expect!r}]\n")
            os.kill(pid, 9)
            sys.exit(124)
        os.write(fd, keys.encode())
    # Read to the end.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], deadline - time.monotonic())
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(screen.decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
