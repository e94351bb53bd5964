-- Changes for the search index, written in the same transaction as the change itself, so a crash
-- between commit and indexing loses nothing: the indexer consumes rows and deletes them.
CREATE TABLE search_outbox (
	id          BIGSERIAL PRIMARY KEY,
	adapter_id  BIGINT      NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX search_outbox_id ON search_outbox (id);
