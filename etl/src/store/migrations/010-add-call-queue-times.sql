-- When a call joined the agents' queue and when an agent answered it (issue 9, both optional in
-- calls.csv): the wait of each call, from which the Load page compares each tier's observed service
-- level with what Erlang C predicts for the agents who handled calls that hour. NULL: not exported.
ALTER TABLE calls ADD COLUMN queued_at TIMESTAMP;
ALTER TABLE calls ADD COLUMN answered_at TIMESTAMP;
