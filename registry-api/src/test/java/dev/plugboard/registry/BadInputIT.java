package dev.plugboard.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets an RFC 9457 problem with a stable type, never a 500, and a
 * rejected publish stores nothing: no version, no staging object, no blob.
 */
class BadInputIT extends HubTestSupport {

	private String ns;

	private String versions;

	@BeforeEach
	void adapter() {
		this.ns = uniqueNamespace("bad");
		createAdapter(this.ns, "a", null);
		this.versions = "/api/v1/adapters/" + this.ns + "/a/versions/";
	}

	@Test
	void unknownRepositoryVersionAndFileAre404() {
		assertProblem(this.hub.get("/api/v1/adapters/" + this.ns + "/nope"), 404, "adapter-not-found");
		assertProblem(this.hub.get(this.versions + "9.9.9"), 404, "version-not-found");
		this.hub.publish(this.versions + "1", adminToken(), AdapterFixtures.lora(1f));
		assertProblem(this.hub.get(this.versions + "1/files/nope.bin"), 404, "file-not-found");
		assertProblem(this.hub.get("/api/v1/nothing-here"), 404, "not-found");
		assertProblem(this.hub.get("/api/v1/resolve?ref=" + this.ns + "/a@nope"), 404, "version-not-found");
		assertProblem(this.hub.get("/api/v1/resolve?ref=nobody/nothing"), 404, "reference-not-found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "..%2Fx", "a..b", "-leading", "m%C3%BCller", "x.git", "a--b",
			"a123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" })
	void badNamesAreRefused(String name) {
		Response response = this.hub.json("POST", "/api/v1/adapters", adminToken(), "{\"namespace\":\"" + this.ns
				+ "\",\"name\":\"" + java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8) + "\"}");
		assertProblem(response, 400, "invalid-name");
	}

	@Test
	void emptyAndMissingNamesAreRefused() {
		assertProblem(this.hub.json("POST", "/api/v1/adapters", adminToken(), "{\"namespace\":\"x\",\"name\":\"\"}"),
				400, "invalid-name");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", adminToken(), "{\"namespace\":\"x\"}"), 400,
				"invalid-request");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", adminToken(), "[1,2]"), 400, "malformed-body");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", adminToken(), "{\"namespace\":"), 400,
				"malformed-body");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", adminToken(),
				"{\"namespace\":\"" + this.ns + "\",\"name\":\"a\"}"), 409, "adapter-exists");
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters", adminToken(),
						"{\"namespace\":\"" + this.ns + "\",\"name\":\"b\",\"type\":\"vision\"}"),
				400, "invalid-request");
		assertProblem(
				this.hub.json("POST", "/api/v1/adapters", adminToken(),
						"{\"namespace\":\"" + this.ns + "\",\"name\":\"b\",\"links\":{\"x\":\"javascript:alert(1)\"}}"),
				400, "invalid-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "latest", "main", "1..2", "-1", "v%201", "0123456789abcdef0123456789abcdef01234567" })
	void badVersionStringsAreRefused(String version) {
		Response response = this.hub.publish(this.versions + version, adminToken(), AdapterFixtures.lora(1f));
		assertProblem(response, 400, "invalid-version");
		assertNothingStored();
	}

	@Test
	void aVersionNeedsAnAdapterConfig() {
		assertProblem(
				this.hub.publish(this.versions + "1", adminToken(),
						List.of(FileUpload.of("adapter_model.safetensors", AdapterFixtures.loraWeights(2, 1f)))),
				400, "missing-adapter-config");
		assertProblem(this.hub.publish(this.versions + "1", adminToken(), List.of()), 400, "empty-version");
		assertNothingStored();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "[1, 2]", "{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "\u00ff\u00fe" })
	void invalidJsonConfigsAreRefused(String config) {
		Response response = this.hub.publish(this.versions + "1", adminToken(),
				List.of(FileUpload.of("adapter_config.json", config)));
		assertProblem(response, 400, "invalid-adapter-config");
		assertNothingStored();
	}

	@Test
	void invalidSafetensorsAreRefusedWithViolations() {
		Map<String, byte[]> cases = new LinkedHashMap<>();
		byte[] pastEnd = AdapterFixtures.safetensors("{}", 0);
		pastEnd[0] = 100;
		cases.put("header length past the end", pastEnd);
		cases.put("broken JSON", AdapterFixtures.safetensors("{\"a\": {\"dtype\": ", 0));
		cases.put("offsets out of range",
				AdapterFixtures.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4));
		cases.put("overlapping", AdapterFixtures.safetensors(
				"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
				12));
		cases.put("shape does not fit offsets",
				AdapterFixtures.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
		cases.put("too short", new byte[] { 1, 2, 3 });
		cases.forEach((label, bytes) -> {
			Response response = this.hub.publish(this.versions + "1", adminToken(),
					List.of(FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(2)),
							FileUpload.of("adapter_model.safetensors", bytes)));
			assertThat(response.status()).as(label + ": " + response).isEqualTo(400);
			assertThat(response.problemType()).as(label).isEqualTo("invalid-safetensors");
			assertThat(response.json().path("violations").isArray()).as(label).isTrue();
		});
		assertNothingStored();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pytorch_adapter.bin", "adapter_model.pt", "weights.pkl", "model.ckpt", "x.pth" })
	void picklesThatAreNotTorchArchivesAreRefused(String path) {
		Response response = this.hub.publish(this.versions + "1", adminToken(),
				List.of(FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(2)),
						FileUpload.of(path, new byte[] { (byte) 0x80, 2, '}', '.' })));
		assertProblem(response, 400, "invalid-pickle");
		assertNothingStored();
	}

	@Test
	void pickleWeightsWithForeignImportsAreRefusedAndNeverRun() {
		byte[] pickle = "\u0080\u0002cposix\nsystem\nq\u0000X\u0002\u0000\u0000\u0000idq\u0001\u0085q\u0002Rq\u0003."
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		byte[] archive = AdapterFixtures.zip(Map.of("archive/data.pkl", pickle, "archive/version", "3\n".getBytes()));
		Response response = this.hub.publish(this.versions + "1", adminToken(),
				List.of(FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(2)),
						FileUpload.of("pytorch_adapter.bin", archive)));
		assertProblem(response, 400, "pickle-weights");
		assertThat(response.json().path("violations").toString()).contains("posix.system");
		assertThat(response.json().path("detail").asString()).contains("pytorch_adapter.bin");
		assertNothingStored();
	}

	@Test
	void weightsThatDoNotFitTheConfigAreRefusedWithViolations() {
		Response response = this.hub.publish(this.versions + "1", adminToken(),
				List.of(FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(4)),
						FileUpload.of("adapter_model.safetensors", AdapterFixtures.loraWeights(2, 1f))));
		assertProblem(response, 400, "inconsistent-adapter");
		assertThat(response.json().path("violations").toString()).contains("lora_A");
		assertNothingStored();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../evil.json", "/etc/passwd", "a/../../b.json" })
	void bundleEntriesThatEscapeAreRefused(String entry) {
		Map<String, byte[]> entries = new LinkedHashMap<>(AdapterFixtures.entries(AdapterFixtures.lora(1f), ""));
		entries.put(entry, "{}".getBytes());
		assertProblem(
				this.hub.raw("PUT", this.versions + "1", adminToken(), "application/zip", AdapterFixtures.zip(entries)),
				400, "invalid-path");
		assertProblem(this.hub.raw("PUT", this.versions + "1", adminToken(), "application/gzip",
				AdapterFixtures.tarGz(entries)), 400, "invalid-path");
		assertNothingStored();
	}

	@Test
	void multipartFilenamesThatEscapeAreRefused() {
		assertProblem(
				this.hub.publish(this.versions + "1", adminToken(),
						List.of(FileUpload.of("../adapter_config.json", AdapterFixtures.loraConfig(2)))),
				400, "invalid-path");
		assertProblem(
				this.hub.publish(this.versions + "1", adminToken(),
						List.of(FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(2)),
								FileUpload.of("adapter_config.json", AdapterFixtures.loraConfig(2)))),
				400, "duplicate-file");
		assertNothingStored();
	}

	@Test
	void bundlesOverTheLimitsAreRefused() {
		Map<String, byte[]> big = new LinkedHashMap<>(AdapterFixtures.entries(AdapterFixtures.lora(1f), ""));
		big.put("big.safetensors", new byte[9 * 1024 * 1024]);
		assertProblem(
				this.hub.raw("PUT", this.versions + "1", adminToken(), "application/zip", AdapterFixtures.zip(big)),
				413, "payload-too-large");

		Map<String, byte[]> many = new LinkedHashMap<>(AdapterFixtures.entries(AdapterFixtures.lora(1f), ""));
		for (int i = 0; i < 25; i++) {
			many.put("notes/" + i + ".txt", new byte[] { 'x' });
		}
		Response tooMany = this.hub.raw("PUT", this.versions + "1", adminToken(), "application/zip",
				AdapterFixtures.zip(many));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.problemType()).isIn("invalid-bundle", "invalid-request");

		assertProblem(this.hub.raw("PUT", this.versions + "1", adminToken(), "application/zip",
				"not a zip at all".getBytes()), 400, "invalid-bundle");
		assertProblem(this.hub.raw("PUT", this.versions + "1", adminToken(), "text/plain", "x".getBytes()), 415,
				"unsupported-media-type");
		assertNothingStored();
	}

	@Test
	void writesNeedAValidTokenOfTheRightNamespace() {
		String body = "{\"namespace\":\"" + this.ns + "\",\"name\":\"secured\"}";
		Response missing = this.hub.json("POST", "/api/v1/adapters", null, body);
		assertProblem(missing, 401, "unauthenticated");
		assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", "pb_not-a-real-token", body), 401, "unauthenticated");

		String other = token(uniqueNamespace("other"), "write");
		assertProblem(this.hub.json("POST", "/api/v1/adapters", other, body), 403, "permission-denied");
		assertProblem(this.hub.publish(this.versions + "1", other, AdapterFixtures.lora(1f)), 403, "permission-denied");

		String readOnly = token(this.ns, "read");
		assertProblem(this.hub.publish(this.versions + "1", readOnly, AdapterFixtures.lora(1f)), 403,
				"permission-denied");
		assertProblem(this.hub.json("POST", "/api/v1/tokens", readOnly, "{\"namespace\":\"x\"}"), 403,
				"permission-denied");

		String own = token(this.ns, "write");
		assertThat(this.hub.publish(this.versions + "1", own, AdapterFixtures.lora(1f)).status()).isEqualTo(201);

		String revoked = token(this.ns, "write");
		long id = lastTokenId();
		assertThat(this.hub.json("DELETE", "/api/v1/tokens/" + id, adminToken(), null).status()).isEqualTo(200);
		assertProblem(this.hub.publish(this.versions + "2", revoked, AdapterFixtures.lora(1f)), 401, "unauthenticated");
		assertNothingStored();
	}

	@Test
	void malformedRequestsNeverCauseServerErrors() {
		assertProblem(this.hub.get("/api/v1/resolve"), 400, "invalid-request");
		assertProblem(this.hub.get("/api/v1/resolve?ref=justone"), 400, "invalid-reference");
		assertProblem(this.hub.get("/api/v1/resolve?ref=a/b/c"), 400, "invalid-reference");
		assertProblem(this.hub.get("/api/v1/resolve?ref=" + this.ns + "/a@"), 400, "invalid-reference");
		assertProblem(this.hub.json("DELETE", "/api/v1/adapters", adminToken(), null), 405, "method-not-allowed");
		assertProblem(this.hub.json("PUT", "/api/v1/adapters/" + this.ns + "/a/tags/stable", adminToken(), "{}"), 400,
				"invalid-request");
		assertProblem(this.hub.get(this.versions + "1/files/x", Map.of("Range", "bytes=oops")), 404,
				"version-not-found");
		Response malformedMultipart = this.hub.raw("PUT", this.versions + "1", adminToken(),
				"multipart/form-data; boundary=xyz", "--xyz\r\ngarbage".getBytes());
		assertThat(malformedMultipart.status()).isEqualTo(400);
		assertNothingStored();
	}

	private long lastTokenId() {
		Response tokens = this.hub.json("GET", "/api/v1/tokens", adminToken(), null);
		return tokens.json().get(tokens.json().size() - 1).path("id").asLong();
	}

	private void assertNothingStored() {
		assertThat(this.blobs.list("staging/")).as("staging objects").isEmpty();
		Response versions = this.hub.get(this.versions.substring(0, this.versions.length() - 1));
		assertThat(versions.status()).isEqualTo(200);
		versions.json().forEach((version) -> assertThat(version.path("version").asString()).isIn("1"));
	}

	private static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.problemType()).as(response.toString()).isEqualTo(type);
		assertThat(response.json().path("title").asString()).isNotBlank();
	}

}
