"""Read models computed from orders and events (sales figures, funnels), never from page code."""
