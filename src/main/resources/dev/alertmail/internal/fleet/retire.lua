-- The mailer forgets incidents that were mailed and stayed quiet: unless counts arrived meanwhile.
local P = KEYS[1]
local member = ARGV[1]
if redis.call('GET', P .. ':lease') ~= member then
  return 0
end
local n = tonumber(ARGV[2])
local i = 3
local gone = 0
for _ = 1, n do
  local fp, reported = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', P .. ':count', fp) == reported then
    for _, k in ipairs({'count', 'first', 'last', 'imm', 'sample', 'reported', 'mailedAt'}) do
      redis.call('HDEL', P .. ':' .. k, fp)
    end
    redis.call('DEL', P .. ':hosts:' .. fp)
    redis.call('SREM', P .. ':dirty', fp)
    gone = gone + 1
  end
  i = i + 2
end
-- a family emptied by retiring its last incident is gone rightly: not a loss (tick.lua)
if redis.call('EXISTS', P .. ':count') == 0 then redis.call('HDEL', P .. ':epoch', 'c') end
if redis.call('EXISTS', P .. ':reported') == 0 then redis.call('HDEL', P .. ':epoch', 'r') end
return gone
