-- One member's tick, in one round trip: publish what its incidents gained since its last tick,
-- renew (or try to take) the mailer's lease, and, for the mailer, read what changed.
-- KEYS[1]: the fleet's prefix. Every key expires ttl ms after its last write.
-- ARGV[9], the lease: '1' wants it; '0' gives it up if held (a mailer stepping down); 'L' the last
-- member's flush after leave.lua: it reads, renews the lease it was given, and is no member again.
-- ARGV[10]: the heartbeat window (ms, on Redis's own clock): a member silent longer is gone.
if redis.replicate_commands then redis.replicate_commands() end -- TIME in a script (Redis < 5)
local P = KEYS[1]
local member, seq, host = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local now, leaseMs, ttl, maxInc = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local newEpoch, mode, window, overflow = ARGV[8], ARGV[9], tonumber(ARGV[10]), ARGV[11]
local leaving = mode == 'L'
local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) -- every member's heartbeat on one clock
local kCount, kFirst, kLast, kImm = P .. ':count', P .. ':first', P .. ':last', P .. ':imm'
local kSample, kDirty, kMembers = P .. ':sample', P .. ':dirty', P .. ':members'
local kSeq = P .. ':seq:' .. member -- one key per member: it expires with the member

-- The state is whole or lost whole. The epoch hash names the state ('id') and flags the families of
-- keys written together ('c': counts, 'r': what was mailed, 'p': the timers). A flagged family with a
-- key missing (evicted, deleted alone) means the rest cannot be trusted: all of it goes, a new epoch
-- begins, and every member learns it from the reply.
local kEpoch = P .. ':epoch'
local epoch = redis.call('HGET', kEpoch, 'id')
if epoch then
  local families = {c = {'count', 'first', 'last', 'applied'}, r = {'reported', 'mailedAt'}, p = {'planner'}}
  for flag, keys in pairs(families) do
    if redis.call('HEXISTS', kEpoch, flag) == 1 then
      for _, k in ipairs(keys) do
        if redis.call('EXISTS', P .. ':' .. k) == 0 then epoch = nil end
      end
    end
  end
  if not epoch then
    for _, k in ipairs({'epoch', 'count', 'first', 'last', 'imm', 'sample', 'dirty', 'pending', 'reported',
                        'mailedAt', 'planner', 'hourly', 'applied', 'readAt'}) do
      redis.call('DEL', P .. ':' .. k)
    end
  end
end
if not epoch then
  epoch = newEpoch
  redis.call('HSET', kEpoch, 'id', epoch)
end

-- publish: applied once per (member, seq), so a batch sent again after a lost reply counts once
local prev = tonumber(redis.call('GET', kSeq) or '0')
local unsampled = {}
local i = 13
local n = tonumber(ARGV[12])
if seq > prev and not leaving then
  for _ = 1, n do
    local fp, delta, first, last = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
    local imm, sample = ARGV[i + 4], ARGV[i + 5]
    if fp ~= overflow and redis.call('HEXISTS', kCount, fp) == 0 and redis.call('HLEN', kCount) >= maxInc then
      fp = overflow -- maxIncidents holds for the fleet: past it, new fingerprints count in the overflow
      sample = ''
    end
    if redis.call('HEXISTS', kCount, fp) == 0 then
      redis.call('DEL', P .. ':hosts:' .. fp) -- a new incident: no host counts left from a lost state
    end
    redis.call('HINCRBY', kCount, fp, delta)
    local f = redis.call('HGET', kFirst, fp)
    if not f or first < tonumber(f) then redis.call('HSET', kFirst, fp, first) end
    local l = redis.call('HGET', kLast, fp)
    if not l or last > tonumber(l) then redis.call('HSET', kLast, fp, last) end
    if imm == '1' then redis.call('HSET', kImm, fp, '1') end
    if sample ~= '' then
      redis.call('HSETNX', kSample, fp, sample)
    elseif fp ~= overflow and redis.call('HEXISTS', kSample, fp) == 0 then
      table.insert(unsampled, fp) -- forgotten meanwhile (retired): the member sends it again
    end
    local kHosts = P .. ':hosts:' .. fp
    if redis.call('HEXISTS', kHosts, host) == 1 or redis.call('HLEN', kHosts) < 20 then
      redis.call('HINCRBY', kHosts, host, delta)
    else
      redis.call('HINCRBY', kHosts, '(other hosts)', delta)
    end
    redis.call('PEXPIRE', kHosts, ttl)
    redis.call('SADD', kDirty, fp)
    i = i + 6
  end
  redis.call('SET', kSeq, seq, 'PX', ttl)
  if n > 0 then redis.call('HSET', kEpoch, 'c', '1') end
  if n > 0 then redis.call('INCR', P .. ':applied') end -- this batch's place among all applied
else
  i = i + 6 * n
end
-- the member's batch is at most 'applied' (a batch sent again was applied before): the mailer's copy
-- holds it once 'readAt' reaches it; until then, a loss of the state takes it from no email
local applied = redis.call('GET', P .. ':applied') or '0'
if not leaving then -- leaving is final: the last member's flush never joins again
  redis.call('ZADD', kMembers, rnow, member)
end
redis.call('ZREMRANGEBYSCORE', kMembers, '-inf', rnow - window)

-- fleet emails that left the mailer's outbox
local done = tonumber(ARGV[i])
i = i + 1
for _ = 1, done do
  redis.call('HDEL', P .. ':pending', ARGV[i])
  i = i + 1
end

-- the lease: one mailer at a time; it expires unless renewed
local holder = redis.call('GET', P .. ':lease')
local took = false
if mode == '1' then
  if not holder then
    redis.call('SET', P .. ':lease', member, 'PX', leaseMs)
    holder = member
    took = true -- a new term: the mailer reads the fleet afresh, whatever it held before
  elseif holder == member then
    redis.call('PEXPIRE', P .. ':lease', leaseMs)
  end
elseif leaving then
  if holder == member then redis.call('PEXPIRE', P .. ':lease', leaseMs) end
elseif holder == member then
  redis.call('DEL', P .. ':lease') -- steps down: a healthy member takes it on its next tick
  holder = false
end
local mailer = holder == member

local out = {epoch, tostring(prev), took and '2' or (mailer and '1' or '0')}
local rows = {}
if mailer then
  redis.call('SET', P .. ':readAt', applied) -- every batch applied so far is in the mailer's copy now
  local dirty = redis.call('SMEMBERS', kDirty)
  redis.call('DEL', kDirty)
  for _, fp in ipairs(dirty) do
    local c = redis.call('HGET', kCount, fp)
    if c then
      table.insert(rows, fp)
      table.insert(rows, c)
      table.insert(rows, redis.call('HGET', kFirst, fp) or '0')
      table.insert(rows, redis.call('HGET', kLast, fp) or '0')
      table.insert(rows, redis.call('HGET', kImm, fp) or '0')
      table.insert(rows, table.concat(redis.call('HGETALL', P .. ':hosts:' .. fp), '\t'))
      table.insert(rows, redis.call('HGET', P .. ':reported', fp) or '0')
      table.insert(rows, redis.call('HGET', P .. ':mailedAt', fp) or '-1')
      table.insert(rows, redis.call('GET', P .. ':times:' .. fp) or '0')
    end
  end
end
table.insert(out, tostring(#rows / 9))
for _, v in ipairs(rows) do table.insert(out, v) end

-- samples the mailer asked for (each once, when it first learns of an incident)
local wanted = tonumber(ARGV[i])
i = i + 1
local samples = {}
if mailer then
  for _ = 1, wanted do
    local fp = ARGV[i]
    table.insert(samples, fp)
    table.insert(samples, redis.call('HGET', kSample, fp) or '')
    i = i + 1
  end
end
table.insert(out, tostring(#samples / 2))
for _, v in ipairs(samples) do table.insert(out, v) end
table.insert(out, tostring(#unsampled))
for _, v in ipairs(unsampled) do table.insert(out, v) end
table.insert(out, applied)
table.insert(out, redis.call('GET', P .. ':readAt') or '0')

for _, k in ipairs({'epoch', 'count', 'first', 'last', 'imm', 'sample', 'dirty', 'members', 'pending',
                    'reported', 'mailedAt', 'planner', 'hourly', 'applied', 'readAt'}) do
  redis.call('PEXPIRE', P .. ':' .. k, ttl)
end
return out
