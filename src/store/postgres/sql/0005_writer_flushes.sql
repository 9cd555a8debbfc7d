-- The writers' durability marks (store/postgres/pg_store.cpp): a writer
-- commits its batch without waiting for the disk, so that the writers'
-- lock is not held through a flush, then bumps its own row here in a
-- transaction of its own that does wait. A transaction that writes a row
-- waits for the WAL to be flushed (and the synchronous standby's
-- confirmation) up to its commit record, which lies after the batch's: once
-- it returns, the batch is durable. One row per writer connection (its
-- backend's pid), so that two instances never wait for each other here.
CREATE TABLE writer_flushes (
  pid     integer PRIMARY KEY,
  flushes bigint  NOT NULL
);
