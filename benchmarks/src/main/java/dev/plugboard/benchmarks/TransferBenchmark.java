package dev.plugboard.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Upload and download of one file size through the hub against the same transfer straight
 * to S3. Runs alternate which side goes first, so neither always gets the warmer caches;
 * every hub upload is a new version with its own bytes.
 */
final class TransferBenchmark {

	static final String NAMESPACE = "bench";

	private static final String FILE = "blob.dat";

	private final HubApi api;

	private final DirectS3 s3;

	private final HubResources resources;

	private final int repeats;

	TransferBenchmark(HubApi api, DirectS3 s3, HubResources resources, int repeats) {
		this.api = api;
		this.s3 = s3;
		this.resources = resources;
		this.repeats = repeats;
	}

	Result run(long size) throws Exception {
		String name = "transfer-" + (size >> 20) + "mib";
		this.api.createAdapter(NAMESPACE, name);
		List<Double> hubUp = new ArrayList<>();
		List<Double> directUp = new ArrayList<>();
		String sha256 = null;
		String version = null;
		long seed = 0;
		HubResources.Window window = this.resources.open();
		for (int run = 1; run <= this.repeats; run++) {
			seed = size * 31 + run;
			version = "r" + run;
			boolean hubFirst = run % 2 == 1;
			if (!hubFirst) {
				directUp.add(uploadDirect(name, version, seed, size));
			}
			long start = System.nanoTime();
			sha256 = uploadThroughHub(name, version, seed, size);
			hubUp.add(seconds(start));
			if (hubFirst) {
				directUp.add(uploadDirect(name, version, seed, size));
			}
		}
		HubResources.Usage uploadUsage = this.resources.close(mib(size) + " uploads", window);
		checkStored(sha256, seed, size);
		double copySeconds = timedServerSideCopy(DirectS3.contentKey(sha256), name);

		URI throughHub = this.api.fileUri(NAMESPACE, name, version, FILE);
		URI direct = this.s3.presignedGet(DirectS3.contentKey(sha256));
		List<Double> hubDown = new ArrayList<>();
		List<Double> directDown = new ArrayList<>();
		window = this.resources.open();
		for (int run = 1; run <= this.repeats; run++) {
			boolean hubFirst = run % 2 == 1;
			if (!hubFirst) {
				directDown.add(timedDownload(direct, size));
			}
			hubDown.add(timedDownload(throughHub, size));
			if (hubFirst) {
				directDown.add(timedDownload(direct, size));
			}
		}
		HubResources.Usage downloadUsage = this.resources.close(mib(size) + " downloads", window);
		return new Result(size, new Comparison(hubDown, directDown), new Comparison(hubUp, directUp), copySeconds,
				uploadUsage, downloadUsage);
	}

	private String uploadThroughHub(String name, String version, long seed, long size) throws Exception {
		MultipartBody body = HubApi.configOnly().file(FILE, size, () -> new GeneratedBytes(seed, size));
		Map<String, String> files = this.api.publish(NAMESPACE, name, version, body);
		String sha256 = files.get(FILE);
		if (sha256 == null) {
			throw new IllegalStateException("The publish response lists no " + FILE + ": " + files);
		}
		return sha256;
	}

	private double uploadDirect(String name, String version, long seed, long size) throws Exception {
		String key = "direct/" + name + "/" + version;
		long start = System.nanoTime();
		try (InputStream content = new GeneratedBytes(seed, size)) {
			this.s3.put(key, content, size);
		}
		double elapsed = seconds(start);
		long stored = this.s3.size(key);
		if (stored != size) {
			throw new IllegalStateException("S3 stored " + stored + " bytes for " + key + ", expected " + size);
		}
		// Not needed afterwards; keeps the temp directory at one copy per hub version.
		this.s3.remove(key);
		return elapsed;
	}

	/**
	 * Times the copy the hub's publish makes after staging (staging key to content key),
	 * on the same object and server, so the report can show what share of a hub upload
	 * that step is.
	 */
	private double timedServerSideCopy(String key, String name) throws Exception {
		String target = "direct/" + name + "/copy";
		long start = System.nanoTime();
		this.s3.copy(key, target);
		double elapsed = seconds(start);
		this.s3.remove(target);
		return elapsed;
	}

	private double timedDownload(URI uri, long size) throws Exception {
		long start = System.nanoTime();
		long received = this.api.download(uri);
		double elapsed = seconds(start);
		if (received != size) {
			throw new IllegalStateException(
					"GET " + uri.getPath() + " returned " + received + " bytes, expected " + size);
		}
		return elapsed;
	}

	/**
	 * The hub must have stored exactly the bytes sent: hash them again here (outside the
	 * timed runs) and compare with the sha256 the hub reported and the object's size.
	 */
	private void checkStored(String sha256, long seed, long size) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new GeneratedBytes(seed, size);
				OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
			in.transferTo(out);
		}
		String expected = HexFormat.of().formatHex(digest.digest());
		if (!expected.equals(sha256)) {
			throw new IllegalStateException("The hub reported sha256 " + sha256 + " for bytes hashing to " + expected);
		}
		long stored = this.s3.size(DirectS3.contentKey(sha256));
		if (stored != size) {
			throw new IllegalStateException("The hub's blob holds " + stored + " bytes, expected " + size);
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	static String mib(long bytes) {
		return (bytes >= (1L << 30) && bytes % (1L << 30) == 0) ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
	}

	/** Seconds per run through the hub and direct, in run order. */
	record Comparison(List<Double> hubSeconds, List<Double> directSeconds) {

		double hubMedian() {
			return median(this.hubSeconds);
		}

		double directMedian() {
			return median(this.directSeconds);
		}

		/** Throughput ratio hub/direct: the inverse of the time ratio. */
		double ratio() {
			return directMedian() / hubMedian();
		}

		private static double median(List<Double> values) {
			List<Double> sorted = values.stream().sorted().toList();
			int middle = sorted.size() / 2;
			return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		}

	}

	/**
	 * @param size bytes per transfer
	 * @param download hub vs direct downloads
	 * @param upload hub vs direct uploads
	 * @param serverSideCopySeconds one S3 copy of the object, for reading the upload
	 * ratio: the hub copies every staged upload to its content address
	 * @param uploadUsage the hub's resources during the uploads
	 * @param downloadUsage the hub's resources during the downloads
	 */
	record Result(long size, Comparison download, Comparison upload, double serverSideCopySeconds,
			HubResources.Usage uploadUsage, HubResources.Usage downloadUsage) {
	}

}
