"""Backend HTTP routes mounted beside the Reflex app (auth forms, health; webhooks later)."""
