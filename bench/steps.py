#!/usr/bin/env python3
"""Where a short connection's time goes: one client, one connection per message (workload A's
shape), each step timed from the client's side. Prints the median of every step over the
second half of the connections (the first half warms the server up), in microseconds.

    bench/steps.py PORT [CONNECTIONS] [LABEL]

Only 127.0.0.1 is targeted. Run it against each server in turn with nothing else loading the
machine; the steps of one server are comparable with another's, their sum is not the
smtp-source rate (this client is slower than smtp-source, and the same for every server).
"""
import socket
import statistics
import sys
import time

BODY = (b"From: bench@example.com\r\nTo: sink@example.com\r\nSubject: steps\r\n\r\n"
        + (b"x" * 70 + b"\r\n") * 13 + b".\r\n")
COMMANDS = [("EHLO", b"EHLO localhost\r\n"), ("MAIL", b"MAIL FROM:<bench@example.com>\r\n"),
            ("RCPT", b"RCPT TO:<sink@example.com>\r\n"), ("DATA", b"DATA\r\n"), ("content", BODY),
            ("QUIT", b"QUIT\r\n")]


def reply(stream):
    """Reads one reply, all its lines; returns the last."""
    while True:
        line = stream.readline()
        if len(line) < 4 or line[3:4] != b"-":
            return line


def connection(port, times):
    start = time.perf_counter_ns()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    stream = sock.makefile("rb")
    if not reply(stream).startswith(b"220"):
        raise SystemExit("no 220 greeting")
    times["connect+greeting"].append(time.perf_counter_ns() - start)
    for name, command in COMMANDS:
        start = time.perf_counter_ns()
        sock.sendall(command)
        line = reply(stream)
        times[name].append(time.perf_counter_ns() - start)
        if line[:1] not in (b"2", b"3"):
            raise SystemExit(f"{name}: {line!r}")
    start = time.perf_counter_ns()
    stream.read()  # until the server closes
    times["close"].append(time.perf_counter_ns() - start)
    stream.close()
    sock.close()


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    label = sys.argv[3] if len(sys.argv) > 3 else str(port)
    times = {name: [] for name in ["connect+greeting"] + [n for n, _ in COMMANDS] + ["close"]}
    for _ in range(count):
        connection(port, times)
    medians = {name: statistics.median(values[count // 2:]) / 1000 for name, values in times.items()}
    print(label, " ".join(f"{name}={value:.0f}" for name, value in medians.items()),
          f"sum={sum(medians.values()):.0f}")


if __name__ == "__main__":
    main()
