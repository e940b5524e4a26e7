-- The mailer books an email before sending it: what it reports of each incident, the fleet's
-- timers, and the email's bytes (a mailer taking over sends them again under the same key).
-- Fenced by the lease: a mailer that lost it books nothing.
local P = KEYS[1]
local member, now, ttl, key, email = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
if redis.call('GET', P .. ':lease') ~= member then
  return 0
end
local n = tonumber(ARGV[6])
local i = 7
for _ = 1, n do
  local fp, total = ARGV[i], ARGV[i + 1]
  redis.call('HSET', P .. ':reported', fp, total)
  redis.call('HSET', P .. ':mailedAt', fp, now)
  redis.call('INCR', P .. ':times:' .. fp) -- how often the fleet mailed it: kept 25 h, even past retirement
  redis.call('PEXPIRE', P .. ':times:' .. fp, ttl)
  i = i + 2
end
local resolved = tonumber(ARGV[i])
i = i + 1
for _ = 1, resolved do -- listed as resolved: part of the key like any incident in the email
  redis.call('INCR', P .. ':times:' .. ARGV[i])
  redis.call('PEXPIRE', P .. ':times:' .. ARGV[i], ttl)
  i = i + 1
end
redis.call('HSET', P .. ':planner', 'lastEmailAt', now)
-- these families must exist from now on (tick.lua)
if n > 0 then redis.call('HSET', P .. ':epoch', 'r', '1') end
redis.call('HSET', P .. ':epoch', 'p', '1')
redis.call('ZADD', P .. ':hourly', now, key)
-- the fleet's sends of the last 24 h (maxEmailsPerHour and maxEmailsPerDay); the key keeps its old name
redis.call('ZREMRANGEBYSCORE', P .. ':hourly', '-inf', now - 86400000)
redis.call('HSET', P .. ':pending', key, email)
for _, k in ipairs({'epoch', 'reported', 'mailedAt', 'planner', 'hourly', 'pending'}) do
  redis.call('PEXPIRE', P .. ':' .. k, ttl)
end
return 1
