-- A member stops. The last one takes the lease (it mails what the fleet has pending); any other
-- gives the lease up, if it held it, so that a live member takes over at once.
local P = KEYS[1]
local member, now, leaseMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREM', P .. ':members', member)
redis.call('DEL', P .. ':seq:' .. member)
redis.call('ZREMRANGEBYSCORE', P .. ':members', '-inf', now - 3 * leaseMs)
local holder = redis.call('GET', P .. ':lease')
if redis.call('ZCARD', P .. ':members') == 0 then -- a holder that stopped ticking is not a member any more
  redis.call('SET', P .. ':lease', member, 'PX', leaseMs)
  return 'last'
end
if holder == member then
  redis.call('DEL', P .. ':lease')
end
return 'others'
