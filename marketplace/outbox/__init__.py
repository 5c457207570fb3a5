"""The outbox: side effects written as rows in the caller's transaction, run later by a worker.

``enqueue`` in the same transaction as the state change; ``run_once`` / ``worker.main`` run them with retries
and backoff; ``mail.send_email`` delivers over SMTP or into the mailbox. The lowest domain layer: it imports
only ``core`` and ``models`` and knows no topic's handler; ``marketplace.jobs`` wires topics to handlers for
``python -m marketplace worker``.
"""

from marketplace.outbox.worker import enqueue, run_once

__all__ = ["enqueue", "run_once"]
