"""login() then one message; prints the mechanisms the server's EHLO offered.

usage: smtplib_login.py HOST PORT USER PASSWORD
"""
import smtplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

smtp = smtplib.SMTP(host, port, local_hostname="client.example", timeout=30)
smtp.ehlo()
print("offered:", smtp.esmtp_features.get("auth", "").strip())
try:
    code, text = smtp.login(user, password)
except smtplib.SMTPAuthenticationError as e:
    # login() tries every mechanism offered, so the server may have closed the connection.
    print("refused:", e.smtp_code, e.smtp_error.decode())
    smtp.close()
    sys.exit(3)
print("login:", code, text.decode())
smtp.sendmail("alice@example.com", ["rcpt@example.com"], "Subject: smtplib login\r\n\r\nhello\r\n")
smtp.quit()
