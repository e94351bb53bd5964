-- AdapterHub taxonomy, architectures, imported (external) files and version descriptions.

CREATE TABLE adapter_types (
	id           TEXT PRIMARY KEY,
	displayname  TEXT NOT NULL,
	description  TEXT
);

CREATE TABLE tasks (
	task          TEXT PRIMARY KEY,
	adapter_type  TEXT NOT NULL,
	displayname   TEXT NOT NULL,
	description   TEXT
);

-- A subtask id is unique only within its task (wiki exists under 50 languages).
CREATE TABLE subtasks (
	task                     TEXT NOT NULL REFERENCES tasks (task),
	subtask                  TEXT NOT NULL,
	displayname              TEXT,
	description              TEXT,
	citation                 TEXT,
	url                      TEXT,
	language                 TEXT,
	hf_datasets_id           TEXT,
	metric_name              TEXT,
	metric_higher_is_better  BOOLEAN,
	PRIMARY KEY (task, subtask)
);

CREATE TABLE architectures (
	name         TEXT PRIMARY KEY,
	displayname  TEXT NOT NULL,
	description  TEXT,
	citation     TEXT,
	config       JSONB NOT NULL,
	config_id    TEXT NOT NULL
);

-- Where a repository came from: 'upload' or 'adapterhub' (imported card); card fields with no
-- column of their own (contact, model_class, dependencies, …) are kept in origin.
ALTER TABLE adapters ADD COLUMN source TEXT NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'adapterhub'));
ALTER TABLE adapters ADD COLUMN origin JSONB;
-- AdapterHub's per-subtask default for a base model, taken from its built index.
ALTER TABLE adapters ADD COLUMN adapterhub_default BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX adapters_config_id ON adapters (config_id);

ALTER TABLE adapter_versions ADD COLUMN description TEXT;
ALTER TABLE adapter_versions ADD COLUMN score DOUBLE PRECISION;
-- What the weights are: format, method, hyper-parameters, parameter counts (computed at upload).
ALTER TABLE adapter_versions ADD COLUMN weights JSONB;

-- External files (imported catalogs) have no size we know of.
ALTER TABLE version_files ALTER COLUMN size DROP NOT NULL;
ALTER TABLE version_files ADD COLUMN sha1 TEXT CHECK (sha1 ~ '^[0-9a-f]{40}$');
-- A safetensors file converted from a pickle file of the same version names its original.
ALTER TABLE version_files ADD COLUMN converted_from TEXT;
