"""send_message of an EmailMessage with a binary attachment.

usage: smtplib_attachment.py HOST PORT ATTACHMENT_FILE
"""
import smtplib
import sys
from email.message import EmailMessage

host, port, attachment = sys.argv[1], int(sys.argv[2]), sys.argv[3]

msg = EmailMessage()
msg["From"] = "sender@example.com"
msg["To"] = "rcpt@example.com, other@example.com"
msg["Subject"] = "smtplib attachment"
msg.set_content("Data attached.\n")
with open(attachment, "rb") as f:
    msg.add_attachment(f.read(), maintype="application", subtype="octet-stream", filename="data.bin")

with smtplib.SMTP(host, port, local_hostname="client.example", timeout=30) as smtp:
    refused = smtp.send_message(msg)
    if refused:
        sys.exit("refused: %r" % refused)
