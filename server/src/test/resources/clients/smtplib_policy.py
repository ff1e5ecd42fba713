"""Steps of a session, each reply printed as "step: code text", to see what a listener's policy allows.

usage: smtplib_policy.py HOST PORT STEP...
  mail:FROM        MAIL FROM:<FROM>
  rcpt:ADDRESS     RCPT TO:<ADDRESS>
  login:USER:PASS  AUTH (smtplib's login(), PLAIN or LOGIN)
  data:TEXT        DATA with a one-line message
  rset             RSET
"""
import smtplib
import sys

host, port = sys.argv[1], int(sys.argv[2])

smtp = smtplib.SMTP(host, port, local_hostname="client.example", timeout=30)
smtp.ehlo()
print("size:", smtp.esmtp_features.get("size", "").strip())
for step in sys.argv[3:]:
    verb, _, argument = step.partition(":")
    if verb == "mail":
        code, text = smtp.mail(argument)
    elif verb == "rcpt":
        code, text = smtp.rcpt(argument)
    elif verb == "login":
        user, _, password = argument.partition(":")
        try:
            code, text = smtp.login(user, password)
        except smtplib.SMTPAuthenticationError as e:
            code, text = e.smtp_code, e.smtp_error
    elif verb == "data":
        code, text = smtp.data("Subject: policy\r\n\r\n" + argument + "\r\n")
    elif verb == "rset":
        code, text = smtp.rset()
    else:
        raise SystemExit("unknown step " + step)
    print(verb + ":", code, text.decode())
smtp.quit()
