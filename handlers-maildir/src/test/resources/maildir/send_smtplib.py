"""Sends the message on stdin with smtplib: send_smtplib.py HOST PORT FROM TO."""
import smtplib
import sys

host, port, sender, rcpt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
message = sys.stdin.buffer.read()
with smtplib.SMTP(host, port, timeout=30) as smtp:
    smtp.ehlo("python.test")
    refused = smtp.sendmail(sender, [rcpt], message)
    if refused:
        sys.exit("refused: %r" % refused)
