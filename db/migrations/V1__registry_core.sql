-- Registry core: repositories, immutable versions, their files, tags, tokens, audit log.
-- Hibernate validates this schema and never generates it.

CREATE TABLE namespaces (
	id          BIGSERIAL PRIMARY KEY,
	name        TEXT        NOT NULL UNIQUE,
	created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
	id            BIGSERIAL PRIMARY KEY,
	-- sha256 of the secret; the secret itself is shown once and never stored.
	token_hash    TEXT        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	-- NULL namespace = every namespace (admin tokens).
	namespace     TEXT,
	permission    TEXT        NOT NULL CHECK (permission IN ('read', 'write', 'admin')),
	description   TEXT,
	created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
	last_used_at  TIMESTAMPTZ,
	revoked_at    TIMESTAMPTZ,
	CHECK (permission = 'admin' OR namespace IS NOT NULL)
);

CREATE TABLE adapters (
	id              BIGSERIAL PRIMARY KEY,
	namespace_id    BIGINT      NOT NULL REFERENCES namespaces (id),
	namespace       TEXT        NOT NULL,
	name            TEXT        NOT NULL,
	description     TEXT,
	model_name      TEXT,
	model_type      TEXT,
	method          TEXT,
	adapter_config  JSONB,
	config_id       TEXT,
	adapter_type    TEXT CHECK (adapter_type IN ('text_task', 'text_lang')),
	task            TEXT,
	subtask         TEXT,
	languages       TEXT[]      NOT NULL DEFAULT '{}',
	license         TEXT,
	tags            TEXT[]      NOT NULL DEFAULT '{}',
	author          TEXT,
	citation        TEXT,
	links           JSONB,
	downloads       BIGINT      NOT NULL DEFAULT 0,
	created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
	updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
	UNIQUE (namespace, name)
);
CREATE INDEX adapters_model_name ON adapters (model_name);
CREATE INDEX adapters_method ON adapters (method);
CREATE INDEX adapters_task_subtask ON adapters (task, subtask);

CREATE TABLE adapter_versions (
	id              BIGSERIAL PRIMARY KEY,
	adapter_id      BIGINT      NOT NULL REFERENCES adapters (id),
	version         TEXT        NOT NULL,
	status          TEXT        NOT NULL CHECK (status IN ('published', 'yanked')),
	-- sha256 over the sorted "path sha256" lines: equal digests mean identical content (idempotent retries).
	content_digest  TEXT        NOT NULL CHECK (content_digest ~ '^[0-9a-f]{64}$'),
	yank_reason     TEXT,
	yanked_at       TIMESTAMPTZ,
	created_by      BIGINT REFERENCES api_tokens (id),
	created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
	downloads       BIGINT      NOT NULL DEFAULT 0,
	UNIQUE (adapter_id, version)
);
CREATE INDEX adapter_versions_latest ON adapter_versions (adapter_id, created_at DESC, id DESC);

CREATE TABLE version_files (
	id            BIGSERIAL PRIMARY KEY,
	version_id    BIGINT      NOT NULL REFERENCES adapter_versions (id),
	path          TEXT        NOT NULL,
	size          BIGINT      NOT NULL CHECK (size >= 0),
	sha256        TEXT        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	media_type    TEXT        NOT NULL,
	-- Exactly one of: bytes held in our object storage, or an external URL (imported catalogs).
	blob_key      TEXT,
	external_url  TEXT,
	downloads     BIGINT      NOT NULL DEFAULT 0,
	UNIQUE (version_id, path),
	CHECK ((blob_key IS NULL) <> (external_url IS NULL))
);
CREATE INDEX version_files_sha256 ON version_files (sha256);
CREATE INDEX version_files_blob_key ON version_files (blob_key);

CREATE TABLE tags (
	id          BIGSERIAL PRIMARY KEY,
	adapter_id  BIGINT      NOT NULL REFERENCES adapters (id),
	name        TEXT        NOT NULL,
	version_id  BIGINT      NOT NULL REFERENCES adapter_versions (id),
	updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
	UNIQUE (adapter_id, name)
);

CREATE TABLE audit_log (
	id          BIGSERIAL PRIMARY KEY,
	at          TIMESTAMPTZ NOT NULL DEFAULT now(),
	token_id    BIGINT REFERENCES api_tokens (id),
	action      TEXT        NOT NULL,
	adapter_id  BIGINT REFERENCES adapters (id),
	detail      JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_adapter ON audit_log (adapter_id, id);
