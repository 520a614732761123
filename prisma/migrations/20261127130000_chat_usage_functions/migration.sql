-- The rate limiter's statements as functions: a function's statements keep their plans for the
-- session, so a reservation or a settlement is not parsed and planned again at every message
-- (on the embedded database that halves the time each takes).

-- Charges a reservation's estimate to its usage day, if it fits; true when it did. INSERT … SELECT
-- … WHERE, so a day's first row must fit the limits too; on conflict the DO UPDATE … WHERE sees the
-- latest committed row (READ COMMITTED re-check under its lock). Sums are bigint so that no total
-- overflows the integer columns while being compared.
CREATE FUNCTION chat_charge_day(
  p_user_id INTEGER, p_date TEXT, p_input_tokens INTEGER, p_output_tokens INTEGER,
  p_at TIMESTAMPTZ, p_daily_messages INTEGER, p_daily_input_tokens BIGINT,
  p_daily_output_tokens BIGINT
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chat_usage AS u
    (user_id, date, input_tokens, output_tokens, message_count,
     reserved_input_tokens, reserved_output_tokens, updated_at)
  SELECT p_user_id, p_date, 0, 0, 1, p_input_tokens, p_output_tokens, p_at AT TIME ZONE 'UTC'
  WHERE p_daily_messages > 0
    AND p_input_tokens <= p_daily_input_tokens
    AND p_output_tokens <= p_daily_output_tokens
  ON CONFLICT (user_id, date) DO UPDATE SET
    message_count = u.message_count + 1,
    reserved_input_tokens = u.reserved_input_tokens + EXCLUDED.reserved_input_tokens,
    reserved_output_tokens = u.reserved_output_tokens + EXCLUDED.reserved_output_tokens,
    updated_at = EXCLUDED.updated_at
  WHERE u.message_count < p_daily_messages
    AND u.input_tokens::BIGINT + u.reserved_input_tokens + EXCLUDED.reserved_input_tokens
      <= p_daily_input_tokens
    AND u.output_tokens::BIGINT + u.reserved_output_tokens + EXCLUDED.reserved_output_tokens
      <= p_daily_output_tokens;
  RETURN FOUND;
END
$$;

-- On a running usage day: charges the day, then records the reservation; true when admitted. A
-- request that is not admitted leaves nothing. A repeated request id fails on the reservation's
-- key, which undoes the whole statement calling this, its charge included.
CREATE FUNCTION chat_reserve(
  p_user_id INTEGER, p_request_id TEXT, p_date TEXT, p_input_tokens INTEGER,
  p_output_tokens INTEGER, p_at TIMESTAMPTZ, p_daily_messages INTEGER,
  p_daily_input_tokens BIGINT, p_daily_output_tokens BIGINT
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  IF NOT chat_charge_day(p_user_id, p_date, p_input_tokens, p_output_tokens, p_at,
      p_daily_messages, p_daily_input_tokens, p_daily_output_tokens) THEN
    RETURN FALSE;
  END IF;
  INSERT INTO chat_reservations
    (user_id, request_id, date, reserved_input_tokens, reserved_output_tokens, status, created_at)
  VALUES (p_user_id, p_request_id, p_date, p_input_tokens, p_output_tokens, 'pending', p_at);
  RETURN TRUE;
END
$$;

-- Settles pending reservations (the arrays are parallel, one element per reservation, each key at
-- most once, sorted by key), returning those it settled: marks each settled with its billed counts
-- (NULL: at its own estimates), then moves their estimates out of reserved_* and the billed counts
-- into input/output_tokens of the days they were charged to, even days that are over, summed per
-- day. Both updates are data-modifying parts of one statement, so they commit together; the
-- `status = 'pending'` guard makes a second settle (or a sweep racing a settle) change nothing (a
-- racing one waits on the reservation's row lock, then finds it settled). A true release_message
-- gives the reserved message back (an answer that cost nothing); the guard makes that happen at
-- most once too. Rows are locked in key order, reservations then days, so that two instances
-- settling overlapping batches wait for each other instead of deadlocking.
CREATE FUNCTION chat_settle(
  p_user_ids INTEGER[], p_request_ids TEXT[], p_input_tokens INTEGER[],
  p_output_tokens INTEGER[], p_release_messages BOOLEAN[], p_at TIMESTAMPTZ
) RETURNS TABLE (settled_user_id INTEGER, settled_request_id TEXT) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT * FROM unnest(p_user_ids, p_request_ids, p_input_tokens, p_output_tokens,
      p_release_messages)
      WITH ORDINALITY AS i(user_id, request_id, input_tokens, output_tokens, release_message, n)
  ), locked AS (
    SELECT r.user_id, r.request_id, i.input_tokens, i.output_tokens, i.release_message
    FROM input AS i
    JOIN chat_reservations AS r ON r.user_id = i.user_id AND r.request_id = i.request_id
    WHERE r.status = 'pending'
    ORDER BY i.n
    FOR UPDATE OF r
  ), settled AS (
    UPDATE chat_reservations AS r SET
      status = 'settled',
      input_tokens = COALESCE(l.input_tokens, r.reserved_input_tokens),
      output_tokens = COALESCE(l.output_tokens, r.reserved_output_tokens),
      settled_at = p_at
    FROM locked AS l
    WHERE r.user_id = l.user_id AND r.request_id = l.request_id AND r.status = 'pending'
    RETURNING r.user_id, r.request_id, r.date, r.reserved_input_tokens,
      r.reserved_output_tokens, r.input_tokens, r.output_tokens, l.release_message
  ), per_day AS (
    SELECT s.user_id, s.date,
      sum(s.reserved_input_tokens) AS reserved_input_tokens,
      sum(s.reserved_output_tokens) AS reserved_output_tokens,
      sum(s.input_tokens) AS input_tokens,
      sum(s.output_tokens) AS output_tokens,
      count(*) FILTER (WHERE s.release_message) AS released
    FROM settled AS s
    GROUP BY s.user_id, s.date
  ), days AS (
    SELECT u.user_id, u.date FROM chat_usage AS u
    JOIN per_day AS d ON d.user_id = u.user_id AND d.date = u.date
    ORDER BY u.user_id, u.date
    FOR UPDATE OF u
  ), moved AS (
    UPDATE chat_usage AS u SET
      reserved_input_tokens = u.reserved_input_tokens - d.reserved_input_tokens,
      reserved_output_tokens = u.reserved_output_tokens - d.reserved_output_tokens,
      input_tokens = u.input_tokens + d.input_tokens,
      output_tokens = u.output_tokens + d.output_tokens,
      message_count = u.message_count - d.released,
      updated_at = p_at AT TIME ZONE 'UTC'
    FROM per_day AS d, days AS k
    WHERE u.user_id = d.user_id AND u.date = d.date
      AND k.user_id = d.user_id AND k.date = d.date
  )
  SELECT s.user_id, s.request_id FROM settled AS s;
END
$$;
