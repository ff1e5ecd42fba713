"""smtplib.LMTP: one message to several recipients, reading one reply per accepted recipient
after the data, as RFC 2033 4.2 says. smtplib's data() reads only the first; getreply() reads
the others. A NOOP last shows that no reply was left over.

usage: smtplib_lmtp.py HOST PORT RCPT...
"""
import smtplib
import sys

host, port, rcpts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

with smtplib.LMTP(host, port, local_hostname="client.example", timeout=30) as lmtp:
    code, _ = lmtp.ehlo()  # LMTP's ehlo() sends LHLO
    print("lhlo: %d %s" % (code, " ".join(sorted(lmtp.esmtp_features))))
    lmtp.mail("sender@example.com")
    accepted = []
    for rcpt in rcpts:
        code, text = lmtp.rcpt(rcpt)
        print("rcpt %s: %d %s" % (rcpt, code, text.decode()))
        if code == 250:
            accepted.append(rcpt)
    replies = [lmtp.data(b"Subject: smtplib lmtp\r\n\r\nOne reply per recipient.\r\n")]
    replies += [lmtp.getreply() for _ in accepted[1:]]
    for rcpt, (code, text) in zip(accepted, replies):
        print("data %s: %d %s" % (rcpt, code, text.decode()))
    code, text = lmtp.noop()
    print("noop: %d %s" % (code, text.decode()))
