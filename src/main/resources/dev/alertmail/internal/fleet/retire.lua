-- The mailer forgets incidents that were mailed and stayed quiet: unless counts arrived meanwhile.
local member, now, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('GET', K.lease) ~= member then
  return 0
end
local n = tonumber(ARGV[4])
local i = 5
local gone = 0
for _ = 1, n do
  local fp, reported = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', K.count, fp) == reported then
    for _, k in ipairs({'count', 'first', 'last', 'imm', 'sample', 'hosts', 'reported', 'mailedAt'}) do
      redis.call('HDEL', K[k], fp)
    end
    redis.call('SREM', K.dirty, fp)
    gone = gone + 1
  end
  i = i + 2
end
-- how often incidents were mailed is kept 25 h after their last email: older entries go now
local times = redis.call('HGETALL', K.times)
for j = 1, #times - 1, 2 do
  local v = times[j + 1]
  if tonumber(string.sub(v, string.find(v, ':', 1, true) + 1)) < now - ttl then redis.call('HDEL', K.times, times[j]) end
end
-- a family emptied by retiring its last incident is gone rightly: not a loss (tick.lua)
if redis.call('EXISTS', K.count) == 0 then redis.call('HDEL', K.epoch, 'c') end
if redis.call('EXISTS', K.reported) == 0 then redis.call('HDEL', K.epoch, 'r') end
return gone
