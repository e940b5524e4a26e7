-- A member that just became the mailer reads the fleet's whole state once: every incident's
-- counts and what was already mailed of it, the fleet's timers, and emails booked but not sent.
local P = KEYS[1]
local member = ARGV[1]
local epoch = redis.call('HGET', P .. ':epoch', 'id')
if redis.call('GET', P .. ':lease') ~= member or not epoch then
  return {'0'}
end
local out = {'1'}
local fps = redis.call('HKEYS', P .. ':count')
table.insert(out, tostring(#fps))
for _, fp in ipairs(fps) do
  table.insert(out, fp)
  table.insert(out, redis.call('HGET', P .. ':count', fp) or '0')
  table.insert(out, redis.call('HGET', P .. ':first', fp) or '0')
  table.insert(out, redis.call('HGET', P .. ':last', fp) or '0')
  table.insert(out, redis.call('HGET', P .. ':imm', fp) or '0')
  table.insert(out, table.concat(redis.call('HGETALL', P .. ':hosts:' .. fp), '\t'))
  table.insert(out, redis.call('HGET', P .. ':reported', fp) or '0')
  table.insert(out, redis.call('HGET', P .. ':mailedAt', fp) or '-1')
  table.insert(out, redis.call('GET', P .. ':times:' .. fp) or '0')
end
redis.call('DEL', P .. ':dirty') -- everything was just read
redis.call('SET', P .. ':readAt', redis.call('GET', P .. ':applied') or '0', 'PX', 90000000)
table.insert(out, redis.call('HGET', P .. ':planner', 'lastEmailAt') or '-1')
local hourly = redis.call('ZRANGE', P .. ':hourly', 0, -1, 'WITHSCORES')
table.insert(out, tostring(#hourly / 2))
for j = 2, #hourly, 2 do table.insert(out, hourly[j]) end
local pending = redis.call('HGETALL', P .. ':pending')
table.insert(out, tostring(#pending / 2))
for _, v in ipairs(pending) do table.insert(out, v) end
table.insert(out, epoch) -- the state this copy is of: part of every key the mailer derives
return out
