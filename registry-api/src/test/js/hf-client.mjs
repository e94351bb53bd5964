// Drives the real @huggingface/hub client against a Plugboard hub; run by HuggingFaceClientIT.
// Every check throws on failure, so a non-zero exit code fails the Java test.
// Environment: HUB_URL, HF_TOKEN (a Plugboard token in its hf_ form), NAMESPACE, ADAPTER_DIR,
// and for a repository published through the native API: NATIVE_REPO, NATIVE_VERSION, NATIVE_COMMIT.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import {
	createRepo,
	downloadFile,
	fileExists,
	HubApiError,
	listFiles,
	listModels,
	modelInfo,
	pathsInfo,
	snapshotDownload,
	uploadFiles,
	whoAmI,
} from "@huggingface/hub";

const hubUrl = process.env.HUB_URL;
const accessToken = process.env.HF_TOKEN;
const namespace = process.env.NAMESPACE;
const adapterDir = process.env.ADAPTER_DIR;
const repo = `${namespace}/minilm-lora`;
const checks = [];

async function check(name, body) {
	await body();
	checks.push(name);
	console.log(`ok ${checks.length} ${name}`);
}

async function expectApiError(promise, status, errorCode) {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof HubApiError, `expected HubApiError, got ${error}`);
		assert.equal(error.statusCode, status, error.message);
		if (errorCode) {
			assert.equal(error.data?.errorCode, errorCode, JSON.stringify(error.data));
		}
		return error;
	}
	assert.fail(`expected HTTP ${status}`);
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = async (blob) => Buffer.from(await blob.arrayBuffer());

async function localFiles(dir) {
	const files = new Map();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile() || entry.isSymbolicLink()) {
			const full = join(entry.parentPath ?? entry.path, entry.name);
			files.set(relative(dir, full).split("\\").join("/"), await readFile(full));
		}
	}
	return files;
}

const local = await localFiles(adapterDir);
const paths = [...local.keys()].sort();
const weights = "adapter_model.safetensors";

await check("whoAmI names the token's namespace", async () => {
	const me = await whoAmI({ accessToken, hubUrl });
	assert.equal(me.name, namespace);
	assert.equal(me.type, "user");
});

await check("whoAmI with a wrong token is a 401", async () => {
	await expectApiError(whoAmI({ accessToken: "hf_not-a-plugboard-token", hubUrl }), 401);
});

await check("createRepo answers the repository URL", async () => {
	const created = await createRepo({ repo, accessToken, hubUrl, license: "apache-2.0" });
	assert.equal(created.repoUrl, `${hubUrl}/${repo}`);
});

await check("createRepo of an existing repository is a 409", async () => {
	await expectApiError(createRepo({ repo, accessToken, hubUrl }), 409);
});

await check("uploadFiles with a wrong token is a 401 and publishes nothing", async () => {
	await expectApiError(
		uploadFiles({ repo, accessToken: "hf_wrong", hubUrl, files: [{ path: "x.txt", content: new Blob(["x"]) }] }),
		401,
	);
});

let commit;
await check("uploadFiles publishes the adapter as version 1.0.0 (regular and LFS files)", async () => {
	const output = await uploadFiles({
		repo,
		accessToken,
		hubUrl,
		commitTitle: "1.0.0",
		files: paths.map((path) => ({ path, content: new Blob([local.get(path)]) })),
	});
	commit = output.commit.oid;
	assert.match(commit, /^[0-9a-f]{40}$/);
	assert.equal(output.commit.url, `${hubUrl}/${repo}/commit/${commit}`);
});

await check("modelInfo describes the adapter at HEAD", async () => {
	const info = await modelInfo({
		name: repo,
		hubUrl,
		additionalFields: ["sha", "filePaths", "tags", "library_name", "config", "cardData"],
	});
	assert.equal(info.name, repo);
	assert.equal(info.sha, commit);
	assert.equal(info.private, false);
	assert.equal(info.gated, false);
	assert.deepEqual([...info.filePaths].sort(), paths);
	assert.equal(info.library_name, "peft");
	for (const tag of ["peft", "lora", "base_model:adapter:sentence-transformers/all-MiniLM-L6-v2"]) {
		assert.ok(info.tags.includes(tag), `tag ${tag} in ${info.tags}`);
	}
	assert.equal(info.config.peft.base_model_name_or_path, "sentence-transformers/all-MiniLM-L6-v2");
	assert.equal(info.config.peft.task_type, "FEATURE_EXTRACTION");
	assert.ok(!Number.isNaN(info.updatedAt.getTime()));
});

await check("modelInfo at the version and at the commit", async () => {
	assert.equal((await modelInfo({ name: repo, hubUrl, revision: "1.0.0", additionalFields: ["sha"] })).sha, commit);
	assert.equal((await modelInfo({ name: repo, hubUrl, revision: commit, additionalFields: ["sha"] })).sha, commit);
	await expectApiError(modelInfo({ name: repo, hubUrl, revision: "9.9.9" }), 404, "RevisionNotFound");
	await expectApiError(modelInfo({ name: `${namespace}/no-such-repo`, hubUrl }), 404, "RepoNotFound");
});

await check("listFiles lists every file with size and sha256, folders when not recursive", async () => {
	const entries = [];
	for await (const entry of listFiles({ repo, recursive: true, hubUrl })) {
		entries.push(entry);
	}
	const files = entries.filter((e) => e.type === "file");
	assert.deepEqual(files.map((e) => e.path).sort(), paths);
	for (const file of files) {
		assert.equal(file.size, local.get(file.path).length, file.path);
		assert.equal(file.lfs.oid, sha256(local.get(file.path)), file.path);
	}
	const top = [];
	for await (const entry of listFiles({ repo, hubUrl, revision: "1.0.0" })) {
		top.push(entry);
	}
	assert.ok(top.some((e) => e.type === "directory" && e.path === "1_Pooling"), JSON.stringify(top));
	assert.ok(!top.some((e) => e.path.startsWith("1_Pooling/")));
	const inFolder = [];
	for await (const entry of listFiles({ repo, hubUrl, path: "1_Pooling" })) {
		inFolder.push(entry.path);
	}
	assert.deepEqual(inFolder, paths.filter((p) => p.startsWith("1_Pooling/")));
});

await check("pathsInfo (JSON body) gives sizes, sha256 and the last commit", async () => {
	const infos = await pathsInfo({ repo, paths: [weights, "missing.bin"], expand: true, hubUrl });
	assert.equal(infos.length, 1);
	assert.equal(infos[0].path, weights);
	assert.equal(infos[0].lfs.oid, sha256(local.get(weights)));
	assert.equal(infos[0].lastCommit.id, commit);
});

await check("listModels finds the adapter by search text, author and tags", async () => {
	let names = [];
	// The search index follows the database through an outbox within about a second.
	for (let attempt = 0; attempt < 50 && !names.includes(repo); attempt++) {
		names = [];
		for await (const model of listModels({ search: { query: "minilm", owner: namespace }, hubUrl })) {
			names.push(model.name);
		}
		if (!names.includes(repo)) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	assert.ok(names.includes(repo), names.join());
	assert.ok(names.every((name) => name.startsWith(`${namespace}/`)), names.join());
	if (process.env.NATIVE_REPO) {
		const found = [];
		for await (const model of listModels({ search: { query: "native", owner: namespace }, hubUrl })) {
			found.push(model.name);
		}
		assert.deepEqual(found, [process.env.NATIVE_REPO]);
	}
	const tagged = [];
	for await (const model of listModels({
		search: { owner: namespace, tags: ["peft", "base_model:adapter:sentence-transformers/all-MiniLM-L6-v2"] },
		hubUrl,
		additionalFields: ["sha"],
	})) {
		tagged.push(model);
	}
	const expected = process.env.NATIVE_REPO ? [repo, process.env.NATIVE_REPO].sort() : [repo];
	assert.deepEqual(tagged.map((m) => m.name).sort(), expected);
	assert.equal(tagged.find((m) => m.name === repo).sha, commit);

	const none = [];
	for await (const model of listModels({ search: { owner: namespace, tags: ["ia3"] }, hubUrl })) {
		none.push(model.name);
	}
	assert.deepEqual(none, []);
});

await check("downloadFile without a revision returns every uploaded byte", async () => {
	for (const path of paths) {
		const blob = await downloadFile({ repo, path, hubUrl });
		assert.ok(blob, path);
		assert.ok((await bytesOf(blob)).equals(local.get(path)), path);
	}
});

await check("downloadFile at the version, the commit and with a token", async () => {
	for (const revision of ["1.0.0", commit]) {
		const blob = await downloadFile({ repo, path: weights, revision, hubUrl, accessToken });
		assert.ok((await bytesOf(blob)).equals(local.get(weights)), revision);
	}
});

await check("a ranged download returns exactly the requested bytes", async () => {
	const blob = await downloadFile({ repo, path: weights, hubUrl });
	const slice = await bytesOf(blob.slice(1000, 5096));
	assert.ok(slice.equals(local.get(weights).subarray(1000, 5096)));
	const response = await fetch(`${hubUrl}/${repo}/resolve/main/${weights}`, { headers: { Range: "bytes=8-15" } });
	assert.equal(response.status, 206);
	assert.equal(response.headers.get("content-range"), `bytes 8-15/${local.get(weights).length}`);
	assert.equal(response.headers.get("x-repo-commit"), commit);
	assert.equal(response.headers.get("etag"), `"${sha256(local.get(weights))}"`);
	assert.ok(Buffer.from(await response.arrayBuffer()).equals(local.get(weights).subarray(8, 16)));
});

await check("a missing file is null for downloadFile, 404 EntryNotFound on the wire", async () => {
	assert.equal(await downloadFile({ repo, path: "adapter_model.bin", hubUrl }), null);
	assert.equal(await fileExists({ repo, path: "adapter_model.bin", hubUrl }), false);
	assert.equal(await fileExists({ repo, path: weights, hubUrl }), true);
	const response = await fetch(`${hubUrl}/${repo}/resolve/main/adapter_model.bin`, { method: "HEAD" });
	assert.equal(response.status, 404);
	assert.equal(response.headers.get("x-error-code"), "EntryNotFound");
	assert.equal(response.headers.get("x-repo-commit"), commit);
	const revision = await fetch(`${hubUrl}/${repo}/resolve/7.7.7/${weights}`);
	assert.equal(revision.headers.get("x-error-code"), "RevisionNotFound");
	const missingRepo = await fetch(`${hubUrl}/${namespace}/nothing-here/resolve/main/${weights}`);
	assert.equal(missingRepo.headers.get("x-error-code"), "RepoNotFound");
	assert.deepEqual(Object.keys(await missingRepo.json()), ["error", "errorCode"]);
});

let second;
await check("a second commit without a version title changes one file; 1.0.0 stays as it was", async () => {
	const card = Buffer.from("---\nlicense: apache-2.0\nlibrary_name: peft\n---\n# MiniLM LoRA, second revision\n");
	const output = await uploadFiles({ repo, accessToken, hubUrl, files: [{ path: "README.md", content: new Blob([card]) }] });
	second = output.commit.oid;
	assert.notEqual(second, commit);
	const info = await modelInfo({ name: repo, hubUrl, additionalFields: ["sha", "filePaths"] });
	assert.equal(info.sha, second);
	assert.deepEqual([...info.filePaths].sort(), [...paths, "README.md"].sort());
	assert.ok((await bytesOf(await downloadFile({ repo, path: "README.md", hubUrl }))).equals(card));
	assert.equal(await downloadFile({ repo, path: "README.md", revision: "1.0.0", hubUrl }), null);
	assert.ok((await bytesOf(await downloadFile({ repo, path: weights, revision: second, hubUrl }))).equals(local.get(weights)));
	const again = await uploadFiles({ repo, accessToken, hubUrl, files: [{ path: "README.md", content: new Blob([card]) }] });
	assert.equal(again.commit.oid, second, "a commit that changes nothing answers the same commit");
});

await check("uploadFiles of a broken adapter is refused with the validation message", async () => {
	const error = await expectApiError(
		uploadFiles({
			repo,
			accessToken,
			hubUrl,
			files: [{ path: weights, content: new Blob([Buffer.from("not a safetensors file")]) }],
		}),
		400,
	);
	assert.match(error.message, /safetensors/i);
});

await check("snapshotDownload fills a cache snapshot identical to the upload", async () => {
	const cacheDir = await mkdtemp(join(tmpdir(), "hf-cache-"));
	const folder = await snapshotDownload({ repo, revision: "1.0.0", cacheDir, hubUrl });
	assert.ok(folder.endsWith(commit), folder);
	const downloaded = await localFiles(folder);
	assert.deepEqual([...downloaded.keys()].sort(), paths);
	for (const path of paths) {
		assert.ok(downloaded.get(path).equals(local.get(path)), path);
	}
});

if (process.env.NATIVE_REPO) {
	await check("a version published through the native API downloads through the Hugging Face API", async () => {
		const name = process.env.NATIVE_REPO;
		const info = await modelInfo({ name, hubUrl, additionalFields: ["sha"] });
		assert.equal(info.sha, process.env.NATIVE_COMMIT);
		for (const path of paths) {
			const blob = await downloadFile({ repo: name, path, revision: process.env.NATIVE_VERSION, hubUrl });
			assert.ok((await bytesOf(blob)).equals(local.get(path)), path);
		}
	});
}

console.log(JSON.stringify({ passed: checks }));
