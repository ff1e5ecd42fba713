"""sendmail with SMTPUTF8: non-ASCII addresses and a UTF-8 body.

usage: smtplib_utf8.py HOST PORT
"""
import smtplib
import sys

host, port = sys.argv[1], int(sys.argv[2])

sender = "jörg@bücher.example"
rcpt = "用户@例子.广告"
body = ("From: %s\r\nTo: %s\r\nSubject: Grüße 你好\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "你好, 世界 — Grüße\r\n") % (sender, rcpt)

with smtplib.SMTP(host, port, local_hostname="client.example", timeout=30) as smtp:
    smtp.ehlo()
    if not smtp.has_extn("smtputf8"):
        sys.exit("server does not offer SMTPUTF8")
    refused = smtp.sendmail(sender, [rcpt], body.encode("utf-8"), mail_options=["SMTPUTF8", "BODY=8BITMIME"])
    if refused:
        sys.exit("refused: %r" % refused)
