package dev.plugboard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the two cores went during a phase: the hub, this JVM (S3 server and all clients),
 * PostgreSQL, and everything else on the machine. Other work on a shared machine (a
 * build, another test run) shows up as "other" and marks numbers as disturbed. Read from
 * /proc in clock ticks.
 */
final class CpuAccounting {

	/** USER_HZ; 100 on every mainstream Linux architecture. */
	private static final double TICKS_PER_SECOND = 100;

	private final long hubPid;

	private final long postgresPid;

	CpuAccounting(long hubPid, int postgresPort) {
		this.hubPid = hubPid;
		this.postgresPid = findPostmaster(postgresPort).orElse(-1L);
	}

	Sample sample() {
		long[] machine = machineTicks();
		return new Sample(System.nanoTime(), machine[0], processTicks(this.hubPid, false),
				processTicks(ProcessHandle.current().pid(), false), postgresTicks(), machine[1], otherProcesses());
	}

	/**
	 * CPU ticks of every process that is not the hub, this JVM or PostgreSQL, to name the
	 * biggest consumers when a phase was disturbed.
	 */
	private Map<Long, Named> otherProcesses() {
		Set<Long> ours = new HashSet<>(List.of(this.hubPid, ProcessHandle.current().pid(), this.postgresPid));
		ProcessHandle.of(this.postgresPid)
			.ifPresent((postmaster) -> postmaster.children().forEach((child) -> ours.add(child.pid())));
		Map<Long, Named> others = new HashMap<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path entry : entries) {
				long pid = Long.parseLong(entry.getFileName().toString());
				if (!ours.contains(pid)) {
					long ticks = processTicks(pid, false);
					if (ticks > 0) {
						others.put(pid, new Named(describe(pid), ticks));
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Naming the disturbance is a nicety; the totals above do not depend on it.
		}
		return others;
	}

	private static String describe(long pid) {
		try {
			String command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ');
			String program = command.split(" ", 2)[0];
			program = program.substring(program.lastIndexOf('/') + 1);
			if (command.contains("surefire")) {
				return program + " (surefire tests)";
			}
			if (command.contains("plexus-classworlds")) {
				return program + " (Maven)";
			}
			// Kernel threads have no command line; their name is in comm.
			return program.isEmpty()
					? "[" + Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip() + "]" : program;
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/**
	 * The postmaster plus its live backends; backends that already exited are in the
	 * postmaster's children-time fields.
	 */
	private long postgresTicks() {
		if (this.postgresPid < 0) {
			return 0;
		}
		long ticks = processTicks(this.postgresPid, true);
		for (ProcessHandle child : ProcessHandle.of(this.postgresPid)
			.map((handle) -> handle.children().toList())
			.orElse(List.of())) {
			ticks += processTicks(child.pid(), true);
		}
		return ticks;
	}

	/**
	 * utime + stime (fields 14, 15 of /proc/pid/stat), plus reaped children's if asked.
	 */
	private static long processTicks(long pid, boolean withReapedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may contain spaces; fields count from after it.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			if (withReapedChildren) {
				ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
			}
			return ticks;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Busy and total ticks of all CPUs from /proc/stat: user, nice, system, irq and
	 * softirq are work; idle and iowait are not; steal (time the hypervisor gave to other
	 * guests) counts in the total only; guest time is already inside user and nice.
	 */
	private static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long[] value = new long[9];
			for (int i = 1; i < Math.min(fields.length, value.length); i++) {
				value[i] = Long.parseLong(fields[i]);
			}
			long busy = value[1] + value[2] + value[3] + value[6] + value[7];
			return new long[] { busy, busy + value[4] + value[5] + value[8] };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	private static Optional<Long> findPostmaster(int port) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.filter((
					process) -> process.info().arguments().map((arguments) -> listensOn(arguments, port)).orElse(false))
			.map(ProcessHandle::pid)
			.findFirst();
	}

	private static boolean listensOn(String[] arguments, int port) {
		for (int i = 0; i + 1 < arguments.length; i++) {
			if (arguments[i].equals("-p") && arguments[i + 1].equals(Integer.toString(port))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The postmaster was found, so PostgreSQL's CPU is counted (else it is in "other").
	 */
	boolean seesPostgres() {
		return this.postgresPid >= 0;
	}

	record Named(String name, long ticks) {
	}

	record Sample(long nanos, long machineBusy, long hub, long bench, long postgres, long machineTotal,
			Map<Long, Named> others) {

		Spent since(Sample start) {
			double hub = (this.hub - start.hub) / TICKS_PER_SECOND;
			double bench = (this.bench - start.bench) / TICKS_PER_SECOND;
			double postgres = (this.postgres - start.postgres) / TICKS_PER_SECOND;
			double busy = (this.machineBusy - start.machineBusy) / TICKS_PER_SECOND;
			long total = this.machineTotal - start.machineTotal;
			double busyPercent = (total <= 0) ? -1 : 100.0 * (this.machineBusy - start.machineBusy) / total;
			return new Spent((this.nanos - start.nanos) / 1e9, hub, bench, postgres,
					Math.max(0, busy - hub - bench - postgres), busyPercent, topOthersSince(start));
		}

		/** The three other processes that used the most CPU; new ones count from zero. */
		private List<String> topOthersSince(Sample start) {
			return this.others.entrySet().stream().map((entry) -> {
				Named before = start.others.get(entry.getKey());
				long ticks = entry.getValue().ticks() - ((before != null) ? before.ticks() : 0);
				return new Named(entry.getValue().name() + " " + entry.getKey(), ticks);
			})
				.filter((named) -> named.ticks() >= TICKS_PER_SECOND)
				.sorted(Comparator.comparingLong(Named::ticks).reversed())
				.limit(3)
				.map((named) -> named.name() + String.format(Locale.ROOT, " %.0f s", named.ticks() / TICKS_PER_SECOND))
				.toList();
		}

	}

	/** CPU seconds per consumer over a wall-clock interval. */
	record Spent(double wallSeconds, double hub, double bench, double postgres, double other, double machineBusyPercent,
			List<String> topOthers) {
	}

}
