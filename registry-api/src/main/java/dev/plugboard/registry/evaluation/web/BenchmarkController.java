package dev.plugboard.registry.evaluation.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plugboard.registry.evaluation.Benchmark;
import dev.plugboard.registry.evaluation.Benchmarks;
import dev.plugboard.registry.evaluation.EvaluationProblem;
import dev.plugboard.registry.evaluation.EvaluationResults;
import dev.plugboard.registry.evaluation.EvaluationResults.Leaderboard;
import dev.plugboard.registry.evaluation.web.EvaluationViews.BaseModelRef;
import dev.plugboard.registry.evaluation.web.EvaluationViews.BenchmarkView;
import dev.plugboard.registry.evaluation.web.EvaluationViews.LeaderboardEntry;
import dev.plugboard.registry.evaluation.web.EvaluationViews.LeaderboardView;
import dev.plugboard.registry.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmarks: an admin writes the spec and uploads the dataset file; anyone reads them
 * and their leaderboards.
 */
@RestController
@RequestMapping("/api/v1/benchmarks")
class BenchmarkController {

	private static final int BUFFER = 256 * 1024;

	private final Benchmarks benchmarks;

	private final EvaluationResults results;

	private final EvaluationViews views;

	BenchmarkController(Benchmarks benchmarks, EvaluationResults results, EvaluationViews views) {
		this.benchmarks = benchmarks;
		this.results = results;
		this.views = views;
	}

	@PutMapping("/{namespace}/{name}")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Create or replace a benchmark's spec (admin); 201 when created, 200 when replaced")
	ResponseEntity<BenchmarkView> put(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, @RequestBody JsonNode spec) {
		Benchmarks.Saved saved = this.benchmarks.put(caller, namespace, name, spec);
		BenchmarkView view = this.views.benchmark(saved.benchmark());
		return saved.created() ? ResponseEntity.created(view.url()).body(view) : ResponseEntity.ok(view);
	}

	@PutMapping("/{namespace}/{name}/dataset")
	@SecurityRequirement(name = "bearer")
	@Operation(summary = "Upload the dataset file (admin): the raw body, streamed into content-addressed storage")
	BenchmarkView uploadDataset(@Parameter(hidden = true) Caller caller, @PathVariable String namespace,
			@PathVariable String name, HttpServletRequest request) throws IOException {
		String mediaType = (request.getContentType() != null) ? request.getContentType() : "application/octet-stream";
		try (InputStream body = request.getInputStream()) {
			return this.views.benchmark(this.benchmarks.uploadDataset(caller, namespace, name, body, mediaType));
		}
	}

	@GetMapping
	@Operation(summary = "All benchmarks, optionally only those serving an AdapterHub task and subtask")
	BenchmarkList list(@RequestParam(required = false) String task, @RequestParam(required = false) String subtask) {
		return new BenchmarkList(this.benchmarks.list(task, subtask).stream().map(this.views::benchmark).toList());
	}

	@GetMapping("/{namespace}/{name}")
	@Operation(summary = "One benchmark: spec, AdapterHub task/subtask, dataset checksum and download URL")
	BenchmarkView get(@PathVariable String namespace, @PathVariable String name) {
		return this.views.benchmark(this.benchmarks.get(namespace, name));
	}

	@RequestMapping(path = "/{namespace}/{name}/dataset", method = { RequestMethod.GET, RequestMethod.HEAD })
	@Operation(summary = "Download the dataset file (ETag and X-Checksum-Sha256 = its sha256)")
	void download(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Benchmark benchmark = this.benchmarks.get(namespace, name);
		if (!benchmark.hasDataset()) {
			throw new EvaluationProblem("dataset-not-found", "Benchmark " + benchmark.id() + " has no dataset yet")
				.with("benchmark", benchmark.id());
		}
		String etag = "\"" + benchmark.datasetSha256() + "\"";
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader("X-Checksum-Sha256", benchmark.datasetSha256());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=0, must-revalidate");
		if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatus(304);
			return;
		}
		response.setStatus(200);
		response.setContentType(benchmark.datasetMediaType());
		response.setContentLengthLong(benchmark.datasetSize());
		if ("HEAD".equals(request.getMethod())) {
			return;
		}
		try (InputStream in = this.benchmarks.openDataset(benchmark)) {
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
			}
			out.flush();
		}
	}

	@GetMapping("/{namespace}/{name}/leaderboard")
	@Operation(summary = "Best published version per repository by the benchmark's primary metric, best first")
	LeaderboardView leaderboard(@PathVariable String namespace, @PathVariable String name,
			@RequestParam(name = "base_model", required = false) String baseModel,
			@RequestParam(required = false) String method, @RequestParam(defaultValue = "50") int limit) {
		Leaderboard board = this.results.leaderboard(namespace, name, baseModel, method, limit);
		AtomicInteger rank = new AtomicInteger();
		List<LeaderboardEntry> entries = board.entries()
			.stream()
			.map((entry) -> new LeaderboardEntry(rank.incrementAndGet(), entry.repository(), entry.version(),
					entry.modelName(), new BaseModelRef(entry.baseRepository(), entry.baseVersion()), entry.method(),
					entry.result().primaryValue(), this.views.tree(entry.result().metrics()), entry.result().device(),
					entry.result().examplesPerSecond(), entry.result().jobId(), entry.result().createdAt()))
			.toList();
		return new LeaderboardView(board.benchmark().id(), board.benchmark().primaryMetric(), baseModel, method,
				entries);
	}

	record BenchmarkList(List<BenchmarkView> items) {
	}

}
