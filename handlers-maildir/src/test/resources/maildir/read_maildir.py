"""Reads a Maildir with Python's mailbox module and prints, per message in new/ and cur/,
one line: the file name, the Subject as email parses it, and the base64 of the bytes
mailbox hands back. read_maildir.py MAILDIR [FOLDER]"""
import base64
import email.policy
import mailbox
import sys

box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
if len(sys.argv) > 2:
    box = box.get_folder(sys.argv[2])
for key in sorted(box.keys(), key=lambda k: box._lookup(k)):
    raw = box.get_bytes(key)
    parsed = box.get_message(key)
    modern = email.message_from_bytes(raw, policy=email.policy.default)
    if modern.defects:
        sys.exit("defects in %s: %r" % (key, modern.defects))
    print(box._lookup(key).split("/")[-1], parsed["Subject"], base64.b64encode(raw).decode("ascii"))
