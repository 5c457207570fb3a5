"""The outbox: side effects written as rows in the caller's transaction, run later by a worker.

``enqueue`` in the same transaction as the state change; ``run_once`` / ``main`` (``python -m marketplace
worker``) run them with retries and backoff; ``mail.send_email`` delivers over SMTP or into the mailbox.
"""

from marketplace.outbox.worker import enqueue, run_once

__all__ = ["enqueue", "run_once"]
