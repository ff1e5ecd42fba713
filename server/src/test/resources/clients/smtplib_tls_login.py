"""STARTTLS, then AUTH (smtplib's login picks the mechanism), then one message.
AUTH must not be offered before TLS. The test server signs its own certificate.

usage: smtplib_tls_login.py HOST PORT USER PASSWORD
"""
import smtplib
import ssl
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

with smtplib.SMTP(host, port, local_hostname="client.example", timeout=30) as smtp:
    smtp.ehlo()
    if smtp.has_extn("auth"):
        sys.exit("AUTH offered before TLS: %r" % smtp.esmtp_features)
    smtp.starttls(context=context)
    smtp.ehlo()
    if not smtp.has_extn("auth"):
        sys.exit("AUTH not offered over TLS: %r" % smtp.esmtp_features)
    smtp.login(user, password)
    refused = smtp.sendmail("sender@example.com", ["rcpt@example.com"],
                            "Subject: smtplib tls login\r\n\r\nauthenticated over TLS\r\n")
    if refused:
        sys.exit("refused: %r" % refused)
