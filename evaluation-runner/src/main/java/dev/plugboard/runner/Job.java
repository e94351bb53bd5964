package dev.plugboard.runner;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.plugboard.client.FileRef;
import dev.plugboard.client.ResolvedVersion;

/**
 * A leased evaluation job as the hub describes it.
 *
 * @param id the job id
 * @param leaseId the lease this runner holds
 * @param attempt which attempt this is
 * @param benchmarkId the benchmark, {@code glue/sst2}
 * @param spec the benchmark spec JSON
 * @param dataset the benchmark's dataset file
 * @param adapter the adapter version to score
 * @param baseModel the base model version it is stitched into
 */
public record Job(String id, String leaseId, int attempt, String benchmarkId, JsonObject spec, FileRef dataset,
		ResolvedVersion adapter, ResolvedVersion baseModel) {

	/** One version of a repository and its files, as the lease names it. */
	static ResolvedVersion version(JsonObject json) {
		List<FileRef> files = new ArrayList<>();
		for (JsonElement file : json.getAsJsonArray("files")) {
			files.add(FileRef.fromJson(file.getAsJsonObject()));
		}
		return new ResolvedVersion(json.get("repository").getAsString(), json.get("version").getAsString(),
				json.get("commit").getAsString(), "lease", false, files);
	}

	static Job parse(JsonObject json) {
		JsonObject benchmark = json.getAsJsonObject("benchmark");
		JsonObject dataset = benchmark.getAsJsonObject("dataset");
		if (!dataset.has("path")) {
			dataset.addProperty("path", "dataset");
		}
		return new Job(json.get("id").getAsString(), json.get("lease_id").getAsString(),
				json.has("attempt") ? json.get("attempt").getAsInt() : 1, benchmark.get("id").getAsString(),
				benchmark.getAsJsonObject("spec"), FileRef.fromJson(dataset), version(json.getAsJsonObject("adapter")),
				version(json.getAsJsonObject("base_model")));
	}

	static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		values.forEach(array::add);
		return array;
	}

}
