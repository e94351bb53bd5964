-- Repository types, like the Hugging Face Hub's repo types: a repository holds an adapter (the
-- default, what every existing row is) or a base model (config.json and weights in the Hugging Face
-- layout). The type is chosen when the repository is created and never changes: it decides how
-- versions are validated.
ALTER TABLE adapters ADD COLUMN repo_type TEXT NOT NULL DEFAULT 'adapter'
	CHECK (repo_type IN ('adapter', 'base_model'));

-- Base models are looked up by the name adapters give in model_name, ignoring case as the Hugging
-- Face Hub resolves repository ids.
CREATE INDEX adapters_base_model_id ON adapters (lower(namespace || '/' || name)) WHERE repo_type = 'base_model';
CREATE INDEX adapters_repo_type ON adapters (repo_type, namespace, name);

-- 'bundled': a base model the hub imported from the jars it ships with.
ALTER TABLE adapters DROP CONSTRAINT adapters_source_check;
ALTER TABLE adapters ADD CONSTRAINT adapters_source_check CHECK (source IN ('upload', 'adapterhub', 'bundled'));
