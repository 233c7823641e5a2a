-- One article's duplicate decision and story, atomically, in one round trip.
-- The rules are those of workers/core/dedup.py and workers/core/signature.py + stories.py
-- (the in-memory indexes); tests run the same cases against both.
--
-- KEYS[1]  the article's record        {p}:a:<id hash>     (the other keys are derived below)
-- ARGV[1]  JSON: p (prefix), id (hash), article (id), now (ms), window (ms), gen, gen_expire (unix s), min (bytes
--          that must agree), perms, digest, bands [[shard, field], ...], story (id if it
--          starts one), parts [participants], ctx {h0,h1,s0,s1,ci,co,oc}, slack, cap,
--          outlet, lang, keys [event keys]
-- ARGV[2]  fingerprint (bytes)     ARGV[3..] the events' JSON, in the order of keys
-- Returns {duplicate_of, matches, story_id, articles, outlets, languages, first_ms, last_ms,
--          then per event: key, kind, mentions, first JSON ('' when this article's own)}
--
-- Keys: {p}:a:<id>  article record (hash, expires after the window)
--       {p}:b:<gen>:<shard>  LSH buckets of one generation (hash band field -> first article)
--       {p}:s:<story>  story (hash: seq, counts, context, n:<event> mentions, j:<event> JSON)
--       {p}:sp:<participant>  stories of a participant (zset scored by last activity)
local q = cjson.decode(ARGV[1])
local fp, p, now = ARGV[2], q.p, q.now
local rec = KEYS[1]

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
    if o[2] == 'mention' then first = field(p .. ':s:' .. sid, 'j:' .. o[1]) or '' end
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

local holders, checked, alive = {}, {}, {}
local best, best_matches
for i, band in ipairs(q.bands) do
  for g = q.gen, q.gen - 1, -1 do
    local holder = redis.call('HGET', p .. ':b:' .. g .. ':' .. band[1], band[2])
    if g == q.gen then holders[i] = holder end
    if holder and not checked[holder] and holder ~= q.id then
      checked[holder] = true
      local c = redis.call('HMGET', p .. ':a:' .. holder, 'dg', 'fp', 'root', 'rseq', 'rid')
      if c[1] ~= false then
        alive[holder] = true
        local m = agreeing(c[1], c[2])
        if m >= q.min then
          local rseq = tonumber(c[4])
          if best == nil or rseq < best.rseq or (rseq == best.rseq and
              (m > best_matches or (m == best_matches and holder < best.id))) then
            best, best_matches = {id = holder, root = c[3], rseq = rseq, rid = c[5]}, m
          end
        end
      end
    end
  end
end

local dup, root, rseq, matches = nil, q.id, seq, 0
if best then
  dup, root, rseq, matches = best.rid, best.root, best.rseq, best_matches
  if best.root ~= best.id then
    local r = redis.call('HMGET', p .. ':a:' .. best.root, 'dg', 'fp')
    if r[1] ~= false then matches = agreeing(r[1], r[2]) end
  end
end
redis.call('HSET', rec, 'id', q.article, 'seq', seq, 'dg', q.digest, 'fp', fp, 'root', root,
  'rid', dup or q.article, 'rseq', rseq, 'dup', dup or '', 'm', matches)
redis.call('PEXPIRE', rec, q.window)
for i, band in ipairs(q.bands) do
  if not holders[i] or not alive[holders[i]] then
    local bucket = p .. ':b:' .. q.gen .. ':' .. band[1]
    redis.call('HSET', bucket, band[2], q.id)
    redis.call('EXPIREAT', bucket, q.gen_expire)
  end
end

-- Stories: a copy joins its original's story; else the best-fitting story of a participant.
if #q.keys == 0 then return reply(dup, matches, nil, {}) end
local function num(v) if v == false or v == nil or v == '' then return nil end return tonumber(v) end
local function overlaps(a0, a1, b0, b1) return a0 <= b1 + q.slack and b0 <= a1 + q.slack end
local ctx = q.ctx
local function judge(st, shared)
  if shared < math.min(2, #q.parts) or shared == 0 then return nil end
  local score = shared
  if ctx.h0 and st.h0 then
    if not overlaps(ctx.h0, ctx.h1, st.h0, st.h1) then return nil end
    score = score + 1
  else
    local l0, l1, r0, r1 = ctx.h0 or ctx.s0, ctx.h1 or ctx.s1, st.h0 or st.s0, st.h1 or st.s1
    if l0 and r0 and not overlaps(l0, l1, r0, r1) then return nil end
  end
  if (ctx.ci ~= '' and st.ci ~= '' and ctx.ci ~= st.ci) or
     (ctx.co ~= '' and st.co ~= '' and ctx.co ~= st.co) then return nil end
  if ctx.ci ~= '' and ctx.ci == st.ci then score = score + 1 end
  if ctx.oc ~= '' and ctx.oc == st.oc then score = score + 1 end
  return score
end
local function story_of(sid)
  local v = redis.call('HMGET', p .. ':s:' .. sid, 'seq', 'h0', 'h1', 's0', 's1', 'ci', 'co', 'oc')
  if v[1] == false then return nil end
  return {seq = tonumber(v[1]), h0 = num(v[2]), h1 = num(v[3]), s0 = num(v[4]), s1 = num(v[5]),
          ci = v[6] or '', co = v[7] or '', oc = v[8] or ''}
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
  local shared, order = {}, {}
  for _, part in ipairs(q.parts) do
    local since = string.format('(%d', now - q.window)
    for _, s in ipairs(redis.call('ZRANGEBYSCORE', p .. ':sp:' .. part, since, '+inf')) do
      if not shared[s] then order[#order + 1] = s end
      shared[s] = (shared[s] or 0) + 1
    end
  end
  local best_score, best_seq
  for _, s in ipairs(order) do
    if shared[s] >= math.min(2, #q.parts) then
      local cand = story_of(s)
      local score = cand and judge(cand, shared[s])
      if score and (sid == nil or score > best_score or (score == best_score and
          (cand.seq < best_seq or (cand.seq == best_seq and s < sid)))) then
        sid, st, best_score, best_seq = s, cand, score, cand.seq
      end
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
    redis.call('HSET', skey, 'j:' .. key, ARGV[2 + i])
  end
  outcomes[i] = {key, kind, n}
  lines[i] = key .. '\t' .. kind .. '\t' .. n
end
redis.call('PEXPIRE', skey, q.window)
for _, part in ipairs(q.parts) do
  local zkey = p .. ':sp:' .. part
  redis.call('ZADD', zkey, now, sid)
  redis.call('ZREMRANGEBYSCORE', zkey, '-inf', now - q.window)
  redis.call('ZREMRANGEBYRANK', zkey, 0, -(q.cap + 1))
  redis.call('PEXPIRE', zkey, q.window)
end
redis.call('HSET', rec, 'st', sid, 'ev', table.concat(lines, '\n'))
return reply(dup, matches, sid, outcomes)
