package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches what the hub uses over one phase of the run.
 * <ul>
 * <li>Memory: peak resident set from {@code /proc/<pid>/status} (VmHWM, reset at the
 * start of the phase); heap just before and just after every collection from the GC log;
 * and the live heap at the end ({@code jcmd GC.run}, then {@code GC.heap_info}). Heap
 * that grew with file size would show as a larger live or after-GC heap in the 1 GiB
 * phase than in the 64 MiB one, or as an OutOfMemoryError at 256 MiB.</li>
 * <li>CPU: see {@link CpuAccounting}; with two cores, hub, S3 server, clients and
 * PostgreSQL compete, which explains much of a ratio.</li>
 * </ul>
 */
final class HubResources {

	// "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->14M(256M) 3.1ms"
	private static final Pattern COLLECTION = Pattern
		.compile("GC\\(\\d+\\) (Pause .*?)\\s(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([\\d.]+)ms");

	private static final Pattern JCMD_HEAP_USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");

	private final HubProcess hub;

	private final CpuAccounting cpu;

	HubResources(HubProcess hub, CpuAccounting cpu) {
		this.hub = hub;
		this.cpu = cpu;
	}

	/** Starts a phase: peak RSS and CPU count from now on, GC lines from here on. */
	Window open() throws IOException {
		boolean reset = resetPeakRss();
		return new Window(Files.exists(this.hub.gcLog()) ? Files.size(this.hub.gcLog()) : 0, reset, this.cpu.sample());
	}

	Usage close(String phase, Window window) throws IOException, InterruptedException {
		CpuAccounting.Spent spent = this.cpu.sample().since(window.cpu());
		long peakRssKib = statusKib("VmHWM");
		long rssKib = statusKib("VmRSS");
		long peakHeapKib = -1;
		long maxAfterGcKib = -1;
		int collections = 0;
		int full = 0;
		double longestPauseMillis = 0;
		for (String line : gcLinesSince(window.gcLogOffset())) {
			Matcher m = COLLECTION.matcher(line);
			if (m.find()) {
				collections++;
				if (m.group(1).startsWith("Pause Full")) {
					full++;
				}
				peakHeapKib = Math.max(peakHeapKib, kib(m.group(2), m.group(3)));
				// Remark and Cleanup free nothing; their "after" is not a post-collection
				// heap.
				if (m.group(1).startsWith("Pause Young") || m.group(1).startsWith("Pause Full")) {
					maxAfterGcKib = Math.max(maxAfterGcKib, kib(m.group(4), m.group(5)));
				}
				longestPauseMillis = Math.max(longestPauseMillis, Double.parseDouble(m.group(8)));
			}
		}
		// After reading the phase's GC lines, so this collection is not counted in it.
		long liveKib = liveHeapKib();
		return new Usage(phase, spent, peakRssKib, window.peakReset(), rssKib, peakHeapKib, maxAfterGcKib, collections,
				full, longestPauseMillis, liveKib);
	}

	/**
	 * Writing 5 to clear_refs resets VmHWM to the current RSS (Linux), so each phase
	 * reports its own peak rather than the peak since start.
	 */
	private boolean resetPeakRss() {
		try {
			Files.writeString(Path.of("/proc", Long.toString(this.hub.pid()), "clear_refs"), "5");
			return true;
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
	}

	private long statusKib(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.hub.pid()), "status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
			}
		}
		return -1;
	}

	private List<String> gcLinesSince(long offset) throws IOException {
		byte[] all = Files.readAllBytes(this.hub.gcLog());
		int from = (int) Math.min(offset, all.length);
		return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
	}

	/**
	 * Heap still referenced after a full collection, or -1 without jcmd. Forced only
	 * between phases, where it cannot disturb a measurement.
	 */
	private long liveHeapKib() throws InterruptedException {
		if (jcmd("GC.run") == null) {
			return -1;
		}
		String info = jcmd("GC.heap_info");
		if (info == null) {
			return -1;
		}
		Matcher m = JCMD_HEAP_USED.matcher(info);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

	private String jcmd(String command) throws InterruptedException {
		Path jcmd = HubProcess.jdkBin().resolve("jcmd");
		if (!Files.isExecutable(jcmd)) {
			return null;
		}
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.hub.pid()), command)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return (process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static long kib(String amount, String unit) {
		long value = Long.parseLong(amount);
		return switch (unit) {
			case "K" -> value;
			case "M" -> value * 1024;
			default -> value * 1024 * 1024;
		};
	}

	record Window(long gcLogOffset, boolean peakReset, CpuAccounting.Sample cpu) {
	}

	/**
	 * @param phase what the hub did meanwhile
	 * @param cpu where CPU time went in the phase, and how long it took
	 * @param peakRssKib VmHWM at the end of the phase
	 * @param peakIsPhaseOnly whether VmHWM was reset at the start (else: since start)
	 * @param rssKib VmRSS at the end of the phase
	 * @param peakHeapKib largest heap occupancy just before a collection, -1 if none
	 * @param maxAfterGcKib largest heap occupancy left after an evacuating (young, mixed
	 * or full) collection, -1 if none
	 * @param collections GC pauses in the phase
	 * @param fullCollections full GCs among them (heap pressure)
	 * @param longestPauseMillis the longest of those pauses
	 * @param liveHeapKib heap referenced at the end (after a forced full GC), or -1
	 */
	record Usage(String phase, CpuAccounting.Spent cpu, long peakRssKib, boolean peakIsPhaseOnly, long rssKib,
			long peakHeapKib, long maxAfterGcKib, int collections, int fullCollections, double longestPauseMillis,
			long liveHeapKib) {
	}

}
