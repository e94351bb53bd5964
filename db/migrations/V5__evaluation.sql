-- Evaluation: benchmarks held by the hub, runners that lease jobs over REST, the job queue,
-- and the results that feed leaderboards and the search index.

-- A fourth kind of token: 'runner' may register runners, lease jobs and report on them, and
-- nothing else. Like admin tokens it is not scoped to a namespace.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_permission_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_permission_check
	CHECK (permission IN ('read', 'write', 'admin', 'runner'));
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_check
	CHECK (permission IN ('admin', 'runner') OR namespace IS NOT NULL);

-- A benchmark task: its spec (JSON, as the runner reads it) and one dataset file held in object
-- storage by sha256, like version files. Versions of adapters whose AdapterHub task and subtask
-- equal the benchmark's are evaluated on it when published.
CREATE TABLE benchmarks (
	id                  TEXT        PRIMARY KEY,
	namespace           TEXT        NOT NULL,
	name                TEXT        NOT NULL,
	spec                JSONB       NOT NULL,
	adapterhub_task     TEXT,
	adapterhub_subtask  TEXT,
	primary_metric      TEXT        NOT NULL,
	dataset_sha256      TEXT CHECK (dataset_sha256 ~ '^[0-9a-f]{64}$'),
	dataset_size        BIGINT CHECK (dataset_size >= 0),
	dataset_blob_key    TEXT,
	dataset_media_type  TEXT,
	created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
	updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
	CHECK (id = namespace || '/' || name),
	CHECK ((dataset_sha256 IS NULL) = (dataset_blob_key IS NULL))
);
CREATE INDEX benchmarks_task ON benchmarks (adapterhub_task, adapterhub_subtask);
CREATE INDEX benchmarks_dataset_blob_key ON benchmarks (dataset_blob_key);

-- A runner process, known by its name per token: registering again with the same name and token
-- updates its capabilities instead of adding a runner.
CREATE TABLE runners (
	id             UUID        PRIMARY KEY,
	name           TEXT        NOT NULL,
	token_id       BIGINT      NOT NULL REFERENCES api_tokens (id),
	capabilities   JSONB       NOT NULL DEFAULT '{}',
	registered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
	last_seen_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
	UNIQUE (token_id, name)
);

-- The queue. queued -> leased -> succeeded | failed; a leased job whose lease expired, or whose
-- runner reported a retryable failure, goes back to queued until max_attempts leases were spent.
-- lease_id is the capability a runner proves its lease with; it is never shown to anyone else.
CREATE TABLE evaluation_jobs (
	id                     BIGSERIAL   PRIMARY KEY,
	version_id             BIGINT      NOT NULL REFERENCES adapter_versions (id),
	benchmark_id           TEXT        NOT NULL REFERENCES benchmarks (id),
	-- the base model's version the adapter is evaluated on, pinned when the job is made
	base_model_version_id  BIGINT      NOT NULL REFERENCES adapter_versions (id),
	trigger                TEXT        NOT NULL CHECK (trigger IN ('publish', 'manual')),
	requested_by           BIGINT REFERENCES api_tokens (id),
	status                 TEXT        NOT NULL CHECK (status IN ('queued', 'leased', 'succeeded', 'failed')),
	attempts               INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	max_attempts           INT         NOT NULL CHECK (max_attempts >= 1),
	lease_id               UUID,
	leased_by              UUID REFERENCES runners (id),
	lease_expires_at       TIMESTAMPTZ,
	last_error             TEXT,
	created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
	updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
	finished_at            TIMESTAMPTZ,
	CHECK (status <> 'leased' OR (lease_id IS NOT NULL AND lease_expires_at IS NOT NULL))
);
-- One automatic job per version and benchmark; manual triggers may add more (re-runs).
CREATE UNIQUE INDEX evaluation_jobs_automatic ON evaluation_jobs (version_id, benchmark_id) WHERE trigger = 'publish';
CREATE INDEX evaluation_jobs_version ON evaluation_jobs (version_id, id);
-- What lease requests scan: the open jobs, oldest first.
CREATE INDEX evaluation_jobs_open ON evaluation_jobs (id) WHERE status IN ('queued', 'leased');

-- Every lease of a job, with how it ended: the history of attempts and their logs, and what makes
-- result and failure reports idempotent (a report names its lease).
CREATE TABLE evaluation_attempts (
	lease_id    UUID        PRIMARY KEY,
	job_id      BIGINT      NOT NULL REFERENCES evaluation_jobs (id),
	attempt     INT         NOT NULL,
	runner_id   UUID        NOT NULL REFERENCES runners (id),
	started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
	ended_at    TIMESTAMPTZ,
	outcome     TEXT CHECK (outcome IN ('succeeded', 'failed', 'expired')),
	retryable   BOOLEAN,
	reason      TEXT,
	logs        TEXT,
	UNIQUE (job_id, attempt)
);

-- The score of a version on a benchmark. One row per version and benchmark: a re-run (a manual
-- trigger) replaces it; the jobs and attempts keep the history.
CREATE TABLE evaluation_results (
	id                     BIGSERIAL        PRIMARY KEY,
	job_id                 BIGINT           NOT NULL UNIQUE REFERENCES evaluation_jobs (id),
	version_id             BIGINT           NOT NULL REFERENCES adapter_versions (id),
	benchmark_id           TEXT             NOT NULL REFERENCES benchmarks (id),
	base_model_version_id  BIGINT           NOT NULL REFERENCES adapter_versions (id),
	dataset_sha256         TEXT,
	metrics                JSONB            NOT NULL,
	primary_metric         TEXT             NOT NULL,
	primary_value          DOUBLE PRECISION NOT NULL,
	device                 TEXT,
	duration_ms            BIGINT,
	examples               BIGINT,
	examples_per_second    DOUBLE PRECISION,
	timings_ms             JSONB,
	runtime                JSONB,
	runner_id              UUID REFERENCES runners (id),
	created_at             TIMESTAMPTZ      NOT NULL DEFAULT now(),
	UNIQUE (version_id, benchmark_id)
);
CREATE INDEX evaluation_results_leaderboard ON evaluation_results (benchmark_id, primary_value DESC);
