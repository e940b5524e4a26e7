-- Shared by every script (after FleetKeys's mapping of KEYS to K).
-- How often the fleet mailed an incident ('count:mailedAt' in K.times): counted 25 h from its last email.
local function timesMailed(fp, now, ttl)
  local v = redis.call('HGET', K.times, fp)
  if not v then return 0 end
  local sep = string.find(v, ':', 1, true)
  if tonumber(string.sub(v, sep + 1)) < now - ttl then return 0 end
  return tonumber(string.sub(v, 1, sep - 1))
end
-- One incident as the mailer reads it, nine fields (FleetReply.row), its count already read.
local function addRow(out, fp, count, now, ttl)
  table.insert(out, fp)
  table.insert(out, count)
  table.insert(out, redis.call('HGET', K.first, fp) or '0')
  table.insert(out, redis.call('HGET', K.last, fp) or '0')
  table.insert(out, redis.call('HGET', K.imm, fp) or '0')
  table.insert(out, redis.call('HGET', K.hosts, fp) or '')
  table.insert(out, redis.call('HGET', K.reported, fp) or '0')
  table.insert(out, redis.call('HGET', K.mailedAt, fp) or '-1')
  table.insert(out, tostring(timesMailed(fp, now, ttl)))
end
