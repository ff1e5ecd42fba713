"""Many messages in one session, sendmail in a loop.

usage: smtplib_many.py HOST PORT COUNT
"""
import smtplib
import sys

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

with smtplib.SMTP(host, port, local_hostname="client.example", timeout=30) as smtp:
    for i in range(count):
        body = "Subject: message %d\r\n\r\nbody of message %d\r\n" % (i, i)
        refused = smtp.sendmail("sender%d@example.com" % i, ["rcpt%d@example.com" % i], body)
        if refused:
            sys.exit("message %d refused: %r" % (i, refused))
