"""A raw-socket client that pipelines (RFC 2920) and checks every reply, in order.

usage: pipelining.py HOST PORT MODE
  commands  after EHLO, MAIL/RCPT/RCPT/DATA in one write, then the body; 50 messages
  session   a whole session, EHLO to QUIT with two messages, in one write
  bytewise  the same session, one byte per write
  bdat          a whole session sending content with BDAT (RFC 3030) instead, in one write
  bdat-bytewise the BDAT session, one byte per write

Messages N go from s-N@example.com to a-N@example.com and b-N@example.com, subject "pipelined N".
Exits non-zero, printing the transcript, if any reply is not the one expected.
"""
import socket
import sys

host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
transcript = []


def fail(why):
    sys.stderr.write("FAIL: %s\n" % why)
    sys.stderr.write("".join(transcript))
    sys.exit(1)


class Conn:
    def __init__(self):
        self.sock = socket.create_connection((host, port), timeout=20)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def write(self, data):
        transcript.append("C: %r\n" % data)
        self.sock.sendall(data)

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                fail("connection closed while waiting for a reply")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        transcript.append("S: %r\n" % line)
        return line.decode("utf-8")

    def reply(self, code):
        """Reads one whole reply and checks its code; returns its lines."""
        lines = [self.line()]
        while len(lines[-1]) > 3 and lines[-1][3] == "-":
            lines.append(self.line())
        if not all(l.startswith(str(code)) for l in lines):
            fail("expected %d, got %r" % (code, lines))
        return lines

    def close(self):
        self.sock.close()


def envelope(n):
    return ("MAIL FROM:<s-%d@example.com>\r\nRCPT TO:<a-%d@example.com>\r\n"
            "RCPT TO:<b-%d@example.com>\r\nDATA\r\n" % (n, n, n)).encode()


def body(n):
    return ("Subject: pipelined %d\r\n\r\nbody %d\r\n..dot-stuffed line\r\n.\r\n" % (n, n)).encode()


def chunked(n, chunks):
    """Envelope and content of message n as BDAT chunks: the content cut in `chunks` pieces, then BDAT 0 LAST."""
    content = ("Subject: pipelined %d\r\n\r\nbody %d\r\n.dot-stuffed line\r\n" % (n, n)).encode()
    data = envelope(n)[:-len(b"DATA\r\n")]
    step = -(-len(content) // chunks)
    for start in range(0, len(content), step):
        piece = content[start:start + step]
        data += b"BDAT %d\r\n" % len(piece) + piece
    return data + b"BDAT 0 LAST\r\n"


def bdat_session(write):
    conn = Conn()
    write(conn, b"EHLO client.example\r\n" + chunked(0, 3) + chunked(1, 1) + b"QUIT\r\n")
    conn.reply(220)
    conn.reply(250)
    for chunks in (3, 1):
        for _ in range(3 + chunks + 1):  # MAIL, RCPT, RCPT, each chunk, BDAT 0 LAST
            conn.reply(250)
    conn.reply(221)
    conn.close()


def expect_transaction(conn):
    conn.reply(250)
    conn.reply(250)
    conn.reply(250)
    conn.reply(354)


def commands():
    conn = Conn()
    conn.reply(220)
    conn.write(b"EHLO client.example\r\n")
    if "PIPELINING" not in [l[4:] for l in conn.reply(250)]:
        fail("PIPELINING not offered")
    for n in range(50):
        conn.write(envelope(n))
        expect_transaction(conn)
        conn.write(body(n))
        conn.reply(250)
    conn.write(b"QUIT\r\n")
    conn.reply(221)
    conn.close()


def whole_session(write):
    conn = Conn()
    data = b"EHLO client.example\r\n" + envelope(0) + body(0) + envelope(1) + body(1) + b"QUIT\r\n"
    write(conn, data)
    conn.reply(220)
    conn.reply(250)
    for _ in range(2):
        expect_transaction(conn)
        conn.reply(250)
    conn.reply(221)
    conn.close()


def bytewise(conn, data):
    for i in range(len(data)):
        conn.write(data[i:i + 1])


if mode == "commands":
    commands()
elif mode == "session":
    whole_session(lambda conn, data: conn.write(data))
elif mode == "bytewise":
    whole_session(bytewise)
elif mode == "bdat":
    bdat_session(lambda conn, data: conn.write(data))
elif mode == "bdat-bytewise":
    bdat_session(bytewise)
else:
    fail("unknown mode " + mode)
