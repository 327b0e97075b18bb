"""A real SMTP server for the mail tests (aiosmtpd): every message it accepts goes into a
Maildir. It can answer slowly (--delay seconds per message, as a busy relay does) and
refuse recipients permanently (--reject: any address containing it gets 550)."""

import argparse
import asyncio
import mailbox

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, maildir, delay, reject):
        self.box = mailbox.Maildir(maildir, create=True)
        self.delay = delay
        self.reject = reject

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        self.box.add(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--reject", default="")
    args = parser.parse_args()
    controller = Controller(
        Handler(args.maildir, args.delay, args.reject),
        hostname="127.0.0.1",
        port=args.port,
    )
    controller.start()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
