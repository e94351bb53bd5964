package dev.plugboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load on {@code GET /api/v1/resolve}: each client (a virtual thread) sends
 * its next request as soon as the previous one is answered, for a random one of the
 * seeded repositories. Only requests that start after the warm-up and finish before the
 * end count, so the numbers are the steady state. Stops by itself: the deadline is fixed
 * and every request has a timeout.
 */
final class ResolveLoad {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	// 1 µs to 60 s at 3 significant digits: enough for p99 and max of a local call.
	private static final long HIGHEST_NANOS = Duration.ofSeconds(60).toNanos();

	private final HubApi api;

	private final int repositories;

	ResolveLoad(HubApi api, int repositories) {
		this.api = api;
		this.repositories = repositories;
	}

	Result run(int clients, Duration warmup, Duration measure) throws Exception {
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long measureUntil = measureFrom + measure.toNanos();
		List<Future<Client>> running = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < clients; c++) {
				running.add(threads.submit(() -> loop(measureFrom, measureUntil)));
			}
		}
		Histogram all = new Histogram(HIGHEST_NANOS, 3);
		long errors = 0;
		long warmupErrors = 0;
		long sent = 0;
		List<String> samples = new ArrayList<>();
		for (Future<Client> future : running) {
			Client client = future.get();
			all.add(client.latencies);
			errors += client.errors;
			warmupErrors += client.warmupErrors;
			sent += client.sent;
			if (client.firstError != null && samples.size() < 5) {
				samples.add(client.firstError);
			}
		}
		return new Result(clients, warmup, measure, all.getTotalCount(),
				all.getTotalCount() / (measure.toNanos() / 1e9), all.getValueAtPercentile(50) / 1e6,
				all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6, errors, warmupErrors, sent, samples);
	}

	private Client loop(long measureFrom, long measureUntil) {
		HttpClient http = this.api.client();
		Client client = new Client();
		while (System.nanoTime() < measureUntil) {
			URI uri = this.api.resolveUri(TransferBenchmark.NAMESPACE + "/" + RepositorySeeder.PREFIX
					+ ThreadLocalRandom.current().nextInt(this.repositories));
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build();
			long sent = System.nanoTime();
			String error = null;
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					error = response.statusCode() + " " + uri.getQuery() + ": " + response.body();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return client;
			}
			catch (Exception ex) {
				error = ex + " " + uri.getQuery();
			}
			long answered = System.nanoTime();
			client.sent++;
			boolean measured = sent >= measureFrom && answered <= measureUntil;
			if (error != null) {
				if (sent < measureFrom) {
					client.warmupErrors++;
				}
				else {
					client.errors++;
				}
				if (client.firstError == null) {
					client.firstError = error;
				}
			}
			else if (measured) {
				client.latencies.recordValue(Math.min(answered - sent, HIGHEST_NANOS));
			}
		}
		return client;
	}

	/** One client's tally; a per-thread histogram needs no locking. */
	private static final class Client {

		final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);

		long errors;

		long warmupErrors;

		long sent;

		String firstError;

	}

	/**
	 * Latencies in milliseconds over successful measured requests; errors during the
	 * measured window count in {@code errors}; {@code sent} counts every request of the
	 * run, warm-up included, for per-request CPU cost.
	 */
	record Result(int clients, Duration warmup, Duration measure, long requests, double requestsPerSecond,
			double p50Millis, double p99Millis, double maxMillis, long errors, long warmupErrors, long sent,
			List<String> errorSamples) {
	}

}
