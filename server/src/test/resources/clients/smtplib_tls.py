"""One message over TLS: STARTTLS on the submission port, or SMTP_SSL on the implicit TLS port.
The test servers sign their own certificates, so the certificate is not checked. Prints the
negotiated protocol version.

usage: smtplib_tls.py HOST PORT starttls|implicit
"""
import smtplib
import ssl
import sys

host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]

context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

body = "Subject: smtplib %s\r\n\r\nsent with %s\r\n" % (mode, mode)
if mode == "starttls":
    smtp = smtplib.SMTP(host, port, local_hostname="client.example", timeout=30)
    smtp.ehlo()
    if not smtp.has_extn("starttls"):
        sys.exit("STARTTLS not offered: %r" % smtp.esmtp_features)
    code, reply = smtp.starttls(context=context)
    if code != 220:
        sys.exit("STARTTLS refused: %d %r" % (code, reply))
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        sys.exit("STARTTLS still offered over TLS")
elif mode == "implicit":
    smtp = smtplib.SMTP_SSL(host, port, local_hostname="client.example", timeout=30, context=context)
else:
    sys.exit("mode must be starttls or implicit: " + mode)

with smtp:
    print(smtp.sock.version())
    refused = smtp.sendmail("sender@example.com", ["rcpt@example.com"], body)
    if refused:
        sys.exit("refused: %r" % refused)
