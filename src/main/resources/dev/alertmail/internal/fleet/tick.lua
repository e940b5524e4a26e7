-- One member's tick, in one round trip: publish what its incidents gained since its last tick,
-- renew (or try to take) the mailer's lease, and, for the mailer, read what changed.
-- Every key is in KEYS (K.<name>, FleetKeys.java). Every key expires ttl ms after its last write.
-- ARGV[9], the lease: '1' wants it; '0' gives it up if held (a mailer stepping down); 'L' the last
-- member's flush after leave.lua: it reads, renews the lease it was given, and is no member again.
-- ARGV[10]: the heartbeat window (ms, on Redis's own clock): a member silent longer is gone.
if redis.replicate_commands then redis.replicate_commands() end -- TIME in a script (Redis < 5)
local member, seq, host = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local now, leaseMs, ttl, maxInc = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local newEpoch, mode, window, overflow = ARGV[8], ARGV[9], tonumber(ARGV[10]), ARGV[11]
local leaving = mode == 'L'
local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) -- every member's heartbeat on one clock

-- The state is whole or lost whole. The epoch hash names the state ('id') and flags the families of
-- keys written together ('c': counts, 'r': what was mailed, 'p': the timers). A flagged family with a
-- key missing (evicted, deleted alone) means the rest cannot be trusted: all of it goes, a new epoch
-- begins, and every member learns it from the reply.
local flags = redis.call('HMGET', K.epoch, 'id', 'c', 'r', 'p')
local epoch = flags[1]
if epoch then
  local families = {{'count', 'first', 'last', 'applied'}, {'reported', 'mailedAt'}, {'planner'}}
  local present = {}
  for f, keys in ipairs(families) do
    if flags[f + 1] then
      for _, k in ipairs(keys) do table.insert(present, K[k]) end
    end
  end
  if #present > 0 and redis.call('EXISTS', unpack(present)) < #present then epoch = nil end
  if not epoch then
    for _, k in ipairs({'epoch', 'count', 'first', 'last', 'imm', 'sample', 'hosts', 'dirty', 'pending', 'reported',
                        'mailedAt', 'planner', 'hourly', 'applied', 'readAt'}) do
      redis.call('DEL', K[k])
    end
  end
end
if not epoch then
  epoch = newEpoch
  redis.call('HSET', K.epoch, 'id', epoch)
end

-- the hosts that saw an incident, with their counts: 'host\tcount\t…', at most 20 then '(other hosts)'
local function addHost(fp, delta)
  local flat = redis.call('HGET', K.hosts, fp) or ''
  local parts = {}
  local from = 1
  while flat ~= '' do
    local tab = string.find(flat, '\t', from, true)
    if not tab then parts[#parts + 1] = string.sub(flat, from); break end
    parts[#parts + 1] = string.sub(flat, from, tab - 1)
    from = tab + 1
  end
  local name = host
  if #parts >= 40 then name = '(other hosts)' end
  for j = 1, #parts - 1, 2 do
    if parts[j] == host then name = host end
  end
  local found = false
  for j = 1, #parts - 1, 2 do
    if parts[j] == name then
      parts[j + 1] = tostring(tonumber(parts[j + 1]) + delta)
      found = true
    end
  end
  if not found then
    parts[#parts + 1] = name
    parts[#parts + 1] = tostring(delta)
  end
  redis.call('HSET', K.hosts, fp, table.concat(parts, '\t'))
end

-- publish: applied once per (member, seq), so a batch sent again after a lost reply counts once
local prev = tonumber(redis.call('GET', K.seq) or '0')
local unsampled = {}
local i = 13
local n = tonumber(ARGV[12])
if seq > prev and not leaving and n > 0 then
  for _ = 1, n do
    local fp, delta, first, last = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
    local imm, sample = ARGV[i + 4], ARGV[i + 5]
    if fp ~= overflow and redis.call('HEXISTS', K.count, fp) == 0 and redis.call('HLEN', K.count) >= maxInc then
      fp = overflow -- maxIncidents holds for the fleet: past it, new fingerprints count in the overflow
      sample = ''
    end
    if redis.call('HEXISTS', K.count, fp) == 0 then
      redis.call('HDEL', K.hosts, fp) -- a new incident: no host counts left from a lost state
    end
    redis.call('HINCRBY', K.count, fp, delta)
    local f = redis.call('HGET', K.first, fp)
    if not f or first < tonumber(f) then redis.call('HSET', K.first, fp, first) end
    local l = redis.call('HGET', K.last, fp)
    if not l or last > tonumber(l) then redis.call('HSET', K.last, fp, last) end
    if imm == '1' then redis.call('HSET', K.imm, fp, '1') end
    if sample ~= '' then
      redis.call('HSETNX', K.sample, fp, sample)
    elseif fp ~= overflow and redis.call('HEXISTS', K.sample, fp) == 0 then
      table.insert(unsampled, fp) -- forgotten meanwhile (retired): the member sends it again
    end
    addHost(fp, delta)
    redis.call('SADD', K.dirty, fp)
    i = i + 6
  end
  redis.call('SET', K.seq, seq, 'PX', ttl)
  redis.call('HSET', K.epoch, 'c', '1')
  redis.call('INCR', K.applied) -- this batch's place among all applied
else
  i = i + 6 * n
end
-- the member's batch is at most 'applied' (a batch sent again was applied before): the mailer's copy
-- holds it once 'readAt' reaches it; until then, a loss of the state takes it from no email
local applied = redis.call('GET', K.applied) or '0'
if not leaving then -- leaving is final: the last member's flush never joins again
  redis.call('ZADD', K.members, rnow, member)
  redis.call('PEXPIRE', K.members, ttl)
  redis.call('PEXPIRE', K.seq, ttl)
end
redis.call('ZREMRANGEBYSCORE', K.members, '-inf', rnow - window)

-- fleet emails that left the mailer's outbox
local done = tonumber(ARGV[i])
i = i + 1
for _ = 1, done do
  redis.call('HDEL', K.pending, ARGV[i])
  i = i + 1
end

-- the lease: one mailer at a time; it expires unless renewed
local holder = redis.call('GET', K.lease)
local took = false
if mode == '1' then
  if not holder then
    redis.call('SET', K.lease, member, 'PX', leaseMs)
    holder = member
    took = true -- a new term: the mailer reads the fleet afresh, whatever it held before
  elseif holder == member then
    redis.call('PEXPIRE', K.lease, leaseMs)
  end
elseif leaving then
  if holder == member then redis.call('PEXPIRE', K.lease, leaseMs) end
elseif holder == member then
  redis.call('DEL', K.lease) -- steps down: a healthy member takes it on its next tick
  holder = false
end
local mailer = holder == member

local out = {epoch, tostring(prev), took and '2' or (mailer and '1' or '0')}
local rows = {}
if mailer then
  redis.call('SET', K.readAt, applied) -- every batch applied so far is in the mailer's copy now
  local dirty = redis.call('SMEMBERS', K.dirty)
  redis.call('DEL', K.dirty)
  for _, fp in ipairs(dirty) do
    local c = redis.call('HGET', K.count, fp)
    if c then addRow(rows, fp, c, now, ttl) end
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
    table.insert(samples, redis.call('HGET', K.sample, fp) or '')
    i = i + 1
  end
end
table.insert(out, tostring(#samples / 2))
for _, v in ipairs(samples) do table.insert(out, v) end
table.insert(out, tostring(#unsampled))
for _, v in ipairs(unsampled) do table.insert(out, v) end
table.insert(out, applied)
table.insert(out, redis.call('GET', K.readAt) or '0')

-- every key lives ttl after the fleet's last write; an idle mailer renews them once a minute, an
-- idle member only its own
if n > 0 or done > 0 or (mailer and redis.call('PTTL', K.epoch) < ttl - 60000) then
  for _, k in ipairs({'epoch', 'count', 'first', 'last', 'imm', 'sample', 'hosts', 'dirty', 'pending',
                      'reported', 'mailedAt', 'planner', 'hourly', 'applied', 'readAt'}) do
    redis.call('PEXPIRE', K[k], ttl)
  end
end
return out
