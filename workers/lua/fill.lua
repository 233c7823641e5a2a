-- Benchmark fill: writes synthetic articles straight into the duplicate index, in the layout
-- article.lua reads (records and LSH buckets), without the lookup. Never used by workers.
-- ARGV: prefix, generation, generation expiry (unix s), window (ms), first seq,
--       articles: per article 8 bytes id hash, 32 bytes digest, 128 bytes fingerprint;
--       buckets grouped by shard: u32 shard, u32 count (big-endian), then count entries of
--       14 bytes (4 bytes band field, 8 bytes id hash, 2 bytes generation) as article.lua
--       appends them
local p, gen, gen_expire = ARGV[1], ARGV[2], tonumber(ARGV[3])
local window, seq0, articles, buckets = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7]
local hex8, hex32 = string.rep('%02x', 8), string.rep('%02x', 32)
for i = 0, #articles / 168 - 1 do
  local o = i * 168 + 1
  local id = string.format(hex8, string.byte(articles, o, o + 7))
  redis.call('HSET', p .. ':a:' .. id, 'id', 'fill-' .. id, 'seq', seq0 + i,
    'dg', string.format(hex32, string.byte(articles, o + 8, o + 39)),
    'f1', string.sub(articles, o + 40, o + 103), 'f2', string.sub(articles, o + 104, o + 167),
    'root', id, 'rid', 'fill-' .. id, 'rseq', seq0 + i, 'dup', '', 'm', 0)
  redis.call('PEXPIRE', p .. ':a:' .. id, window)
end
local pos = 1
while pos <= #buckets do
  local shard, count = struct.unpack('>I4I4', buckets, pos)
  local key = p .. ':b:' .. shard
  if redis.call('APPEND', key, string.sub(buckets, pos + 8, pos + 7 + count * 14)) == count * 14 then
    redis.call('EXPIREAT', key, gen_expire)
  end
  pos = pos + 8 + count * 14
end
return #articles / 168
