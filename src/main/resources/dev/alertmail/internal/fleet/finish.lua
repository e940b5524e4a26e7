-- Fleet emails that left the outbox after the last tick (sent, refused or given up at stop).
for i = 1, #ARGV do
  redis.call('HDEL', K.pending, ARGV[i])
end
return #ARGV
