-- One article's duplicate decision and story, atomically, in one round trip.
-- The rules are those of workers/core/dedup.py and workers/core/signature.py + stories.py
-- (the in-memory indexes); tests run the same cases against both.
--
-- KEYS[1]  the article's record        {p}:a:<id hash>     (the other keys are derived below)
-- ARGV[1]  JSON: p (prefix), id (id hash, hex), article (id), now (ms), window (ms), gen,
--          gen_expire (unix s), min (bytes that must agree), perms, digest, nbands,
--          story (its id if it starts one), parts [participants], ctx {h0,h1,s0,s1,ci,co,oc},
--          slack, same, before/after (soft window around publication, days), near (days),
--          cap (stories kept per participant), scan (read per participant),
--          judged (most candidate stories judged), outlet, lang, keys [event keys]
-- ARGV[2]  fingerprint (bytes)   ARGV[3] id hash (8 bytes)
-- ARGV[4]  bands: per band u32 shard (big-endian) and its 4-byte field
-- ARGV[5..] the events' JSON, in the order of keys
-- Returns {duplicate_of, matches, story_id, articles, outlets, languages, first_ms, last_ms,
--          then per event: key, kind, mentions, first JSON ('' when this article's own)}
--
-- Keys: {p}:a:<id>  article record (hash, expires after the window)
--       {p}:b:<shard>  LSH buckets: a string of 14-byte entries, band field (4 bytes) +
--                  article id hash (8) + generation (2), oldest first
--       {p}:s:<story>  story (hash: seq, counts, context, n:<event> mentions; small values
--                  only, so it stays one compact listpack that a judging HMGET reads at once)
--       {p}:sj:<story>  the story's events as first coded (hash: event key -> JSON)
--       {p}:sp:<participant>  stories of a participant (zset scored by its last activity
--                  there, the `cap` most recent kept)
local q = cjson.decode(ARGV[1])
local fp, raw_id, packed, p, now = ARGV[2], ARGV[3], ARGV[4], q.p, q.now
local rec = KEYS[1]
local HEX8 = string.rep('%02x', 8)

local function field(key, name)
  local v = redis.call('HGET', key, name)
  if v == false then return nil end
  return v
end

local function story_counts(sid)
  local v = redis.call('HMGET', p .. ':s:' .. sid, 'n', 'no', 'langs', 'f', 't')
  if v[1] == false then return {sid, 0, 0, '', 0, 0} end
  return {sid, tonumber(v[1]), tonumber(v[2]), v[3], tonumber(v[4]), tonumber(v[5])}
end

local function reply(dup, matches, sid, outcomes)
  local out = story_counts(sid or '')
  table.insert(out, 1, matches)
  table.insert(out, 1, dup or '')
  for _, o in ipairs(outcomes) do
    local first = ''
    if o[2] == 'mention' then first = field(p .. ':sj:' .. sid, o[1]) or '' end
    for _, x in ipairs({o[1], o[2], o[3], first}) do out[#out + 1] = x end
  end
  return out
end

-- A redelivered article: its first verdict, nothing counted twice.
local seen = redis.call('HMGET', rec, 'seq', 'dup', 'm', 'st', 'ev')
if seen[1] ~= false then
  local outcomes = {}
  for line in string.gmatch(seen[5] or '', '[^\n]+') do
    local key, kind, n = string.match(line, '^(.*)\t(%a+)\t(%d+)$')
    outcomes[#outcomes + 1] = {key, kind, tonumber(n)}
  end
  local sid = seen[4]
  if sid == false or sid == '' then sid = nil end
  local dup = seen[2]
  if dup == '' then dup = nil end
  return reply(dup, tonumber(seen[3]), sid, outcomes)
end

-- Duplicates: candidates from the LSH buckets of this generation and the one before.
local seq = redis.call('INCR', p .. ':seq')
local mine = {string.byte(fp, 1, -1)}
local function agreeing(digest, other)
  if digest == q.digest then return q.perms end
  if #mine == 0 or #other ~= #mine then return 0 end
  local theirs, n = {string.byte(other, 1, -1)}, 0
  for i = 1, #mine do
    if mine[i] == theirs[i] then n = n + 1 end
  end
  return n
end

-- Every article of the current and previous generation that shares a band (one MGET).
-- A bucket entry is 14 bytes: band field (4), article id hash (8), generation mod 65536 (2).
local SIZE, buckets, fields = 14, {}, {}
local function generation_of(blob, at)  -- at: offset of the entry (0-based)
  local g1, g2 = string.byte(blob, at + 13, at + 14)
  return (q.gen - (g1 * 256 + g2)) % 65536  -- 0: this generation, 1: the one before
end
for i = 0, q.nbands - 1 do
  local b1, b2, b3, b4 = string.byte(packed, i * 8 + 1, i * 8 + 4)
  buckets[i + 1] = p .. ':b:' .. (((b1 * 256 + b2) * 256 + b3) * 256 + b4)
  fields[i + 1] = string.sub(packed, i * 8 + 5, i * 8 + 8)
end
local blobs = q.nbands > 0 and redis.call('MGET', unpack(buckets)) or {}

local checked, alive, held = {}, {}, {}
local best, best_matches
for band = 1, q.nbands do
  local blob, init = blobs[band], 1
  while blob do
    local at = string.find(blob, fields[band], init, true)
    if not at then break end
    if (at - 1) % SIZE == 0 then
      init = at + SIZE
      local age, holder = generation_of(blob, at - 1), string.sub(blob, at + 4, at + 11)
      if age <= 1 and not checked[holder] and holder ~= raw_id then
        checked[holder] = true
        local key = string.format(HEX8, string.byte(holder, 1, 8))
        local c = redis.call('HMGET', p .. ':a:' .. key, 'dg', 'f1', 'f2', 'root', 'rseq', 'rid')
        if c[1] ~= false then
          alive[holder] = true
          local m = agreeing(c[1], (c[2] or '') .. (c[3] or ''))
          if m >= q.min then
            local rseq = tonumber(c[5])
            if best == nil or rseq < best.rseq or (rseq == best.rseq and
                (m > best_matches or (m == best_matches and key < best.id))) then
              best, best_matches = {id = key, root = c[4], rseq = rseq, rid = c[6]}, m
            end
          end
        end
      end
      if age == 0 and alive[holder] then held[band] = true end
    else
      init = at + 1
    end
  end
end

local dup, root, rseq, matches = nil, q.id, seq, 0
if best then
  dup, root, rseq, matches = best.rid, best.root, best.rseq, best_matches
  if best.root ~= best.id then
    local r = redis.call('HMGET', p .. ':a:' .. best.root, 'dg', 'f1', 'f2')
    if r[1] ~= false then matches = agreeing(r[1], (r[2] or '') .. (r[3] or '')) end
  end
end
redis.call('HSET', rec, 'id', q.article, 'seq', seq, 'dg', q.digest, 'f1', string.sub(fp, 1, 64),
  'f2', string.sub(fp, 65), 'root', root, 'rid', dup or q.article, 'rseq', rseq,
  'dup', dup or '', 'm', matches)
redis.call('PEXPIRE', rec, q.window)
-- Index the article under every band no live article of this generation holds. Entries are
-- in arrival order, so those older than the previous generation are a prefix: cut it away
-- on the first write of a generation, when the key's expiry is also moved on.
local entry_gen = string.char(math.floor(q.gen / 256) % 256, q.gen % 256)
local written = {}
for band = 1, q.nbands do
  local key, blob = buckets[band], blobs[band]
  local entry = fields[band] .. raw_id .. entry_gen
  if held[band] then
    -- nothing to add
  elseif written[key] or (blob and generation_of(blob, #blob - SIZE) == 0) then
    redis.call('APPEND', key, entry)
  else
    local keep = 0
    while blob and keep < #blob and generation_of(blob, keep) > 1 do keep = keep + SIZE end
    redis.call('SET', key, (blob and string.sub(blob, keep + 1) or '') .. entry,
      'EXAT', q.gen_expire)
  end
  written[key] = true
end

-- Stories: a copy joins its original's story; else the best-fitting story of a participant.
if #q.keys == 0 then return reply(dup, matches, nil, {}) end
local function num(v) if v == false or v == nil or v == '' then return nil end return tonumber(v) end
local function overlaps(a0, a1, b0, b1) return a0 <= b1 + q.slack and b0 <= a1 + q.slack end
local ctx = q.ctx
-- Near in time: the event dates, else the publication days (the soft window's inside).
local function near(c)
  if c.h0 then return c.h0, c.h1 end
  if c.s0 then return c.s0 + q.before, c.s1 - q.after end
  return nil
end
local near0, near1 = near(ctx)  -- the article's, the same for every candidate
local taking_part = {}
for _, part in ipairs(q.parts) do
  if string.sub(part, 1, 2) == 'c:' then taking_part[string.sub(part, 3)] = true end
end
-- Another place, the same event: one event in common, near in time, nearly the same
-- parties, the places in one country or one of them in a country taking part.
local function elsewhere(st, same_parties)
  local b0, b1 = near(st)
  if not (same_parties and st.shares and near0 and b0) then return false end
  if not (near0 <= b1 + q.near and b0 <= near1 + q.near) then return false end
  if ctx.co == '' or st.co == '' then return false end
  return ctx.co == st.co or taking_part[ctx.co] or taking_part[st.co] or false
end
local function judge(st, shared)
  if shared < math.min(2, #q.parts) or shared == 0 then return nil end
  local score = shared
  local same_parties = shared >= q.same * (#q.parts + st.np - shared)
  if ctx.h0 and st.h0 then
    if not overlaps(ctx.h0, ctx.h1, st.h0, st.h1) then return nil end
    score = score + 1
  else
    local l0, l1, r0, r1 = ctx.h0 or ctx.s0, ctx.h1 or ctx.s1, st.h0 or st.s0, st.h1 or st.s1
    if l0 and r0 and not overlaps(l0, l1, r0, r1) then return nil end
    if not st.shares then return nil end  -- no event dates agree, and no event in common
  end
  if (ctx.ci ~= '' and st.ci ~= '' and ctx.ci ~= st.ci) or
     (ctx.co ~= '' and st.co ~= '' and ctx.co ~= st.co) then
    if not elsewhere(st, same_parties) then return nil end
  elseif ctx.ci ~= '' and ctx.ci == st.ci then
    score = score + 1
  end
  if ctx.oc ~= '' and ctx.oc == st.oc then score = score + 1 end
  if score == shared and not same_parties then return nil end
  return score
end
-- A story's context, and whether it already counts one of the article's events (shares).
local STORY_FIELDS = {'seq', 'h0', 'h1', 's0', 's1', 'ci', 'co', 'oc', 'np'}
for i, key in ipairs(q.keys) do STORY_FIELDS[9 + i] = 'n:' .. key end
local function story_of(sid)
  local v = redis.call('HMGET', p .. ':s:' .. sid, unpack(STORY_FIELDS))
  if v[1] == false then return nil end
  local shares = false
  for i = 10, #v do
    if v[i] then shares = true break end
  end
  return {seq = tonumber(v[1]), h0 = num(v[2]), h1 = num(v[3]), s0 = num(v[4]), s1 = num(v[5]),
          ci = v[6] or '', co = v[7] or '', oc = v[8] or '', np = tonumber(v[9] or 0),
          shares = shares}
end

local sid, st = nil, nil
if dup then
  local original = redis.call('HGET', p .. ':a:' .. root, 'st')
  if original and original ~= '' then
    st = story_of(original)
    if st then sid = original end
  end
end
if not sid then
  -- Candidates: the `scan` most recently active stories of each participant. Their shared
  -- counts are exact: a list cut short is asked (ZMSCORE) about the candidates it did not list.
  local need, since = math.min(2, #q.parts), now - q.window
  local shared, last, order, listed, cut = {}, {}, {}, {}, {}
  for i, part in ipairs(q.parts) do
    local got = redis.call('ZRANGE', p .. ':sp:' .. part, '+inf', string.format('(%d', since),
      'BYSCORE', 'REV', 'LIMIT', 0, q.scan, 'WITHSCORES')
    cut[i], listed[i] = #got >= 2 * q.scan, {}
    for j = 1, #got, 2 do
      local s, t = got[j], tonumber(got[j + 1])
      listed[i][s] = true
      if shared[s] then
        shared[s] = shared[s] + 1
        if t > last[s] then last[s] = t end
      else
        order[#order + 1], shared[s], last[s] = s, 1, t
      end
    end
  end
  if #q.parts > 1 then
    for i, part in ipairs(q.parts) do
      local ask = {}
      if cut[i] then
        for _, s in ipairs(order) do
          if not listed[i][s] then ask[#ask + 1] = s end
        end
      end
      if #ask > 0 then
        for j, t in ipairs(redis.call('ZMSCORE', p .. ':sp:' .. part, unpack(ask))) do
          t = t and tonumber(t)
          if t and t > since then
            local s = ask[j]
            shared[s] = shared[s] + 1
            if t > last[s] then last[s] = t end
          end
        end
      end
    end
  end
  -- Judge at most `judged` of them, most shared participants first, then most recent; stop
  -- once even a perfect fit of the rest could not beat the best (score <= shared + bonus).
  local cands = {}
  for _, s in ipairs(order) do
    if shared[s] >= need then cands[#cands + 1] = s end
  end
  table.sort(cands, function(a, b)
    if shared[a] ~= shared[b] then return shared[a] > shared[b] end
    if last[a] ~= last[b] then return last[a] > last[b] end
    return a < b
  end)
  local bonus = (ctx.h0 and 1 or 0) + (ctx.ci ~= '' and 1 or 0) + (ctx.oc ~= '' and 1 or 0)
  local best_score, best_seq
  for i = 1, math.min(#cands, q.judged) do
    local s = cands[i]
    if best_score and shared[s] + bonus < best_score then break end
    local cand = story_of(s)
    local score = cand and judge(cand, shared[s])
    if score and (sid == nil or score > best_score or (score == best_score and
        (cand.seq < best_seq or (cand.seq == best_seq and s < sid)))) then
      sid, st, best_score, best_seq = s, cand, score, cand.seq
    end
  end
end

if not sid then
  sid = q.story
  st = story_of(sid)
end
local skey = p .. ':s:' .. sid
if st then
  local h0, h1, s0, s1 = ctx.h0, ctx.h1, ctx.s0, ctx.s1
  if st.h0 and h0 then h0, h1 = math.min(h0, st.h0), math.max(h1, st.h1) else h0, h1 = h0 or st.h0, h1 or st.h1 end
  if st.s0 and s0 then s0, s1 = math.min(s0, st.s0), math.max(s1, st.s1) else s0, s1 = s0 or st.s0, s1 or st.s1 end
  if h0 then redis.call('HSET', skey, 'h0', h0, 'h1', h1) end
  if s0 then redis.call('HSET', skey, 's0', s0, 's1', s1) end
  for _, f in ipairs({'ci', 'co', 'oc'}) do
    if st[f] == '' and ctx[f] ~= '' then redis.call('HSET', skey, f, ctx[f]) end
  end
  local last = tonumber(redis.call('HGET', skey, 't'))
  if now > last then redis.call('HSET', skey, 't', now) end
else
  redis.call('HSET', skey, 'seq', seq, 'f', now, 't', now, 'n', 0, 'no', 0, 'langs', '',
    'ci', ctx.ci, 'co', ctx.co, 'oc', ctx.oc)
  if ctx.h0 then redis.call('HSET', skey, 'h0', ctx.h0, 'h1', ctx.h1) end
  if ctx.s0 then redis.call('HSET', skey, 's0', ctx.s0, 's1', ctx.s1) end
end
redis.call('HINCRBY', skey, 'n', 1)
if q.outlet ~= '' and redis.call('HSETNX', skey, 'o:' .. q.outlet, 1) == 1 then
  redis.call('HINCRBY', skey, 'no', 1)
end
if redis.call('HSETNX', skey, 'l:' .. q.lang, 1) == 1 then
  local langs = redis.call('HGET', skey, 'langs')
  if langs ~= '' then langs = langs .. ',' end
  redis.call('HSET', skey, 'langs', langs .. q.lang)
end
local outcomes, lines = {}, {}
for i, key in ipairs(q.keys) do
  local n = redis.call('HINCRBY', skey, 'n:' .. key, 1)
  local kind = 'mention'
  if n == 1 then
    kind = 'new'
    redis.call('HSET', p .. ':sj:' .. sid, key, ARGV[4 + i])
  end
  outcomes[i] = {key, kind, n}
  lines[i] = key .. '\t' .. kind .. '\t' .. n
end
redis.call('PEXPIRE', skey, q.window)
redis.call('PEXPIRE', p .. ':sj:' .. sid, q.window)
for _, part in ipairs(q.parts) do
  local zkey = p .. ':sp:' .. part
  if redis.call('ZADD', zkey, 'GT', now, sid) == 1 then redis.call('HINCRBY', skey, 'np', 1) end
  redis.call('ZREMRANGEBYSCORE', zkey, '-inf', now - q.window)
  redis.call('ZREMRANGEBYRANK', zkey, 0, -(q.cap + 1))
  redis.call('PEXPIRE', zkey, q.window)
end
redis.call('HSET', rec, 'st', sid, 'ev', table.concat(lines, '\n'))
return reply(dup, matches, sid, outcomes)
