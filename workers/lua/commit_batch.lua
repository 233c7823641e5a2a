-- Publish a batch's outputs and acknowledge its entries, atomically, in one round trip.
--
-- KEYS[1] enriched stream   KEYS[2] events stream   KEYS[3] dead stream   KEYS[4] input stream
-- KEYS[5 .. 4+n]            idempotency keys, one per enriched article
-- ARGV[1] group  ARGV[2] enriched maxlen  ARGV[3] events maxlen  ARGV[4] dead maxlen
-- ARGV[5] idempotency ttl (s)  ARGV[6] n articles  ARGV[7] n dead letters  ARGV[8] n acks
-- then, per article: id, idempotency key value, enriched json, n events, event json...
-- then, per dead letter: entry id, reason, dead-letter json
-- then the entry ids to acknowledge.
-- An article whose idempotency key already exists was published before (a redelivery after a
-- crash between publish and ack): it is not published again, only acknowledged.
-- Returns {published, dead, acked, {positions (1-based) of the articles skipped}}.
local group = ARGV[1]
local n_articles = tonumber(ARGV[6])
local n_dead = tonumber(ARGV[7])
local n_acks = tonumber(ARGV[8])
local ttl = tonumber(ARGV[5])
local i = 9
local published = 0
local skipped_at = {}
for a = 1, n_articles do
  local article_id, key_value, doc = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local n_events = tonumber(ARGV[i + 3])
  i = i + 4
  if redis.call('SET', KEYS[4 + a], key_value, 'NX', 'EX', ttl) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*',
      'id', article_id, 'idempotency_key', key_value, 'content_type', 'application/json',
      'data', doc)
    for e = 0, n_events - 1 do
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
        'article_id', article_id, 'content_type', 'application/json', 'data', ARGV[i + e])
    end
    published = published + 1
  else
    skipped_at[#skipped_at + 1] = a
  end
  i = i + n_events
end
for d = 1, n_dead do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*',
    'entry_id', ARGV[i], 'reason', ARGV[i + 1], 'content_type', 'application/json',
    'data', ARGV[i + 2])
  i = i + 3
end
local acked = 0
if n_acks > 0 then
  acked = redis.call('XACK', KEYS[4], group, unpack(ARGV, i, i + n_acks - 1))
end
return {published, n_dead, acked, skipped_at}
