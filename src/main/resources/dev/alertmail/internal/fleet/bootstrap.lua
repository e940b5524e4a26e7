-- A member that just became the mailer reads the fleet's whole state once: every incident's
-- counts and what was already mailed of it, the fleet's timers, and emails booked but not sent.
local member, now, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local epoch = redis.call('HGET', K.epoch, 'id')
if redis.call('GET', K.lease) ~= member or not epoch then
  return {'0'}
end
local out = {'1'}
local fps = redis.call('HKEYS', K.count)
table.insert(out, tostring(#fps))
for _, fp in ipairs(fps) do
  addRow(out, fp, redis.call('HGET', K.count, fp) or '0', now, ttl)
end
redis.call('DEL', K.dirty) -- everything was just read
redis.call('SET', K.readAt, redis.call('GET', K.applied) or '0', 'PX', ttl)
table.insert(out, redis.call('HGET', K.planner, 'lastEmailAt') or '-1')
local hourly = redis.call('ZRANGE', K.hourly, 0, -1, 'WITHSCORES')
table.insert(out, tostring(#hourly / 2))
for j = 2, #hourly, 2 do table.insert(out, hourly[j]) end
local pending = redis.call('HGETALL', K.pending)
table.insert(out, tostring(#pending / 2))
for _, v in ipairs(pending) do table.insert(out, v) end
table.insert(out, epoch) -- the state this copy is of: part of every key the mailer derives
return out
