-- The mailer books an email before sending it: what it reports of each incident, the fleet's
-- timers, and the email's bytes (a mailer taking over sends them again under the same key).
-- Fenced by the lease: a mailer that lost it books nothing.
local member, now, ttl, key, email = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
if redis.call('GET', K.lease) ~= member then
  return 0
end
-- the fleet mailed it once more: kept 25 h from now, even past retirement
local function mailedOnce(fp)
  redis.call('HSET', K.times, fp, (timesMailed(fp, now, ttl) + 1) .. ':' .. now)
end
local n = tonumber(ARGV[6])
local i = 7
for _ = 1, n do
  local fp, total = ARGV[i], ARGV[i + 1]
  redis.call('HSET', K.reported, fp, total)
  redis.call('HSET', K.mailedAt, fp, now)
  mailedOnce(fp)
  i = i + 2
end
local resolved = tonumber(ARGV[i])
i = i + 1
for _ = 1, resolved do -- listed as resolved: part of the key like any incident in the email
  mailedOnce(ARGV[i])
  i = i + 1
end
redis.call('HSET', K.planner, 'lastEmailAt', now)
-- these families must exist from now on (tick.lua)
if n > 0 then redis.call('HSET', K.epoch, 'r', '1') end
redis.call('HSET', K.epoch, 'p', '1')
redis.call('ZADD', K.hourly, now, key)
-- the fleet's sends of the last 24 h (maxEmailsPerHour and maxEmailsPerDay); the key keeps its old name
redis.call('ZREMRANGEBYSCORE', K.hourly, '-inf', now - 86400000)
redis.call('HSET', K.pending, key, email)
for _, k in ipairs({'epoch', 'reported', 'mailedAt', 'times', 'planner', 'hourly', 'pending'}) do
  redis.call('PEXPIRE', K[k], ttl)
end
return 1
