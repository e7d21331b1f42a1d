-- Webhooks: where admins want events POSTed, and the log of every delivery
-- (stored before it is sent, so that pending ones survive a restart).

CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  url         TEXT    NOT NULL,
  secret      TEXT    NOT NULL,  -- signs deliveries, so kept as it is (not hashed)
  events      TEXT    NOT NULL,  -- event names, comma-separated
  description TEXT    NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event            TEXT    NOT NULL,
  subject_id       INTEGER NOT NULL,
  state            TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_status      INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  response_excerpt TEXT    NOT NULL DEFAULT '',
  duration_ms      INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  delivered_at     INTEGER,
  payload          TEXT    NOT NULL
);
-- What the dispatcher has due, and each webhook's log, newest first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id DESC);
