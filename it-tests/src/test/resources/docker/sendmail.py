# Sends standard input, byte for byte, with smtplib's sendmail: python3 sendmail.py HOST PORT FROM TO
import smtplib
import sys

host, port, sender, recipient = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
message = sys.stdin.buffer.read()
with smtplib.SMTP(host, port, timeout=30) as smtp:
    refused = smtp.sendmail(sender, [recipient], message)
    if refused:
        sys.exit("refused: %r" % refused)
