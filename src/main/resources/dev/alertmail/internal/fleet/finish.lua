-- Fleet emails that left the outbox after the last tick (sent, refused or given up at stop).
local P = KEYS[1]
for i = 1, #ARGV do
  redis.call('HDEL', P .. ':pending', ARGV[i])
end
return #ARGV
