-- A member stops, for good: it is no member any more. The last one (no other member ticked within
-- the heartbeat window, on Redis's own clock) takes the lease and mails what the fleet has; any
-- other gives the lease up, if it held it, so that a live member takes over at once.
if redis.replicate_commands then redis.replicate_commands() end -- TIME in a script (Redis < 5)
local member, window, leaseMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', K.members, member)
redis.call('DEL', K.seq)
redis.call('ZREMRANGEBYSCORE', K.members, '-inf', rnow - window)
local holder = redis.call('GET', K.lease)
local others = redis.call('ZCARD', K.members)
if others == 0 then -- a holder that stopped ticking is not a member any more
  redis.call('SET', K.lease, member, 'PX', leaseMs)
  return {'last', '0'}
end
if holder == member then
  redis.call('DEL', K.lease)
end
-- how long ago the freshest of the others ticked: a ghost (killed a moment ago) is not yet out of the window
local freshest = redis.call('ZRANGE', K.members, -1, -1, 'WITHSCORES')
return {'others', tostring(others), tostring(rnow - tonumber(freshest[2]))}
